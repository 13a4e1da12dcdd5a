import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { linearSumAssignment } from './hungarian'

/** Minimum total cost over every injective assignment of the shorter side (brute force). */
function bruteForceMin(cost: number[][]): number {
  const nr = cost.length
  const nc = cost[0]?.length ?? 0
  const tall = nr > nc
  const rows = tall ? nc : nr
  const cols = tall ? nr : nc
  const at = (r: number, c: number): number => (tall ? cost[c]?.[r] : cost[r]?.[c]) as number
  let best = Infinity
  const used = new Array<boolean>(cols).fill(false)
  const go = (r: number, acc: number): void => {
    if (r === rows) {
      best = Math.min(best, acc)
      return
    }
    for (let c = 0; c < cols; c++) {
      if (used[c] === true) continue
      used[c] = true
      go(r + 1, acc + at(r, c))
      used[c] = false
    }
  }
  go(0, 0)
  return best
}

const totalCost = (cost: number[][], a: { rows: number[]; cols: number[] }): number =>
  a.rows.reduce((s, r, k) => s + (cost[r]?.[a.cols[k] as number] as number), 0)

describe('linearSumAssignment', () => {
  it('is optimal and a valid matching on random small matrices (vs brute force)', () => {
    const matrix = fc.integer({ min: 1, max: 6 }).chain((nr) =>
      fc.integer({ min: 1, max: 6 }).chain((nc) =>
        fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.double({ min: -50, max: 50, noNaN: true })), { minLength: nc, maxLength: nc }), { minLength: nr, maxLength: nr })))
    fc.assert(fc.property(matrix, (cost) => {
      const a = linearSumAssignment(cost)
      expect(a).toBeDefined()
      if (a === undefined) return
      const n = Math.min(cost.length, cost[0]?.length ?? 0)
      expect(a.rows).toHaveLength(n)
      expect(new Set(a.rows).size).toBe(n)
      expect(new Set(a.cols).size).toBe(n)
      expect([...a.rows].sort((x, y) => x - y)).toEqual(a.rows)
      expect(totalCost(cost, a)).toBeCloseTo(bruteForceMin(cost), 9)
    }), { numRuns: 500 })
  })

  // Tie-heavy matrices with several optimal assignments; expected = scipy.optimize.linear_sum_assignment
  // (SciPy 1.10.1, /usr/bin/python3). The same tie-breaking was checked on 3,000 random matrices.
  it.each([
    [[[1, 3, 1, 2], [3, 3, 1, 0], [2, 2, 3, 1]], [0, 1, 2], [0, 3, 1]],
    [[[0, 3, 3, 1, 0, 3], [3, 1, 0, 0, 1, 3], [1, 0, 2, 2, 0, 2], [1, 2, 0, 2, 1, 2], [1, 2, 0, 1, 2, 3]], [0, 1, 2, 3, 4], [0, 3, 1, 4, 2]],
    [[[11, 8, 3], [20, 17, 12], [26, 23, 18]], [0, 1, 2], [2, 1, 0]],
    [[[0, 2, 2, 3, 1], [1, 0, 0, 0, 1], [0, 2, 0, 2, 2], [1, 1, 3, 3, 1]], [0, 1, 2, 3], [0, 1, 2, 4]],
    [[[5, 19], [0, 14], [2, 12], [5, 9], [10, 4]], [1, 4], [0, 1]],
    [[[3, 3], [0, 0], [0, 1], [1, 0], [3, 1], [3, 3]], [1, 3], [0, 1]],
    [[[7, 7, 7], [7, 7, 7], [7, 7, 7]], [0, 1, 2], [0, 1, 2]],
  ])('breaks ties as SciPy does: %j', (cost, rows, cols) => {
    expect(linearSumAssignment(cost)).toEqual({ rows, cols })
  })

  it.each([
    ['empty', [], { rows: [], cols: [] }],
    ['NaN entry', [[1, NaN]], undefined],
    ['-Infinity entry', [[1, -Infinity]], undefined],
    ['ragged rows', [[1, 2], [3]], undefined],
    ['all forbidden', [[Infinity, Infinity], [Infinity, Infinity]], undefined],
  ])('%s', (_name, cost, expected) => {
    expect(linearSumAssignment(cost)).toEqual(expected)
  })

  it('avoids +Infinity (forbidden) pairs when it can', () => {
    expect(linearSumAssignment([[Infinity, 1], [1, Infinity]])).toEqual({ rows: [0, 1], cols: [1, 0] })
  })
})
