import { describe, expect, it } from 'vitest'
import { rewardTrace } from './reward'
import type { RewardOptions } from './reward'

const N = NaN

// Hand-computed: delta r_t = clip(p_t − p_{t−1}, −neg, +pos) with p_{−1} = 0.
describe('rewardTrace', () => {
  it.each([
    ['default: delta clipped at ±0.2', [0.1, 0.5, 0.45, 0.9, 1], {}, [0.1, 0.2, -0.05, 0.2, 0.1]],
    ['the first delta is measured from 0', [0.15], {}, [0.15]],
    ['no clip: the deltas telescope', [0.3, 0.1, 0.8], { clip: Infinity }, [0.3, -0.2, 0.7]],
    ['separate negative and positive clips', [0.4, 0.1], { negClip: 0.05, posClip: 0.3 }, [0.3, -0.05]],
    ['a clip of 0.1 for both', [0.4, 0.1], { clip: 0.1 }, [0.1, -0.1]],
    ['raw: the progress itself', [0.1, 0.5, 0.45], { form: 'raw' }, [0.1, 0.5, 0.45]],
    // p̃ = 0.5, 0.75, 0.875 → deltas 0.5 (→0.2), 0.25 (→0.2), 0.125
    ['EMA α = 0.5 from p̃ = 0', [1, 1, 1], { emaAlpha: 0.5 }, [0.2, 0.2, 0.125]],
    ['EMA with raw', [1, 1], { emaAlpha: 0.5, form: 'raw' }, [0.5, 0.75]],
    ['invalid → 0 reward, previous kept', [0.3, N, 0.4], {}, [0.2, 0, 0.1]],
    ['Infinity is invalid too', [0.3, Infinity, 0.4], {}, [0.2, 0, 0.1]],
    ['invalid reward can be set', [0.3, N], { invalidReward: -1 }, [0.2, -1]],
    ['RLInf parser rule: invalid → progress 0 → −clip', [0.3, N, 0.4], { onInvalid: 'parser' }, [0.2, -0.2, 0.2]],
    ['values outside [0, 1] are clipped first', [1.5, -0.5], { clip: Infinity }, [1, -1]],
  ] as [string, number[], RewardOptions, number[]][])('%s', (_name, progress, options, rewards) => {
    const trace = rewardTrace(progress, options)
    expect(trace.rewards).toHaveLength(rewards.length)
    trace.rewards.forEach((r, i) => expect(r).toBeCloseTo(rewards[i] as number, 12))
  })

  it('keeps a running return and the total', () => {
    const trace = rewardTrace([0.1, 0.5, 0.45, 0.9, 1])
    const want = [0.1, 0.3, 0.25, 0.45, 0.55]
    trace.cumulative.forEach((c, i) => expect(c).toBeCloseTo(want[i] as number, 12))
    expect(trace.total).toBeCloseTo(0.55, 12)
  })

  it('without clipping, the total equals the final progress', () => {
    expect(rewardTrace([0.2, 0.1, 0.6, 0.55, 0.9], { clip: Infinity }).total).toBeCloseTo(0.9, 12)
  })

  it('reports the (smoothed) progress used, NaN where invalid', () => {
    expect(rewardTrace([1, N, 1], { emaAlpha: 0.5 }).progress).toEqual([0.5, NaN, 0.75])
  })

  it('an empty curve has no reward', () => {
    expect(rewardTrace([])).toEqual({ progress: [], rewards: [], cumulative: [], total: 0 })
  })
})
