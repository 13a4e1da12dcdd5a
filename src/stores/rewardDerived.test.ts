import { describe, expect, it } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { docOf } from '@/test/docs'
import { targetProgress } from './annotationDerived'
import { curveRewards } from './rewardDerived'
import { createRewardStore, DEFAULT_REWARD_SETTINGS } from './rewardStore'

const DOC = docOf([['A', 10], ['B', 10], ['tail', 5]])
const MODEL: PredictionCurve = {
  name: 'm', model: 'm', path: 'x.jsonl',
  frames: [{ frameIndex: 0, progress: 10, source: 'model', line: 1 }, { frameIndex: 12, progress: 60, source: 'model', line: 2 }],
}

describe('curveRewards', () => {
  it('gives the target, the proposal and each model, memoised on their values and the settings', () => {
    const all = curveRewards(DOC, undefined, [MODEL], DEFAULT_REWARD_SETTINGS)
    expect(all.map((c) => c.key)).toEqual(['target', 'proposal', 'model:m'])
    // Per-frame deltas of the target stay under the clip: the return telescopes to the last progress.
    const target = targetProgress(DOC, undefined).progress
    expect(all[0]!.rewards.total).toBeCloseTo(target[target.length - 1]!, 12)
    // The model's calls: +0.1, then 0.5 clipped to +0.2, on frames 0 and 12.
    expect(all[2]!.rewards.rewards[0]).toBeCloseTo(0.1, 12)
    expect(all[2]!.rewards.rewards[12]).toBeCloseTo(0.2, 12)
    expect(all[2]!.rewards.total).toBeCloseTo(0.3, 12)
    const again = curveRewards(DOC, undefined, [MODEL], DEFAULT_REWARD_SETTINGS)
    again.forEach((c, i) => expect(c).toBe(all[i]))
  })

  it('recomputes the target after an edit and every curve after a setting, not the models after an edit', () => {
    const before = curveRewards(DOC, undefined, [MODEL], DEFAULT_REWARD_SETTINGS)
    const r = applyEdit(DOC, { type: 'moveBoundary', boundary: 0, frame: 13 })
    if (!r.ok) throw new Error(r.reason)
    const after = curveRewards(r.doc, undefined, [MODEL], DEFAULT_REWARD_SETTINGS)
    expect(after[0]).not.toBe(before[0])
    expect(after[2]).toBe(before[2])
    const wider = curveRewards(r.doc, undefined, [MODEL], { ...DEFAULT_REWARD_SETTINGS, clip: 1 })
    expect(wider[2]).not.toBe(after[2])
    expect(wider[2]!.rewards.total).toBeCloseTo(0.6, 12)
  })

  it('calls the reward model on the target every k frames: larger deltas, clipped', () => {
    // Calls at 0, 5, 10, 15, 20 see 0, 0.222, 0.5, 0.722, 1: every delta but the first is clipped to 0.2.
    const [target] = curveRewards(DOC, undefined, [], { ...DEFAULT_REWARD_SETTINGS, every: 5 })
    expect(target!.rewards.total).toBeCloseTo(0.8, 12)
    expect([...target!.rewards.rewards].filter((r) => r !== 0)).toHaveLength(4)
  })

  it('keeps the frames whose next H rewards sum above zero', () => {
    // H = 1 on the model: only the two call frames have a reward, both positive.
    const [, , model] = curveRewards(DOC, undefined, [MODEL], { ...DEFAULT_REWARD_SETTINGS, horizon: 1 })
    expect(model!.filter.keep.reduce((a, k) => a + k, 0)).toBe(2)
    expect(model!.runs[0]).toEqual({ start: 0, end: 1, keep: true })
  })
})

describe('rewardStore', () => {
  it('keeps settings sane and a new object per change', () => {
    const store = createRewardStore('test.reward')
    const first = store.getState().settings
    store.getState().set({ clip: -1, horizon: 2.6, gamma: 2, emaAlpha: 0.5 })
    expect(store.getState().settings).toEqual({ clip: 0, emaAlpha: 0.5, every: 1, horizon: 3, gamma: 1, baseline: 'zero' })
    expect(store.getState().settings).not.toBe(first)
    store.getState().set({ emaAlpha: undefined })
    expect(store.getState().settings.emaAlpha).toBeUndefined()
    store.getState().reset()
    expect(store.getState().settings).toBe(DEFAULT_REWARD_SETTINGS)
  })
})
