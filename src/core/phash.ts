/**
 * Perceptual hash equal to Python's `str(imagehash.phash(image))` on a PIL image, which is what ProcVLM's
 * progress target measures frame-to-frame change with (`core/utils/common.py: image_phash_sim`).
 *
 * imagehash 4.3 `phash(image, hash_size=8, highfreq_factor=4)`:
 *   1. `image.convert("L")`                          -> toGrayscaleL (Pillow's integer L24 luma)
 *   2. `.resize((32, 32), LANCZOS)`                  -> resampleLanczosL (Pillow's fixed-point two-pass resize)
 *   3. `dct(dct(pixels, axis=0), axis=1)[:8, :8]`    -> createDct2 (SciPy's unnormalised DCT-II)
 *   4. `bits = block > median(block)`                 (median of 64 = mean of the 32nd and 33rd values)
 *   5. hex of the 64 bits, row-major, MSB first       (imagehash `_binary_array_to_hex`)
 * Given the same decoded pixels, the hash is identical to imagehash's; see docs/phash.md for measurements.
 */
import type { PixelBuffer } from './frameStamp'
import { createDct2 } from './image/dct'
import { toGrayscaleL } from './image/grayscale'
import { resampleLanczosL } from './image/resampleLanczos'

/** Side of imagehash's reduced image (`hash_size * highfreq_factor`). */
export const PHASH_IMAGE_SIZE = 32
/** Side of the low-frequency block that becomes the hash (`hash_size`). */
export const PHASH_HASH_SIZE = 8
/** Bits in a hash. */
export const PHASH_BITS = PHASH_HASH_SIZE * PHASH_HASH_SIZE

// Working buffers shared by every call: hashing a 20,000-frame episode allocates only when the frame size grows.
let gray = new Uint8Array(0)
const small = new Uint8Array(PHASH_IMAGE_SIZE * PHASH_IMAGE_SIZE)
const dct = createDct2(PHASH_IMAGE_SIZE, PHASH_IMAGE_SIZE, PHASH_HASH_SIZE)
const block = new Float64Array(PHASH_BITS)
const sorted = new Float64Array(PHASH_BITS)
const HEX = '0123456789abcdef'

/** The 32x32 "L" image imagehash takes the DCT of (exposed for tests and diagnostics; a fresh copy). */
export function phashReducedImage(img: PixelBuffer): Uint8Array {
  reduce(img)
  return small.slice()
}

function reduce(img: PixelBuffer): void {
  if (gray.length < img.width * img.height) gray = new Uint8Array(img.width * img.height)
  toGrayscaleL(img, gray)
  resampleLanczosL({ data: gray, width: img.width, height: img.height }, PHASH_IMAGE_SIZE, PHASH_IMAGE_SIZE, small)
}

/** `phashHex` of an image already converted to Pillow's "L" (steps 2 to 5): a grey plane, row-major. */
export function phashHexOfGray(plane: { data: Uint8Array; width: number; height: number }): string {
  if (plane.width < 1 || plane.height < 1) throw new RangeError(`phashHexOfGray: empty image (${String(plane.width)}x${String(plane.height)})`)
  resampleLanczosL(plane, PHASH_IMAGE_SIZE, PHASH_IMAGE_SIZE, small)
  return phashHexOfReduced(small)
}

/** The hash of an already reduced 32x32 grey image (steps 3 to 5). */
export function phashHexOfReduced(pixels: ArrayLike<number>): string {
  dct.apply(pixels, block)
  sorted.set(block)
  sorted.sort()
  const median = (sorted[PHASH_BITS / 2 - 1]! + sorted[PHASH_BITS / 2]!) / 2
  let hex = ''
  for (let nibble = 0; nibble < PHASH_BITS / 4; nibble++) {
    let v = 0
    for (let b = 0; b < 4; b++) v = (v << 1) | (block[nibble * 4 + b]! > median ? 1 : 0)
    hex += HEX[v]!
  }
  return hex
}

/**
 * `str(imagehash.phash(img))`: 16 lowercase hex digits, the 8x8 bits row-major with the first bit as the most
 * significant. `img` is RGB or RGBA (alpha is ignored, as Pillow's convert("L") ignores it); at least 1x1.
 */
export function phashHex(img: PixelBuffer): string {
  if (img.width < 1 || img.height < 1) throw new RangeError(`phashHex: empty image (${String(img.width)}x${String(img.height)})`)
  reduce(img)
  return phashHexOfReduced(small)
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4]

/** Number of differing bits between two 16-hex-digit hashes (imagehash's `h1 - h2`), 0..64. */
export function phashHamming(a: string, b: string): number {
  if (a.length !== PHASH_BITS / 4 || b.length !== PHASH_BITS / 4) {
    throw new RangeError(`phashHamming: expected two ${String(PHASH_BITS / 4)}-digit hashes, got '${a}' and '${b}'`)
  }
  let bits = 0
  for (let i = 0; i < a.length; i++) {
    const x = parseInt(a[i]!, 16)
    const y = parseInt(b[i]!, 16)
    if (Number.isNaN(x) || Number.isNaN(y)) throw new RangeError(`phashHamming: not hex: '${a}' / '${b}'`)
    bits += POPCOUNT4[x ^ y]!
  }
  return bits
}

/**
 * ProcVLM's `image_phash_sim` for two same-sized images: `1 - hamming / 64`, so one of 1, 63/64, ..., 0.
 * (ProcVLM returns 1.0 for images of different sizes without hashing; that rule belongs to the caller, which
 * knows the sizes.)
 */
export function phashSimilarity(a: string, b: string): number {
  return 1 - phashHamming(a, b) / PHASH_BITS
}
