/**
 * Episode frame index <-> the container's coded samples. Frame k of an episode is the k-th sample in
 * presentation (composition-time) order, never `time * fps`; for a LeRobot v3.0 file shared by several
 * episodes, the episode's frames are the samples inside its timestamp span, renumbered from 0.
 *
 * ```text
 *  decode order    I0 P3 B1 B2 I4 P7 B5 B6        (samples as stored, dts order)
 *  presentation    I0 B1 B2 P3 I4 B5 B6 P7        frame k = presentation rank (- span start)
 *  sampleOf[k]     0  2  3  1  4  6  7  5
 * ```
 */
import type { Mp4Index } from '../../media/mp4Index'
import { framesInSpan, presentationOrder } from '../../media/mp4Index'

export interface EpisodeFrameMap {
  /** Frames of the episode in this file. */
  frameCount: number
  /** Decode-order sample index of episode frame k. */
  sampleOf: Int32Array
  /** Episode frame of each sample (decode order); -1 for samples outside the episode's span. */
  frameOfSample: Int32Array
  /** Whether each sample (decode order) is a sync sample (a key frame the decoder can start from). */
  isSync: Uint8Array
  /** Byte offset and size of each sample (decode order). */
  offset: Float64Array
  size: Int32Array
  /** The last decode-order sample that belongs to the episode (decoding past it only feeds other episodes). */
  lastSample: number
}

/** The span of a v3.0 shared file the episode occupies, in seconds (LeRobot `from_timestamp`/`to_timestamp`). */
export interface TimeSpan {
  from: number
  to: number
}

/** Builds the map for a whole file, or for the episode inside `span` of a shared file. */
export function mapEpisodeFrames(index: Mp4Index, span?: TimeSpan): EpisodeFrameMap {
  const order = presentationOrder(index)
  const { first, count } = span === undefined ? { first: 0, count: order.length } : framesInSpan(index, span.from, span.to)
  const n = index.samples.length
  const sampleOf = new Int32Array(count)
  const frameOfSample = new Int32Array(n).fill(-1)
  let lastSample = 0
  for (let k = 0; k < count; k++) {
    const s = order[first + k] ?? 0
    sampleOf[k] = s
    frameOfSample[s] = k
    if (s > lastSample) lastSample = s
  }
  const isSync = new Uint8Array(n)
  const offset = new Float64Array(n)
  const size = new Int32Array(n)
  index.samples.forEach((sample, i) => {
    isSync[i] = sample.isSync ? 1 : 0
    offset[i] = sample.offset
    size[i] = sample.size
  })
  // A file whose first sample is not flagged sync still starts decodable (some muxers omit stss entries).
  if (n > 0) isSync[0] = 1
  return { frameCount: count, sampleOf, frameOfSample, isSync, offset, size, lastSample }
}

/** The sync sample at or before decode position `sample`: where decoding must start to reach it. */
export function keyBefore(map: EpisodeFrameMap, sample: number): number {
  for (let s = sample; s > 0; s--) if (map.isSync[s] === 1) return s
  return 0
}

/** The next sync sample after `sample`, or the sample count when `sample` is in the last GOP. */
export function nextKey(map: EpisodeFrameMap, sample: number): number {
  const n = map.isSync.length
  for (let s = sample + 1; s < n; s++) if (map.isSync[s] === 1) return s
  return n
}

/** The bytes of the file that decoding the whole episode reads: from its first GOP's key frame to its last sample. */
export function episodeBytes(map: EpisodeFrameMap): { start: number; end: number } {
  let first = map.lastSample
  // The episode's first sample in decode order is among its first frames (B-frames reorder only a few).
  for (let k = 0; k < Math.min(map.frameCount, 64); k++) first = Math.min(first, map.sampleOf[k] ?? first)
  const from = keyBefore(map, first)
  let start = Infinity
  let end = 0
  for (let s = from; s <= map.lastSample; s++) {
    start = Math.min(start, map.offset[s] ?? 0)
    end = Math.max(end, (map.offset[s] ?? 0) + (map.size[s] ?? 0))
  }
  return { start: Math.min(start, end), end }
}
