/**
 * Which frames of an episode a model is asked about, and which frames it sees with each: a fixed stride, or
 * ProcVLM's own rule (`evqa/inference.py`, procvlm-formats.md §6.1): up to N frames by rounded `linspace`,
 * each shown with the last W *sampled* frames, left-padded with the first sampled frame.
 */

/** `stride`: every N-th frame from 0; `max-frames`: ProcVLM's rounded linspace with at most N frames. */
export type Sampling = { kind: 'stride'; stride: number } | { kind: 'max-frames'; maxFrames: number }

/** ProcVLM's default: `--max_sampled_frames 512`. */
export const PROCVLM_MAX_FRAMES = 512
/** ProcVLM's default window: 8 sampled frames. */
export const PROCVLM_WINDOW = 8

/** NumPy's `round`: halves go to the even neighbour, so our indices match `np.linspace(...).round()`. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x)
  const diff = x - floor
  if (diff > 0.5) return floor + 1
  if (diff < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/** Sampled frame indices of an episode of `frameCount` frames, increasing and without repeats. */
export function sampleFrames(frameCount: number, sampling: Sampling): number[] {
  if (frameCount <= 0) return []
  if (sampling.kind === 'stride') {
    const out: number[] = []
    for (let i = 0; i < frameCount; i += sampling.stride) out.push(i)
    return out
  }
  const n = Math.min(frameCount, sampling.maxFrames)
  if (n === 1) return [0]
  const out: number[] = []
  // np.linspace(0, frameCount - 1, n): start + i * step, with the last point exactly the end.
  const step = (frameCount - 1) / (n - 1)
  for (let i = 0; i < n; i++) {
    const v = roundHalfEven(i === n - 1 ? frameCount - 1 : i * step)
    if (out[out.length - 1] !== v) out.push(v)
  }
  return out
}

/**
 * The window of sampled position `k`: the frames of positions k-W+1..k, oldest first, with positions before 0
 * replaced by the first sampled frame, so there are always exactly W frames.
 */
export function windowOf(sampled: readonly number[], k: number, size: number): number[] {
  const out: number[] = []
  for (let j = k - size + 1; j <= k; j++) out.push(sampled[Math.max(0, j)]!)
  return out
}

/** How a sampling is recorded in output lines. */
export function samplingRecord(sampling: Sampling): { stride: number } | { max_frames: number } {
  return sampling.kind === 'stride' ? { stride: sampling.stride } : { max_frames: sampling.maxFrames }
}
