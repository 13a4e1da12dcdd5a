/**
 * Messages between a WebCodecs frame source (main thread) and its decoder (a dedicated worker, or the same
 * thread where workers are unavailable). One decoder per camera.
 *
 * ```text
 *  main -> decoder   configure {config}                  once; again after an error
 *                    run {run, buffer, samples[]}         buffer transferred; ends with a flush
 *                    reset                                drop queued work now (the playhead jumped)
 *                    close
 *  decoder -> main   frame {frame}                        VideoFrame transferred; timestamp = episode frame
 *                    done {run, aborted}                  after the flush of that run, or its reset
 *                    error {run?, message}
 * ```
 * Chunk timestamps carry the episode frame index (samples outside the episode get `-1 - sample`), and
 * decoders pass a chunk's timestamp to the frame it produces, so output order never matters.
 */

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
  | { type: 'run'; run: number; buffer: ArrayBuffer; samples: WireSample[] }
  | { type: 'reset' }
  | { type: 'close' }

export type FromDecoder =
  | { type: 'frame'; frame: VideoFrame }
  | { type: 'done'; run: number; aborted: boolean }
  | { type: 'error'; run?: number; message: string }

/** The channel to a decoder: a Worker, or an in-thread stand-in with the same shape. */
export interface DecoderPort {
  postMessage(message: ToDecoder, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<FromDecoder>) => void) | null
  terminate(): void
}
