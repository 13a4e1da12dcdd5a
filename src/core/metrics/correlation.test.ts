import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { averageRanks, kendallTauA, pearson, populationVariance, spearman } from './correlation'

/** ProcVLM's `kendall_tau_a`, pair by pair. */
function tauABrute(x: number[], y: number[]): number {
  let c = 0
  let d = 0
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const dx = Math.sign((x[i] as number) - (x[j] as number))
      const dy = Math.sign((y[i] as number) - (y[j] as number))
      if (dx === 0 || dy === 0) continue
      if (dx === dy) c++
      else d++
    }
  }
  return (c - d) / ((x.length * (x.length - 1)) / 2)
}

describe('correlation primitives', () => {
  // scipy.stats.rankdata(method='average')
  it.each([
    [[10, 20, 30], [1, 2, 3]],
    [[30, 10, 20], [3, 1, 2]],
    [[5, 5, 1, 5], [3, 3, 1, 3]],
    [[2, 1, 2, 1], [3.5, 1.5, 3.5, 1.5]],
  ])('averageRanks(%j) = %j', (xs, ranks) => {
    expect(averageRanks(xs)).toEqual(ranks)
  })

  it('pearson: NaN for constant input, clipped to [-1, 1]', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN()
    expect(pearson([1], [1])).toBeNaN()
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeLessThanOrEqual(1)
    // np.corrcoef([1,2,3,4],[1,3,2,4])[0,1]
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 14)
  })

  it('spearman of a monotone but non-linear relation is 1', () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 14)
  })

  it('populationVariance is ddof=0 (np.var)', () => {
    expect(populationVariance([0, 50, 100])).toBeCloseTo(5000 / 3, 10)
  })

  it.each([
    [[0, 20, 40, 60, 80, 100], [0, 0, 50, 50, 100, 100], 0.8],
    [[1, 1, 1], [1, 2, 3], 0],
    [[1, 2], [2, 1], -1],
  ])('kendallTauA(%j, %j) = %d (ties stay in the denominator)', (x, y, tau) => {
    expect(kendallTauA(x, y)).toBeCloseTo(tau, 14)
  })

  it('kendallTauA (O(n log n)) equals the O(n²) pair loop, ties included', () => {
    const vec = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 40 })
    fc.assert(fc.property(vec, (pairs) => {
      const x = pairs.map((p) => p[0])
      const y = pairs.map((p) => p[1])
      expect(kendallTauA(x, y)).toBeCloseTo(tauABrute(x, y), 12)
    }), { numRuns: 500 })
  })
})
