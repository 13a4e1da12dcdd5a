import { describe, expect, it } from 'vitest'
import { denseFrameRewards, sampledFrameRewards } from './frameRewards'

function close(actual: ArrayLike<number>, expected: readonly number[]) {
  expect(actual).toHaveLength(expected.length)
  expected.forEach((v, i) => (Number.isNaN(v) ? expect(actual[i]).toBeNaN() : expect(actual[i]).toBeCloseTo(v, 12)))
}

describe('sampledFrameRewards', () => {
  it('puts each call\'s reward on its frame, 0 between, the progress held', () => {
    // Calls at 2 (0.5: clipped to +0.2) and 5 (0.6: +0.1).
    const r = sampledFrameRewards([2, 5], [0.5, 0.6], 7)
    close(r.rewards, [0, 0, 0.2, 0, 0, 0.1, 0])
    close(r.progress, [NaN, NaN, 0.5, 0.5, 0.5, 0.6, 0.6])
    close(r.cumulative, [0, 0, 0.2, 0.2, 0.2, 0.3, 0.3])
    expect(r.total).toBeCloseTo(0.3, 12)
  })

  it('smooths per call, not per frame', () => {
    // p̃ = 0.5 then 0.75 whatever the gap: rewards 0.2 (clipped) and 0.2 (0.25 clipped).
    const r = sampledFrameRewards([0, 4], [1, 1], 5, { emaAlpha: 0.5 })
    close(r.rewards, [0.2, 0, 0, 0, 0.2])
    close(r.progress, [0.5, 0.5, 0.5, 0.5, 0.75])
  })

  it('ignores calls outside the episode', () => {
    expect(sampledFrameRewards([1, 9], [0.1, 0.2], 3).total).toBeCloseTo(0.1, 12)
  })
})

describe('denseFrameRewards', () => {
  it('is a call on every frame', () => {
    const r = denseFrameRewards([0, 0.1, 0.1, 0.5])
    close(r.rewards, [0, 0.1, 0, 0.2])
    expect(r.total).toBeCloseTo(0.3, 12)
  })

  it('telescopes to the last value when no delta reaches the clip', () => {
    const p = Array.from({ length: 101 }, (_, i) => i / 100)
    expect(denseFrameRewards(p).total).toBeCloseTo(1, 12)
  })
})
