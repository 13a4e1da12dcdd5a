/**
 * Messages between the visual-change computation (main thread) and its hashing worker. The worker decodes a
 * camera's frames (WebCodecs for video, `createImageBitmap` for image files) and hashes each with the core's
 * pHash, so decoded frames never cross threads; only 16 hex digits per frame come back.
 *
 * ```text
 *  main -> worker   video {config}                        configure a decoder
 *                   samples {chunk, buffer, samples[]}    decode order, starting at a key frame; sample
 *                                                         timestamp = episode frame (or < 0: decode, drop)
 *                   image {chunk, frame, bytes}           one image file
 *                   pause {paused}                        stop / go on feeding the decoder (a camera
 *                                                         waits for a frame: frames/decodePriority.ts)
 *                   end                                   then `done`
 *  worker -> main   hashed {frames[], hashes[], widths[], heights[]}   in batches
 *                   chunk {chunk}                         that chunk is fully hashed (backpressure)
 *                   done | error {message}
 * ```
 */
import type { WireSample } from '../frames/decoderProtocol'

export type ToHasher =
  | { type: 'video'; config: VideoDecoderConfig }
  | { type: 'samples'; chunk: number; buffer: ArrayBuffer; samples: WireSample[] }
  | { type: 'image'; chunk: number; frame: number; bytes: ArrayBuffer }
  | { type: 'pause'; paused: boolean }
  | { type: 'end' }

export type FromHasher =
  | { type: 'hashed'; frames: number[]; hashes: string[]; widths: number[]; heights: number[] }
  | { type: 'chunk'; chunk: number }
  | { type: 'done' }
  | { type: 'error'; message: string }

/** A frame that could not be hashed. */
export const NO_HASH = '----------------'
