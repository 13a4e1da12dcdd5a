#!/usr/bin/python3
"""Reference pHash values for ProcLens's TypeScript port, computed the way ProcVLM computes them.

ProcVLM calls `imagehash.phash(img)` on PIL images. imagehash is not packaged by Debian, so this script repeats
its `phash` (imagehash 4.3.x, `hash_size=8`, `highfreq_factor=4`) on top of PIL + SciPy + numpy only:

    image.convert("L").resize((32, 32), Image.Resampling.LANCZOS)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    bits = dct[:8, :8] > numpy.median(dct[:8, :8])
    hex  = '{:0>16x}'.format(int(''.join(bits), 2))      # imagehash's _binary_array_to_hex, i.e. str(hash)

Sources (each optional; a missing folder is reported and skipped):
  crowndata  every *.webp under DATASETS/crowndata-droid_image-sequences        label: path below that folder
  ecot       every *.jpg under DATASETS/ecot-bridge-intermediate/annotated_frames label: path below that folder
  g1         the AV1 video of DATASETS/g1-policy-train_lerobot-v2.1, decoded to PNG with FFMPEG_PNG_COMMAND
  demo       every video under DEMO (decoded the same way) and every image under DEMO
Output: {"sources": {source: {image path: hex, video path: {"stride": s, "hashes": [hex of frame 0, s, 2s, ...]}}}},
paths relative to the source's folder (every frame for g1, every 5th for the demo's 16,000 frames). The PNGs of video frames live in a temporary folder only.

Run with Debian's interpreter (it has PIL and SciPy):
    /usr/bin/python3 src/test/reference/phash/phash_reference.py            # writes phash_reference.json here
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy
import PIL
import scipy
import scipy.fftpack
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..', '..'))
IMAGE_EXTS = ('.png', '.jpg', '.jpeg', '.webp', '.bmp')
VIDEO_EXTS = ('.mp4', '.webm', '.mkv', '.mov', '.avi')
# The test decodes videos with exactly this command too (phashReference.test.ts), so both sides hash the same PNG
# pixels. `-fps_mode passthrough` keeps one PNG per decoded frame; `-start_number 0` numbers them from frame 0.
FFMPEG_PNG_COMMAND = ['ffmpeg', '-v', 'error', '-nostdin', '-i', '{video}', '-fps_mode', 'passthrough',
                      '-start_number', '0', '{dir}/frame_%06d.png']


def phash_hex(image):
    """str(imagehash.phash(image)) with the defaults ProcVLM uses."""
    small = image.convert('L').resize((32, 32), Image.Resampling.LANCZOS)
    pixels = numpy.asarray(small)
    dct = scipy.fftpack.dct(scipy.fftpack.dct(pixels, axis=0), axis=1)
    low = dct[:8, :8]
    bits = low > numpy.median(low)
    bit_string = ''.join(str(b) for b in 1 * bits.flatten())
    return '{:0>16x}'.format(int(bit_string, 2))


def natural_key(name):
    return [int(part) if part.isdigit() else part for part in re.split(r'(\d+)', name)]


def files_under(root, exts):
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            if name.lower().endswith(exts):
                found.append(os.path.relpath(os.path.join(folder, name), root))
    return sorted(found, key=natural_key)


def hash_images(root, exts=IMAGE_EXTS):
    out = {}
    for rel in files_under(root, exts):
        with Image.open(os.path.join(root, rel)) as im:
            out[rel] = phash_hex(im)
    return out


def hash_video(root, rel, stride=1):
    """{rel: {stride, hashes}}: the hashes of frames 0, stride, 2*stride, ... (frame_000000.png is frame 0)."""
    hashes = []
    with tempfile.TemporaryDirectory(prefix='phash-ref-') as tmp:
        command = [a.replace('{video}', os.path.join(root, rel)).replace('{dir}', tmp) for a in FFMPEG_PNG_COMMAND]
        subprocess.run(command, check=True)
        for i, name in enumerate(sorted(os.listdir(tmp), key=natural_key)):
            assert name == f'frame_{i:06d}.png', name
            if i % stride == 0:
                with Image.open(os.path.join(tmp, name)) as im:
                    hashes.append(phash_hex(im))
    return {rel: {'stride': stride, 'hashes': hashes}}


def compact_json(doc):
    """Indented JSON with one line per file entry, so the committed file stays small and diffs stay readable."""
    lines = ['{']
    top = [(k, v) for k, v in doc.items() if k != 'sources']
    for k, v in top:
        lines.append(f' {json.dumps(k)}: {json.dumps(v)},')
    lines.append(' "sources": {')
    names = list(doc['sources'])
    for n, name in enumerate(names):
        lines.append(f'  {json.dumps(name)}: {{')
        entries = list(doc['sources'][name].items())
        for i, (label, value) in enumerate(entries):
            comma = ',' if i < len(entries) - 1 else ''
            lines.append(f'   {json.dumps(label)}: {json.dumps(value, separators=(",", ":"))}{comma}')
        lines.append('  }' + (',' if n < len(names) - 1 else ''))
    lines.append(' }')
    lines.append('}')
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--datasets', default=os.path.normpath(os.path.join(REPO, '..', 'shared', 'datasets')))
    parser.add_argument('--demo', default=os.path.join(REPO, 'public', 'demo'))
    parser.add_argument('--out', default=os.path.join(HERE, 'phash_reference.json'))
    parser.add_argument('--demo-stride', type=int, default=5,
                        help='hash every Nth frame of the demo videos (keeps the JSON small; default 5)')
    parser.add_argument('--keep', action='store_true', help='keep the sources already in --out that are missing now')
    args = parser.parse_args()

    sources = {}
    crowndata = os.path.join(args.datasets, 'crowndata-droid_image-sequences')
    ecot = os.path.join(args.datasets, 'ecot-bridge-intermediate', 'annotated_frames')
    g1 = os.path.join(args.datasets, 'g1-policy-train_lerobot-v2.1')
    if os.path.isdir(crowndata):
        sources['crowndata'] = hash_images(crowndata, ('.webp',))
    if os.path.isdir(ecot):
        sources['ecot'] = hash_images(ecot, ('.jpg',))
    if os.path.isdir(g1):
        sources['g1'] = {}
        for rel in files_under(g1, VIDEO_EXTS):
            sources['g1'].update(hash_video(g1, rel))
    if os.path.isdir(args.demo):
        demo = hash_images(args.demo)
        for rel in files_under(args.demo, VIDEO_EXTS):
            demo.update(hash_video(args.demo, rel, args.demo_stride))
        if demo:
            sources['demo'] = demo

    if args.keep and os.path.exists(args.out):
        with open(args.out) as f:
            previous = json.load(f)['sources']
        for name, values in previous.items():
            sources.setdefault(name, values)

    for name in ('crowndata', 'ecot', 'g1', 'demo'):
        count = sum(len(v['hashes']) if isinstance(v, dict) else 1 for v in sources.get(name, {}).values())
        print(f'{name}: {count} frames' if name in sources else f'{name}: absent, skipped', file=sys.stderr)
    ffmpeg_version = subprocess.run(['ffmpeg', '-version'], capture_output=True, text=True).stdout.split('\n')[0]
    doc = {
        'generator': 'src/test/reference/phash/phash_reference.py',
        'algorithm': 'imagehash.phash(hash_size=8, highfreq_factor=4), str() hex',
        'versions': {'pillow': PIL.__version__, 'scipy': scipy.__version__, 'numpy': numpy.__version__,
                     'ffmpeg': ffmpeg_version},
        'ffmpegPngCommand': FFMPEG_PNG_COMMAND,
        'sources': sources,
    }
    with open(args.out, 'w') as f:
        f.write(compact_json(doc))


if __name__ == '__main__':
    main()
