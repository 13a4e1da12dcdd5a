/**
 * The RL reward a progress curve would produce under RLInf-ProcVLM's reward model
 * (`ProcVLMHistoryRewardModel._compute_reward_from_progress`, procvlm-formats.md §7): one reward per
 * reward-model call, progress on 0..1. Use it to see what a labelled or predicted curve teaches a policy.
 */

/** How a non-finite progress value (a failed parse) is turned into a reward. */
export type InvalidProgressRule =
  /** Reward `invalidReward` (0) and keep the previous progress, so the next delta is measured from it. */
  | 'zero-reward'
  /** As RLInf's parser does with unparsable output: the progress becomes `invalidProgress` (0), then the usual delta (typically −clip). */
  | 'parser'

/** Options of {@link rewardTrace}; defaults are RLInf-ProcVLM's shipped configuration. */
export interface RewardOptions {
  /** `delta` (default): r_t = clip(p_t − p_{t−1}); `raw`: r_t = p_t. */
  form?: 'delta' | 'raw'
  /** Symmetric clip c of the delta (default 0.2). */
  clip?: number
  /** Lower clip magnitude (r ≥ −negClip); defaults to `clip`. */
  negClip?: number
  /** Upper clip (r ≤ posClip); defaults to `clip`. */
  posClip?: number
  /** EMA weight α of the new value: p̃_t = α·p_t + (1−α)·p̃_{t−1}, with p̃_{−1} = 0. Off when undefined (RLInf's default α is 0.6 when enabled). */
  emaAlpha?: number
  /** Default `zero-reward`. */
  onInvalid?: InvalidProgressRule
  /** Reward given for an invalid step (RLInf's `invalid_delta_reward`, 0). */
  invalidReward?: number
  /** Progress assumed for an invalid step under the `parser` rule (RLInf's `invalid_progress`, 0). */
  invalidProgress?: number
}

/** The per-step trace. */
export interface RewardTrace {
  /** The progress the reward was computed from: clipped to [0, 1], smoothed when EMA is on; NaN where invalid under `zero-reward`. */
  progress: number[]
  rewards: number[]
  /** Running sum of rewards (undiscounted return up to and including each step). */
  cumulative: number[]
  /** Sum of all rewards. Without clipping the delta form telescopes to the final progress. */
  total: number
}

/**
 * Rewards for a progress curve (values in [0, 1]; values outside are clipped as RLInf's parser clips).
 * The previous progress starts at 0, so the first delta is p_0. RLInf also resets the previous progress to
 * 0 when an env reports done; one call here is one episode, so that reset is implicit.
 */
export function rewardTrace(progress: readonly number[], options: RewardOptions = {}): RewardTrace {
  const form = options.form ?? 'delta'
  const negClip = options.negClip ?? options.clip ?? 0.2
  const posClip = options.posClip ?? options.clip ?? 0.2
  const alpha = options.emaAlpha === undefined ? undefined : Math.max(0, Math.min(1, options.emaAlpha))
  const onInvalid = options.onInvalid ?? 'zero-reward'
  const invalidReward = options.invalidReward ?? 0
  const invalidProgress = options.invalidProgress ?? 0

  const trace: RewardTrace = { progress: [], rewards: [], cumulative: [], total: 0 }
  let previous = 0
  for (const raw of progress) {
    let p: number
    if (Number.isFinite(raw)) p = Math.max(0, Math.min(1, raw))
    else if (onInvalid === 'parser') p = invalidProgress
    else {
      trace.progress.push(NaN)
      push(trace, invalidReward)
      continue
    }
    if (alpha !== undefined) p = alpha * p + (1 - alpha) * previous
    let r: number
    if (form === 'raw') r = p
    else {
      r = Math.max(-negClip, Math.min(posClip, p - previous))
      if (!Number.isFinite(r)) r = invalidReward
    }
    previous = p
    trace.progress.push(p)
    push(trace, r)
  }
  return trace
}

function push(trace: RewardTrace, r: number): void {
  trace.total += r
  trace.rewards.push(r)
  trace.cumulative.push(trace.total)
}
