/**
 * Pictures a run may leave out: on the way to the frames it was asked for, a disposable picture (H.264
 * non-reference, §7.4.1: never used to decode another) costs a decode and gives a frame nobody wants. x264's
 * default B-pyramid makes half the frames such pictures, so a jump into a long GOP decodes about half as much.
 */
import { avcLengthSize, isNonReferencePicture } from '../../media/h264Nal'
import type { DecodeRun } from './decodePlan'
import type { WireSample } from './decoderProtocol'
import type { EpisodeFrameMap } from './frameMap'

/** How to tell a disposable picture for the configured codec: H.264 in mp4 (avcC) only, else undefined. */
export function disposableCheck(config: VideoDecoderConfig): ((unit: Uint8Array) => boolean) | undefined {
  const d = config.description
  if (!/^avc[13]\./.test(config.codec) || d === undefined) return undefined
  const bytes = ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d)
  const size = avcLengthSize(bytes)
  return size === undefined ? undefined : (unit) => isNonReferencePicture(unit, size)
}

/**
 * Timestamps (as on the wire) of the run's samples whose frames nobody asked for: before its last sample, and
 * showing a frame not `wanted` (or outside the episode). They are left out when disposable, else decoded as
 * references only. Its last sample, and the samples fed after it so the decoder outputs the run's frames,
 * always go in and come out.
 */
export function unaskedSamples(map: EpisodeFrameMap, run: DecodeRun, wanted: ReadonlySet<number>): Set<number> {
  const out = new Set<number>()
  for (let s = run.first; s < run.last; s++) {
    const f = map.frameOfSample[s] ?? -1
    if (f < 0) out.add(-1 - s)
    else if (!wanted.has(f)) out.add(f)
  }
  return out
}

export interface PieceBytes {
  samples: WireSample[]
  /** The bytes the samples' offsets point into. */
  data: Uint8Array
  /** Timestamps of the samples whose frames nobody asked for. */
  unasked: ReadonlySet<number>
  disposable: ((unit: Uint8Array) => boolean) | undefined
  map: EpisodeFrameMap
}

/**
 * The samples as they go to the decoder: the unasked ones left out when disposable pictures, the others decoded
 * as references only (timestamp `-1 - sample`: the worker closes their frames). `notProduced`: the frames that
 * will not come out; `left`: how many samples were left out.
 */
export function withoutUnasked({ samples, data, unasked, disposable, map }: PieceBytes): { samples: WireSample[]; notProduced: number[]; left: number } {
  const out: WireSample[] = []
  const notProduced: number[] = []
  let left = 0
  for (const w of samples) {
    if (!unasked.has(w.timestamp)) {
      out.push(w)
      continue
    }
    if (w.timestamp >= 0) notProduced.push(w.timestamp)
    if (disposable?.(data.subarray(w.start, w.start + w.size)) === true) left += 1
    else out.push(w.timestamp >= 0 ? { ...w, timestamp: -1 - (map.sampleOf[w.timestamp] ?? 0) } : w)
  }
  return { samples: out, notProduced, left }
}
