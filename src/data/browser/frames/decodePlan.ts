/**
 * GOP planning: which coded samples to feed the decoder next, given what is already decoded.
 *
 * A run is a contiguous stretch of samples in decode order that starts at a sync sample, or continues where
 * the decoder stopped: the decoder is flushed only at the end of the episode's samples (a flush makes the next
 * sample a key frame), so stepping forward through a long GOP decodes each frame once instead of decoding from
 * the key frame every time the prefetch window moves. Decoding from a key frame produces every frame of the
 * GOP up to the last sample fed, so a run covers the most urgent missing frame and the missing frames of the
 * prefetch window it can reach through consecutive GOPs.
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

/** A run reaches at most this many samples past its start for prefetch (the urgent frame itself is never cut). */
export const MAX_RUN_SAMPLES = 300

export interface PlanInput {
  map: EpisodeFrameMap
  /** Frames wanted, most urgent first (see `prefetchOrder`). */
  wanted: readonly number[]
  /** Decoded or already being decoded. */
  isReady: (frame: number) => boolean
  /** How far past its start a run reaches for prefetch; default {@link MAX_RUN_SAMPLES}. */
  maxSamples?: number
  /** Where the decoder stopped without a flush, when it did: a run may go on from there. */
  open?: OpenDecoder
}

/** A decoder fed samples up to `cursor` and not flushed: it takes `cursor + 1` next, key frame or not. */
export interface OpenDecoder {
  cursor: number
  /** Frames of samples already fed that the decoder has not output yet (held back for reordering). */
  holds: (frame: number) => boolean
}

/**
 * The next run to decode, or `undefined` when every wanted frame is ready. The run produces the first wanted
 * frame that is not ready (the urgent frame): from the key frame before it, or, when the decoder is open in
 * the urgent frame's GOP before it (or holds the urgent frame back), from the decoder's cursor, so nothing is
 * decoded twice. It goes on to the later missing wanted frames (the prefetch window) while they lie in the
 * same GOP or in the GOP right after the run's end, up to `maxSamples` samples from its start; never further:
 * frames beyond the window would only delay the next jump (the decoder is busy with them) and be evicted,
 * and stepping on continues the open decoder. A continuation of a decoder already past the episode's last
 * sample is empty (only its flush is left).
 */
export function planDecode(input: PlanInput): DecodeRun | undefined {
  const { map, wanted, isReady, open } = input
  const urgent = wanted.find((f) => f >= 0 && f < map.frameCount && !isReady(f))
  if (urgent === undefined) return undefined
  const maxSamples = input.maxSamples ?? MAX_RUN_SAMPLES
  const needed = map.sampleOf[urgent] ?? 0
  const key = keyBefore(map, needed)
  const continues = open !== undefined && (needed > open.cursor ? key <= open.cursor : open.holds(urgent))
  const first = continues ? open.cursor + 1 : key
  const limit = Math.max(needed, first + maxSamples - 1)
  let last = Math.max(needed, Math.min(first, map.lastSample))
  const later: number[] = []
  for (const f of wanted) {
    if (f < 0 || f >= map.frameCount || isReady(f)) continue
    const s = map.sampleOf[f] ?? 0
    if (s > last && s <= limit) later.push(s)
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

/**
 * How many frames a decoder may hold back before it outputs one: the most frames presented after some frame
 * yet decoded before it (x264's B-pyramid: 2; no B-frames: 0). Feeding this many samples past a run's last
 * one makes the decoder output every frame of the run without a flush.
 */
export function reorderDepth(map: EpisodeFrameMap): number {
  const { sampleOf, frameCount } = map
  let depth = 0
  for (let k = 0; k < frameCount; k++) {
    const s = sampleOf[k] ?? 0
    let before = 0
    // Reordering spans a few frames; 16 is H.264's largest picture buffer.
    for (let j = k + 1; j < Math.min(frameCount, k + 17); j++) if ((sampleOf[j] ?? 0) < s) before += 1
    depth = Math.max(depth, before)
  }
  return depth
}

/**
 * Where a run's feeding ends: `sent`, its last sample fed, and whether the decoder is flushed after it. Past the
 * run's last sample by `tail` (the reordering depth and the decoder's delay), so the decoder outputs all of the
 * run's frames; up to the episode's last sample, where the decoder is flushed. A key frame within the tail:
 * going on from this run would save fewer decodes than the tail costs, so the run ends with a flush instead
 * (GOP-2 video: always). In a long GOP it feeds the rest of the GOP first: the frames after the target, which
 * the window wants next, would otherwise cost the whole GOP again from its key frame; in a short one that costs
 * less than the samples it would delay the flush by.
 */
export function runEnd(map: EpisodeFrameMap, run: DecodeRun, tail: number): { sent: number; flush: boolean } {
  const key = nextKey(map, run.last)
  const near = key - run.last <= tail
  const longGop = key - keyBefore(map, run.last) > 2 * tail
  const sent = Math.min(map.lastSample, near ? (longGop ? key - 1 : run.last) : run.last + tail)
  return { sent, flush: near || sent === map.lastSample }
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
