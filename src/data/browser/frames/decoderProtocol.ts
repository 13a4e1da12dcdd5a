/**
 * Messages between a WebCodecs frame source (main thread) and its decoder (a dedicated worker, or the same
 * thread where workers are unavailable). One decoder per camera.
 *
 * ```text
 *  main -> decoder   configure {config}                  once; again after an error
 *                    run {run, buffer, samples[], flush, park?}
 *                                                         buffer transferred; `flush`: then `done`; without
 *                                                         it the decoder takes the next run's delta samples;
 *                                                         `park`: a parked decoder's (parkedDecoder.ts)
 *                    reset                                drop queued work now (the playhead jumped)
 *                    convert {frame}                      a VideoFrame (clone) to turn into an ImageBitmap
 *                    close
 *  decoder -> main   frame {frame, consumed}              VideoFrame transferred; timestamp = episode frame;
 *                                                         consumed = chunks the decoder had taken by then
 *                    bitmap {frame, bitmap?}              the converted frame, RGBA, transferred (absent: failed)
 *                    done {run, aborted}                  after the flush of a flushed run, or its reset
 *                    passed {sample}                      a frame of a `park` run (references only) came out
 *                    error {run?, message}
 * ```
 * Chunk timestamps carry the episode frame index (samples outside the episode, and samples decoded only as
 * references, get `-1 - sample`: the worker closes their frames), and decoders pass a chunk's timestamp to the
 * frame it produces, so output order never matters.
 */
import type { EpisodeFrameMap } from './frameMap'

export interface WireSample {
  /** Byte offset inside the run's buffer. */
  start: number
  size: number
  /** Episode frame index, or `-1 - sample` for samples outside the episode (decoded, then dropped). */
  timestamp: number
  key: boolean
}

export type ToDecoder =
  | { type: 'configure'; config: VideoDecoderConfig }
  | { type: 'run'; run: number; buffer: ArrayBuffer; samples: WireSample[]; flush: boolean; park?: boolean }
  | { type: 'reset' }
  | { type: 'convert'; frame: VideoFrame }
  | { type: 'close' }

export type FromDecoder =
  | { type: 'frame'; frame: VideoFrame; consumed: number }
  | { type: 'bitmap'; frame: number; bitmap: ImageBitmap | undefined }
  | { type: 'done'; run: number; aborted: boolean }
  | { type: 'passed'; sample: number }
  | { type: 'error'; run?: number; message: string }

/** The channel to a decoder: a Worker, or an in-thread stand-in with the same shape. */
export interface DecoderPort {
  postMessage(message: ToDecoder, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<FromDecoder>) => void) | null
  terminate(): void
}

/**
 * Decode-order samples `from..to` of a map as one message carries them: the byte range `[lo, hi)` to read, and
 * each sample's place in those bytes.
 */
export function wireSamples(map: EpisodeFrameMap, from: number, to: number): { lo: number; hi: number; samples: WireSample[] } {
  const { offset, size, isSync, frameOfSample } = map
  let lo = Infinity
  let hi = 0
  for (let s = from; s <= to; s++) {
    lo = Math.min(lo, offset[s] ?? 0)
    hi = Math.max(hi, (offset[s] ?? 0) + (size[s] ?? 0))
  }
  const samples: WireSample[] = []
  for (let s = from; s <= to; s++) {
    const f = frameOfSample[s] ?? -1
    samples.push({ start: (offset[s] ?? 0) - lo, size: size[s] ?? 0, timestamp: f >= 0 ? f : -1 - s, key: isSync[s] === 1 })
  }
  return { lo, hi, samples }
}
