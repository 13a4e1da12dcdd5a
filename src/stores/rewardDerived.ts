/**
 * The reward each progress curve of the open document would give (`core/frameRewards.ts`) and what the advantage
 * filter keeps of it (`core/advantage.ts`), derived, never stored. Memoised per curve on the identity of its values
 * (the target's progress array, which `targetProgress` shares until an edit; a model's frames, which never change)
 * and of the settings object, so the reward row, the Reward section and the CSV share one computation per edit
 * or setting, and moving the playhead costs nothing.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { AdvantageTrace, KeepRun } from '@/core/advantage'
import { advantageFilter, keepRuns } from '@/core/advantage'
import type { FrameRewards } from '@/core/frameRewards'
import { denseFrameRewards, sampledFrameRewards } from '@/core/frameRewards'
import type { RewardOptions } from '@/core/reward'
import type { PredictionCurve } from '@/data/annotations/episodePredictions'
import { proposalProgress, targetProgress } from './annotationDerived'
import type { RewardSettings } from './rewardStore'

export interface CurveReward {
  /** The progress chart's key of the curve: `target`, `proposal`, `model:<name>`. */
  key: string
  rewards: FrameRewards
  filter: AdvantageTrace
  runs: KeepRun[]
}

function rewardOptions(s: RewardSettings): RewardOptions {
  return { clip: s.clip, ...(s.emaAlpha !== undefined ? { emaAlpha: s.emaAlpha } : {}) }
}

/** A dense curve's rewards with the reward model called every `every` frames from frame 0. */
function denseRewards(values: Float64Array, every: number, options: RewardOptions): FrameRewards {
  if (every <= 1) return denseFrameRewards(values, options)
  const frames: number[] = []
  for (let f = 0; f < values.length; f += every) frames.push(f)
  return sampledFrameRewards(frames, frames.map((f) => values[f]!), values.length, options)
}

function withFilter(key: string, rewards: FrameRewards, s: RewardSettings): CurveReward {
  const filter = advantageFilter(rewards.rewards, { horizon: s.horizon, gamma: s.gamma, baseline: s.baseline })
  return { key, rewards, filter, runs: keepRuns(filter.keep) }
}

const cache = new WeakMap<object, { settings: RewardSettings; frameCount: number; value: CurveReward }>()

function cached(values: object, settings: RewardSettings, frameCount: number, compute: () => CurveReward): CurveReward {
  const hit = cache.get(values)
  if (hit !== undefined && hit.settings === settings && hit.frameCount === frameCount) return hit.value
  const value = compute()
  cache.set(values, { settings, frameCount, value })
  return value
}

/**
 * Every curve's reward, in the chart's legend order but for the time-linear baseline (its reward is a constant
 * 1/N per frame: nothing to audit). A model's progress (0..100) is read on 0..1 as RLInf normalises it.
 */
export function curveRewards(doc: AnnotationDoc, similarities: ArrayLike<number> | undefined, predictions: readonly PredictionCurve[], settings: RewardSettings): CurveReward[] {
  const options = rewardOptions(settings)
  const n = doc.frameCount
  const target = targetProgress(doc, similarities).progress
  const out = [cached(target, settings, n, () => withFilter('target', denseRewards(target, settings.every, options), settings))]
  const proposal = proposalProgress(doc, similarities)?.progress
  if (proposal !== undefined) out.push(cached(proposal, settings, n, () => withFilter('proposal', denseRewards(proposal, settings.every, options), settings)))
  for (const p of predictions) {
    out.push(cached(p.frames, settings, n, () => withFilter(`model:${p.name}`, sampledFrameRewards(p.frames.map((f) => f.frameIndex), p.frames.map((f) => f.progress / 100), n, options), settings)))
  }
  return out
}
