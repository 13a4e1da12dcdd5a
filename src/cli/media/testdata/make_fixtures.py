#!/usr/bin/python3
"""Small images written and decoded by PIL, for the decode tests of src/cli/media (frames.test.ts).

JPEGs are made of flat 16x16 blocks: every 8x8 DCT block is then DC-only, which every IDCT (libjpeg's, ffmpeg's)
reconstructs identically, so the expected pixels test our chroma upsampling and YCbCr -> RGB alone, exactly.
WebP (VP8) decoding is bit-exact everywhere, so any content works. `phash` is str(imagehash.phash(image)). Regenerate (from the repository root):
    /usr/bin/python3 src/cli/media/testdata/make_fixtures.py
"""
import hashlib
import json
import os
import sys

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', '..', '..', 'test', 'reference', 'phash'))
from phash_reference import phash_hex  # noqa: E402


def lcg(n, seed):
    s = seed
    out = bytearray(n)
    for i in range(n):
        s = (s * 1103515245 + 12345) & 0x7fffffff
        out[i] = (s >> 16) & 0xff
    return bytes(out)


def blocks(w, h, seed):
    colors = lcg(3 * ((w + 15) // 16) * ((h + 15) // 16), seed)
    px = bytearray()
    for y in range(h):
        for x in range(w):
            b = (y // 16) * ((w + 15) // 16) + x // 16
            px += colors[3 * b:3 * b + 3]
    return Image.frombytes('RGB', (w, h), bytes(px))


def main():
    made = {
        'blocks420.jpg': (blocks(46, 30, 7), dict(format='JPEG', quality=90, subsampling=2)),
        'blocks422.jpg': (blocks(46, 30, 8), dict(format='JPEG', quality=90, subsampling=1)),
        'blocks444.jpg': (blocks(46, 30, 9), dict(format='JPEG', quality=90, subsampling=0)),
        'noise.webp': (Image.frombytes('RGB', (37, 23), lcg(37 * 23 * 3, 11)), dict(format='WEBP', quality=70)),
        'gradient.webp': (Image.frombytes('RGB', (40, 26), bytes(
            v for y in range(26) for x in range(40) for v in ((x * 6) % 256, (y * 9) % 256, (x * y) % 256))),
            dict(format='WEBP', quality=85)),
        'lossless.webp': (Image.frombytes('RGB', (21, 13), lcg(21 * 13 * 3, 5)), dict(format='WEBP', lossless=True)),
        'gray.png': (Image.frombytes('L', (19, 7), lcg(19 * 7, 3)), dict(format='PNG')),
        'rgba.png': (Image.frombytes('RGBA', (17, 9), lcg(17 * 9 * 4, 4)), dict(format='PNG')),
    }
    expected = {}
    for name, (im, opts) in made.items():
        path = os.path.join(HERE, name)
        im.save(path, **opts)
        with Image.open(path) as back:
            rgb = back.convert('RGB').tobytes()
            expected[name] = {'mode': back.mode, 'width': back.size[0], 'height': back.size[1],
                              'rgbSha256': hashlib.sha256(rgb).hexdigest(), 'phash': phash_hex(back)}
    with open(os.path.join(HERE, 'pil_decoded.json'), 'w') as f:
        json.dump(expected, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
