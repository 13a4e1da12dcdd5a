/**
 * The similarities `p()` distributes progress by, from per-frame pHashes: ProcVLM's `image_phash_sim`
 * (`core/utils/common.py`) for each consecutive pair, `sim(i-1, i) = 1 - hamming / 64`, except that two
 * frames of different sizes get exactly 1.0 without being compared (so a resolution change mid-episode
 * counts as "no visual change": the 0.5 time floor only).
 */
import { phashSimilarity } from './phash'

/** One frame as the similarity rule needs it: its pHash (16 hex digits, `phashHex`) and its size. */
export interface HashedFrame {
  /** Undefined when the frame could not be decoded or hashed. */
  phash: string | undefined
  width: number
  height: number
}

const HEX16 = /^[0-9a-f]{16}$/i

/**
 * ProcVLM's similarity of two frames: 1.0 for different sizes, else `1 - hamming / 64`. NaN when a hash is
 * missing or malformed, so that callers can report it; the progress engine counts NaN as 1.0.
 */
export function frameSimilarity(a: HashedFrame, b: HashedFrame): number {
  if (a.width !== b.width || a.height !== b.height) return 1
  if (a.phash === undefined || b.phash === undefined || !HEX16.test(a.phash) || !HEX16.test(b.phash)) return Number.NaN
  return phashSimilarity(a.phash.toLowerCase(), b.phash.toLowerCase())
}

/** The `n - 1` similarities of consecutive frames: `out[i - 1] = sim(frame i-1, frame i)`. */
export function similaritiesFromHashes(frames: readonly HashedFrame[]): Float64Array {
  const out = new Float64Array(Math.max(0, frames.length - 1))
  for (let i = 1; i < frames.length; i++) out[i - 1] = frameSimilarity(frames[i - 1]!, frames[i]!)
  return out
}

/**
 * The visual change of every frame, for a waveform: `1 - sim(frame k-1, frame k)` for frame k (0 for frame 0, and
 * for a pair whose similarity is unknown). `similarities` as for the progress engine, length `frameCount - 1`.
 */
export function visualChangeOf(similarities: ArrayLike<number>, frameCount: number): Float32Array {
  const out = new Float32Array(frameCount)
  for (let k = 1; k < frameCount; k++) {
    const s = k - 1 < similarities.length ? similarities[k - 1]! : Number.NaN
    out[k] = Number.isNaN(s) ? 0 : 1 - Math.min(1, Math.max(0, s))
  }
  return out
}
