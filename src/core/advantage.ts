/**
 * What an advantage-conditioned filter would keep of a demonstration, given the per-step rewards a progress
 * curve produces (`rewardTrace`, procvlm-formats.md §7). Pure; one call is one episode.
 *
 * Definition (docs/reward.md, "The advantage filter"):
 *   G_t = Σ_{k=0}^{H−1} γ^k r_{t+k}        the return over the next H steps, truncated at the episode's end
 *   A_t = G_t − b                           b = 0 (`zero`, the default) or the episode's mean of G (`mean`)
 *   keep_t = A_t > 0
 *
 * Why G_t itself is an advantage under b = 0: the delta reward is the change of a potential (the progress), so
 * G_t is the progress gained over the window (exactly p_{t+H−1} − p_{t−1} unclipped, γ = 1): the progress curve
 * already plays the value function's part, as in RECAP (π*0.6, Physical Intelligence 2025), which conditions the
 * policy on the indicator 1[A_t > ε] with an n-step advantage from a value model of progress to completion.
 * Keeping only A > 0 is CRR's binary filter (Wang et al. 2020, "Critic Regularized Regression", f = 1[A > 0]);
 * AWR (Peng et al. 2019) weights by exp(A/β) instead, a soft version we do not implement. `mean` keeps the
 * steps that progress faster than the episode's average: a tighter filter for a curve that never goes down.
 */

export type AdvantageBaseline = 'zero' | 'mean'

export interface AdvantageOptions {
  /** Steps summed, H ≥ 1. */
  horizon: number
  /** Discount per step, default 1. */
  gamma?: number
  /** Default `zero`. */
  baseline?: AdvantageBaseline
}

export interface AdvantageTrace {
  /** G_t. */
  returns: Float64Array
  /** The baseline b subtracted. */
  baseline: number
  /** A_t = G_t − b. */
  advantage: Float64Array
  /** 1 where A_t > 0. */
  keep: Uint8Array
  /** Share of steps kept, 0 for an empty episode. */
  keptFraction: number
}

/**
 * G_t for every t, in O(n): the backward recursion G_t = r_t + γ G_{t+1} − γ^H r_{t+H}, which drops the reward
 * leaving the window. With γ ≤ 1 an error in G_{t+1} shrinks on its way back, so the sum stays exact to rounding.
 */
export function horizonReturns(rewards: ArrayLike<number>, horizon: number, gamma = 1): Float64Array {
  const n = rewards.length
  const h = Math.max(1, Math.floor(horizon))
  const out = new Float64Array(n)
  const gh = gamma ** h
  let next = 0
  for (let t = n - 1; t >= 0; t--) {
    const leaving = t + h < n ? rewards[t + h]! : 0
    next = rewards[t]! + gamma * next - gh * leaving
    out[t] = next
  }
  return out
}

/** The advantage of every step and the keep mask of the filter (definition above). */
export function advantageFilter(rewards: ArrayLike<number>, options: AdvantageOptions): AdvantageTrace {
  const returns = horizonReturns(rewards, options.horizon, options.gamma ?? 1)
  const n = returns.length
  let baseline = 0
  if ((options.baseline ?? 'zero') === 'mean' && n > 0) {
    for (const g of returns) baseline += g
    baseline /= n
  }
  const advantage = new Float64Array(n)
  const keep = new Uint8Array(n)
  let kept = 0
  // A tolerance so that a flat stretch (G = 0 up to rounding) is dropped rather than kept by noise.
  const eps = 1e-12
  for (let t = 0; t < n; t++) {
    advantage[t] = returns[t]! - baseline
    if (advantage[t]! > eps) {
      keep[t] = 1
      kept++
    }
  }
  return { returns, baseline, advantage, keep, keptFraction: n === 0 ? 0 : kept / n }
}

/** A run of frames the filter treats alike, for drawing the keep strip: `[start, end)`. */
export interface KeepRun {
  start: number
  end: number
  keep: boolean
}

/** The mask as runs, so a strip draws one rectangle per run rather than one per frame. */
export function keepRuns(keep: ArrayLike<number>): KeepRun[] {
  const runs: KeepRun[] = []
  for (let t = 0; t < keep.length; t++) {
    const k = keep[t] === 1
    const last = runs[runs.length - 1]
    if (last !== undefined && last.keep === k) last.end = t + 1
    else runs.push({ start: t, end: t + 1, keep: k })
  }
  return runs
}
