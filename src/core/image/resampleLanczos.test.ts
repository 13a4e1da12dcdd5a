import { describe, expect, it } from 'vitest'
import vectors from '../../test/reference/phash/unit_vectors.json'
import { patternL } from '../../test/reference/phash/syntheticImages'
import { lanczosKernel, PRECISION_BITS, resampleLanczosL } from './resampleLanczos'

// Pillow 9.4 `Image.frombytes('L', (w, h), pattern_l(w, h)).resize((ow, oh), LANCZOS)`, byte for byte: downscale,
// upscale, one axis only, mixed, and the 640x480 -> 32x32 of a VGA frame.
describe('resampleLanczosL = PIL resize(LANCZOS) on "L" images', () => {
  it.each(vectors.resample.map((v) => [`${String(v.in[0])}x${String(v.in[1])} -> ${String(v.out[0])}x${String(v.out[1])}`, v] as const))('%s', (_name, v) => {
    const [w, h] = v.in as [number, number]
    const [ow, oh] = v.out as [number, number]
    const out = resampleLanczosL({ data: patternL(w, h), width: w, height: h }, ow, oh)
    expect(Array.from(out.subarray(0, ow * oh))).toEqual(v.pixels)
  })

  it('returns a copy when the size does not change', () => {
    const src = patternL(5, 4)
    const out = resampleLanczosL({ data: src, width: 5, height: 4 }, 5, 4)
    expect(out).not.toBe(src)
    expect(Array.from(out)).toEqual(Array.from(src))
  })

  it('keeps a flat image flat, at any scale', () => {
    for (const [w, h] of [[640, 480], [88, 50], [7, 3]] as const) {
      const out = resampleLanczosL({ data: new Uint8Array(w * h).fill(173), width: w, height: h }, 32, 32)
      expect(new Set(out)).toEqual(new Set([173]))
    }
  })

  it('uses 22-bit fixed-point weights that sum to 1 within rounding, over a window widened by the downscale', () => {
    const k = lanczosKernel(640, 32)
    expect(k.ksize).toBe(121) // ceil(3 * 20) * 2 + 1
    for (let i = 0; i < k.outSize; i++) {
      let sum = 0
      for (let j = 0; j < k.bounds[2 * i + 1]!; j++) sum += k.weights[i * k.ksize + j]!
      expect(Math.abs(sum - (1 << PRECISION_BITS))).toBeLessThanOrEqual(k.bounds[2 * i + 1]!)
    }
    expect(lanczosKernel(640, 32)).toBe(k) // memoised per size
  })
})
