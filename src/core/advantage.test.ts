import { describe, expect, it } from 'vitest'
import type { AdvantageOptions } from './advantage'
import { advantageFilter, horizonReturns, keepRuns } from './advantage'

function close(actual: ArrayLike<number>, expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length)
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 12))
}

// Hand-computed: G_t = Σ_{k<H} γ^k r_{t+k}, the window truncated at the end.
describe('horizonReturns', () => {
  const r = [0.1, 0.2, -0.05, 0.2, 0.1]
  it.each([
    ['H = 1: the rewards themselves', r, 1, 1, r],
    ['H = 2', r, 2, 1, [0.3, 0.15, 0.15, 0.3, 0.1]],
    ['H = 2, γ = 0.5', r, 2, 0.5, [0.2, 0.175, 0.05, 0.25, 0.1]],
    ['H longer than the episode: the sums to the end', r, 10, 1, [0.55, 0.45, 0.25, 0.3, 0.1]],
    ['H = 3, γ = 0.5: the reward leaving the window is dropped', [1, 0, 0, 1], 3, 0.5, [1, 0.25, 0.5, 1]],
    ['a fractional H is floored, below 1 is 1', [1, 2], 0.4, 1, [1, 2]],
    ['empty', [], 5, 1, []],
  ] as [string, number[], number, number, number[]][])('%s', (_name, rewards, h, gamma, expected) => {
    close(horizonReturns(rewards, h, gamma), expected)
  })

  it('equals the direct sum on a long random trace', () => {
    const rewards = Array.from({ length: 500 }, (_, i) => Math.sin(i * 1.7) * 0.2)
    const g = horizonReturns(rewards, 37, 0.97)
    for (const t of [0, 100, 470, 499]) {
      let direct = 0
      for (let k = 0; k < 37 && t + k < 500; k++) direct += 0.97 ** k * rewards[t + k]!
      expect(g[t]).toBeCloseTo(direct, 10)
    }
  })
})

describe('advantageFilter', () => {
  it.each([
    // G = [0.1, 0, −0.1, 0.1, 0.2]: a flat window and a regressing one are dropped.
    ['zero baseline', [0.1, 0, 0, -0.1, 0.2], { horizon: 2 }, 0, [1, 0, 0, 1, 1]],
    // mean G = 0.06: A = [0.04, −0.06, −0.16, 0.04, 0.14].
    ['mean baseline', [0.1, 0, 0, -0.1, 0.2], { horizon: 2, baseline: 'mean' }, 0.06, [1, 0, 0, 1, 1]],
    // A curve that never goes down: everything is kept at b = 0, only the fast step at b = mean (0.15).
    ['monotone, zero', [0.3, 0.1, 0.1, 0.1], { horizon: 1 }, 0, [1, 1, 1, 1]],
    ['monotone, mean', [0.3, 0.1, 0.1, 0.1], { horizon: 1, baseline: 'mean' }, 0.15, [1, 0, 0, 0]],
    ['flat: nothing kept', [0, 0, 0], { horizon: 2 }, 0, [0, 0, 0]],
    // 0.1 + 0.2 − 0.3 is 5.6e-17 in floating point: a flat window, dropped.
    ['rounding noise is not progress', [0.1, 0.2, -0.3], { horizon: 3 }, 0, [0, 0, 0]],
  ] as [string, number[], AdvantageOptions, number, number[]][])('%s', (_name, rewards, options, baseline, keep) => {
    const a = advantageFilter(rewards, options)
    expect(a.baseline).toBeCloseTo(baseline, 12)
    expect([...a.keep]).toEqual(keep)
    expect(a.keptFraction).toBeCloseTo(keep.filter((k) => k === 1).length / keep.length, 12)
    a.advantage.forEach((v, i) => expect(v).toBeCloseTo(a.returns[i]! - baseline, 12))
  })

  it('an empty episode keeps nothing', () => {
    expect(advantageFilter([], { horizon: 3, baseline: 'mean' })).toMatchObject({ baseline: 0, keptFraction: 0 })
  })
})

describe('keepRuns', () => {
  it('groups equal neighbours', () => {
    expect(keepRuns([1, 1, 0, 1])).toEqual([{ start: 0, end: 2, keep: true }, { start: 2, end: 3, keep: false }, { start: 3, end: 4, keep: true }])
    expect(keepRuns([])).toEqual([])
  })
})
