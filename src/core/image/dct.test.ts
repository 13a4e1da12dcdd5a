import { describe, expect, it } from 'vitest'
import vectors from '../../test/reference/phash/unit_vectors.json'
import { patternL } from '../../test/reference/phash/syntheticImages'
import { createDct2 } from './dct'

function dct8(input: ArrayLike<number>): number[] {
  return Array.from(createDct2(32, 32, 8).apply(input, new Float64Array(64)))
}

describe('createDct2 = scipy.fftpack.dct(dct(x, axis=0), axis=1)[:8, :8]', () => {
  it('matches SciPy on a 32x32 pattern to 1e-9 relative', () => {
    const ours = dct8(patternL(32, 32))
    vectors.dct.forEach((expected, i) => {
      expect(Math.abs(ours[i]! - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)))
    })
  })

  // SciPy (an FFT) gives exact zeros on these; a plain cosine sum gives +-1e-12, which the median threshold of
  // pHash would read as signal. Expected first rows: scipy.fftpack on the same inputs (rows 1..7 are all 0).
  it.each([
    ['flat 128', (_x: number) => 128, [524288, 0, 0, 0, 0, 0, 0, 0]],
    ['left-right mirror', (x: number) => Math.floor(Math.abs(x - 15.5) * 8), [262144, 0, 106071.71808884053, 0, 0, 0, 11628.845304134795, 0]],
    ['ramp', (x: number) => x * 7, [444416, -185850.4528896861, 0, -20583.118052580892, 0, -7360.74957159489, 0, -3716.5741546333193]],
  ])('%s: coefficients SciPy makes exactly 0 are exactly 0', (_name, f, row0) => {
    const input = new Float64Array(1024)
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) input[y * 32 + x] = f(x)
    const out = dct8(input)
    row0.forEach((v, l) => {
      if (v === 0) expect(out[l]).toBe(0)
      else expect(out[l]).toBeCloseTo(v, 6)
    })
    expect(out.slice(8).every((v) => v === 0)).toBe(true)
  })

  it('handles sizes that do not halve evenly (direct sum)', () => {
    const dct = createDct2(3, 5, 2)
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    const out = dct.apply(x, new Float64Array(4))
    // y[0][0] = 4 * sum(x) for DCT-II unnormalised along both axes.
    expect(out[0]).toBeCloseTo(4 * 120, 9)
  })
})
