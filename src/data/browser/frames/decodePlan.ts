/**
 * GOP planning: which coded samples to feed the decoder next, given what is already decoded.
 *
 * A run is a contiguous stretch of samples in decode order that starts at a sync sample and ends with a
 * flush. Decoding from a key frame produces every frame of the GOP up to the last sample fed, so a run covers
 * the most urgent missing frame, the rest of its GOP, and the missing frames of the prefetch window it can
 * reach through consecutive GOPs.
 *
 * ```text
 *  decode order  K . . . t . . . . K' . . . . K" . .    t = sample of the most urgent missing frame
 *  run           [K ...............]                    its whole GOP (when short enough), then on
 *                                  [K' ......]         through the next GOPs while window frames miss
 * ```
 */
import type { EpisodeFrameMap } from './frameMap'
import { keyBefore, nextKey } from './frameMap'

/** Decode-order samples `first..last` (inclusive); `first` is a sync sample. */
export interface DecodeRun {
  first: number
  last: number
}

/** GOPs up to this many samples are decoded whole; longer ones (or single-GOP files) in stretches. */
export const MAX_RUN_SAMPLES = 300

export interface PlanInput {
  map: EpisodeFrameMap
  /** Frames wanted, most urgent first (see `prefetchOrder`). */
  wanted: readonly number[]
  /** Decoded or already being decoded. */
  isReady: (frame: number) => boolean
  /** GOPs up to this long are decoded whole; default {@link MAX_RUN_SAMPLES}. */
  maxSamples?: number
}

/**
 * The next run to decode, or `undefined` when every wanted frame is ready. The run always produces the first
 * wanted frame that is not ready (the urgent frame), and goes on:
 * - to the end of the urgent frame's GOP, when the GOP has at most `maxSamples` samples: the decoder must
 *   start at the GOP's key frame anyway, so the whole GOP is decoded once and kept (stepping either way
 *   through it is then free);
 * - in a longer GOP, as many samples past the urgent one as it took to reach it (at most `maxSamples`), so
 *   stepping forward through a huge GOP costs amortised O(1) per frame rather than a decode from the key;
 * - to later missing wanted frames while they lie in the same GOP or in the GOP right after the run's end.
 */
export function planDecode(input: PlanInput): DecodeRun | undefined {
  const { map, wanted, isReady } = input
  const urgent = wanted.find((f) => f >= 0 && f < map.frameCount && !isReady(f))
  if (urgent === undefined) return undefined
  const maxSamples = input.maxSamples ?? MAX_RUN_SAMPLES
  const needed = map.sampleOf[urgent] ?? 0
  const first = keyBefore(map, needed)
  const gopLast = Math.min(nextKey(map, needed) - 1, map.lastSample)
  const limit = Math.max(needed, first + maxSamples - 1)
  const own = gopLast - first + 1 <= maxSamples ? gopLast : Math.min(gopLast, needed + Math.min(maxSamples, needed - first))
  let last = Math.max(needed, own)
  const later: number[] = []
  for (const f of wanted) {
    if (f < 0 || f >= map.frameCount || isReady(f)) continue
    const s = map.sampleOf[f] ?? 0
    if (s > last && s <= Math.max(limit, own)) later.push(s)
  }
  later.sort((a, b) => a - b)
  for (const s of later) {
    // Extend only through a chain of GOPs: a missing frame behind a GOP that is all ready is cheaper to reach
    // by a run of its own from its key frame than by decoding the ready GOP again.
    if (keyBefore(map, s) > last + 1) break
    last = s
  }
  return { first, last }
}

/** Episode frames a run produces (its samples that belong to the episode), in presentation order. */
export function framesOfRun(map: EpisodeFrameMap, run: DecodeRun): number[] {
  const frames: number[] = []
  for (let s = run.first; s <= run.last; s++) {
    const f = map.frameOfSample[s] ?? -1
    if (f >= 0) frames.push(f)
  }
  return frames.sort((a, b) => a - b)
}
