/**
 * A progress curve's rewards laid out one per frame, so they line up with the timeline: a dense curve (the target:
 * as if the reward model were called on every frame) or a model's samples (one call per sampled frame, reward 0 on
 * the frames between, as RLInf gives `interval_reward` 0 to steps without a call). The rule is `rewardTrace`'s,
 * applied to the calls in order, so EMA and clipping act per call exactly as RLInf's would.
 */
import type { RewardOptions } from './reward'
import { rewardTrace } from './reward'

export interface FrameRewards {
  /** The progress the reward saw, held from the last call (NaN before the first call or where invalid). */
  progress: Float64Array
  rewards: Float64Array
  /** Return up to and including each frame. */
  cumulative: Float64Array
  total: number
}

/** Rewards of a curve sampled at `frames` (ascending, in [0, frameCount)) with `progress` on 0..1. */
export function sampledFrameRewards(frames: readonly number[], progress: readonly number[], frameCount: number, options: RewardOptions = {}): FrameRewards {
  const trace = rewardTrace(progress, options)
  const out: FrameRewards = { progress: new Float64Array(frameCount).fill(NaN), rewards: new Float64Array(frameCount), cumulative: new Float64Array(frameCount), total: 0 }
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i]!
    // Two calls at one frame (never in a parsed inference file) add up rather than overwrite.
    if (f >= 0 && f < frameCount) out.rewards[f] = out.rewards[f]! + trace.rewards[i]!
  }
  let held = NaN
  let next = 0
  let sum = 0
  for (let f = 0; f < frameCount; f++) {
    while (next < frames.length && frames[next]! <= f) held = trace.progress[next++]!
    out.progress[f] = held
    sum += out.rewards[f]!
    out.cumulative[f] = sum
  }
  out.total = sum
  return out
}

/** Rewards of a curve with a value on every frame. */
export function denseFrameRewards(progress: ArrayLike<number>, options: RewardOptions = {}): FrameRewards {
  const frames = Array.from({ length: progress.length }, (_, i) => i)
  return sampledFrameRewards(frames, Array.from(progress), progress.length, options)
}
