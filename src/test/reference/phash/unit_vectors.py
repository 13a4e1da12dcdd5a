#!/usr/bin/python3
"""PIL / SciPy values the pHash unit tests (src/core/image/*.test.ts, src/core/phash.test.ts) expect. Regenerate:
    /usr/bin/python3 src/test/reference/phash/unit_vectors.py > src/test/reference/phash/unit_vectors.json

The synthetic images are defined by the same integer formulas in syntheticImages.ts (TypeScript) and here."""
import json
import sys

import numpy
import scipy.fftpack
from PIL import Image

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from phash_reference import phash_hex  # noqa: E402


def lcg_bytes(n, seed):
    out = bytearray(n)
    s = seed
    for i in range(n):
        s = (s * 1103515245 + 12345) & 0x7fffffff
        out[i] = (s >> 16) & 0xff
    return bytes(out)


def pattern_l(w, h):
    return bytes(((x * 37 + y * 11 + (x * y) % 7) % 256) for y in range(h) for x in range(w))


def synthetic_rgb(kind, w, h):
    if kind == 'noise':
        return lcg_bytes(w * h * 3, 12345)
    px = bytearray()
    for y in range(h):
        for x in range(w):
            if kind == 'gradient':
                px += bytes(((x * 7 + y * 3) % 256, (x * y) % 256, (255 - 2 * x) % 256))
            elif kind == 'checker':
                v = 230 if ((x // 8) + (y // 8)) % 2 == 0 else 20
                px += bytes((v, v // 2, 255 - v))
            elif kind == 'blob':
                d = (x - w // 3) ** 2 + (y - h // 2) ** 2
                v = 255 if d < (min(w, h) // 4) ** 2 else 40
                px += bytes((v, (v + x) % 256, (y * 5) % 256))
            elif kind == 'flat':
                px += bytes((90, 120, 200))
    return bytes(px)


def main():
    doc = {'generator': 'src/test/reference/phash/unit_vectors.py', 'grayscale': [], 'resample': [], 'phash': []}
    for c in [(0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 255, 0), (0, 0, 255), (12, 34, 56), (250, 251, 252),
              (128, 64, 32), (17, 230, 91), (254, 1, 127), (99, 99, 100), (1, 2, 3)]:
        doc['grayscale'].append({'rgb': list(c), 'l': Image.new('RGB', (1, 1), c).convert('L').getpixel((0, 0))})
    for (w, h, ow, oh) in [(13, 9, 5, 4), (13, 9, 32, 32), (13, 9, 7, 9), (13, 9, 13, 4), (40, 30, 32, 32),
                           (100, 3, 32, 32), (640, 480, 32, 32)]:
        im = Image.frombytes('L', (w, h), pattern_l(w, h)).resize((ow, oh), Image.Resampling.LANCZOS)
        doc['resample'].append({'in': [w, h], 'out': [ow, oh], 'pixels': list(im.tobytes())})
    x = numpy.frombuffer(pattern_l(32, 32), numpy.uint8).reshape(32, 32)
    doc['dct'] = [float(v) for v in scipy.fftpack.dct(scipy.fftpack.dct(x, axis=0), axis=1)[:8, :8].flatten()]
    for kind, w, h in [('noise', 64, 48), ('noise', 640, 480), ('gradient', 97, 61), ('checker', 50, 50),
                       ('blob', 320, 240), ('flat', 31, 17), ('gradient', 32, 32), ('noise', 7, 5), ('noise', 1, 1)]:
        im = Image.frombytes('RGB', (w, h), synthetic_rgb(kind, w, h))
        doc['phash'].append({'kind': kind, 'width': w, 'height': h, 'hex': phash_hex(im)})
    json.dump(doc, sys.stdout, separators=(',', ':'))
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
