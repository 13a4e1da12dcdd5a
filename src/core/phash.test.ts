import { describe, expect, it } from 'vitest'
import vectors from '../test/reference/phash/unit_vectors.json'
import { syntheticRgb } from '../test/reference/phash/syntheticImages'
import type { SyntheticKind } from '../test/reference/phash/syntheticImages'
import { phashHamming, phashHex, phashHexOfReduced, phashReducedImage, phashSimilarity } from './phash'

describe('phashHex = str(imagehash.phash(img)) (values from PIL + SciPy, unit_vectors.py)', () => {
  it.each(vectors.phash.map((v) => [v.kind, v.width, v.height, v.hex] as const))('%s %ix%i -> %s', (kind, w, h, hex) => {
    expect(phashHex(syntheticRgb(kind as SyntheticKind, w, h))).toBe(hex)
  })

  it('gives the same hash for RGBA (alpha ignored) as for RGB', () => {
    const rgb = syntheticRgb('blob', 320, 240)
    const rgba = new Uint8Array(320 * 240 * 4)
    for (let i = 0; i < 320 * 240; i++) rgba.set([...rgb.data.subarray(i * 3, i * 3 + 3), i % 256], i * 4)
    expect(phashHex({ data: rgba, width: 320, height: 240, channels: 4 })).toBe(phashHex(rgb))
  })

  it('is stable across calls with different frame sizes (shared buffers are reset)', () => {
    const a = phashHex(syntheticRgb('noise', 640, 480))
    phashHex(syntheticRgb('checker', 50, 50))
    expect(phashHex(syntheticRgb('noise', 640, 480))).toBe(a)
  })

  it('rejects an empty image', () => {
    expect(() => phashHex({ data: new Uint8Array(0), width: 0, height: 0, channels: 3 })).toThrow(RangeError)
  })
})

describe('hex formatting (imagehash _binary_array_to_hex: row-major bits, first bit most significant)', () => {
  // A reduced image whose DCT has one dominant coefficient pattern is hard to build by hand; instead check the
  // layout on degenerate inputs and on the reduced image of a real case.
  it.each([
    ['black', 0, '0000000000000000'], // all coefficients 0: nothing > median 0
    ['flat grey', 128, '8000000000000000'], // only the DC term (bit 0, the MSB) exceeds the median 0
  ])('%s -> %s', (_name, v, hex) => {
    expect(phashHexOfReduced(new Uint8Array(1024).fill(v))).toBe(hex)
  })

  it('a horizontal-only pattern sets bits only in the first row (the first 2 hex digits)', () => {
    const px = new Uint8Array(1024)
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) px[y * 32 + x] = x < 16 ? 200 : 30
    const hex = phashHexOfReduced(px)
    expect(hex).toMatch(/^[0-9a-f]{2}0{14}$/)
    expect(hex).not.toBe('0000000000000000')
  })

  it('hashes the reduced image it exposes', () => {
    const img = syntheticRgb('gradient', 97, 61)
    expect(phashHexOfReduced(phashReducedImage(img))).toBe(phashHex(img))
  })
})

describe('phashHamming / phashSimilarity (ProcVLM image_phash_sim: 1 - hamming / 64)', () => {
  it.each([
    ['0000000000000000', '0000000000000000', 0, 1],
    ['8000000000000000', '0000000000000000', 1, 63 / 64],
    ['ffffffffffffffff', '0000000000000000', 64, 0],
    ['c2e868d0d7868eaf', 'c2e868d0d7868eae', 1, 63 / 64],
    ['0f0f0f0f0f0f0f0f', 'f0f0f0f0f0f0f0f0', 64, 0],
    ['ABCDEF0123456789', 'abcdef0123456789', 0, 1],
    ['8259565ad0dca97e', 'c2e868d0d7868eaf', 28, 36 / 64],
  ])('%s vs %s: %i bits, similarity %f', (a, b, bits, sim) => {
    expect(phashHamming(a, b)).toBe(bits)
    expect(phashHamming(b, a)).toBe(bits)
    expect(phashSimilarity(a, b)).toBe(sim)
  })

  it.each([['abc', '0000000000000000'], ['zzzzzzzzzzzzzzzz', '0000000000000000']])('rejects %s', (a, b) => {
    expect(() => phashHamming(a, b)).toThrow(RangeError)
  })
})
