/**
 * One camera's frames, by episode frame index, whatever holds them: WebCodecs decoding of the mp4's samples,
 * a `<video>` element seeked by the half-frame rule (the fallback), or one image file per frame. The player
 * draws only what `peek` returns, so every source obeys the same contract: the image for frame k is frame k.
 */
import type { Motion } from './prefetchWindow'

/** Something a canvas can draw, with its pixel size. Owned by the source: draw it at once, never keep it. */
export type FrameImage = VideoFrame | ImageBitmap

export type FrameSourceKind = 'webcodecs' | 'video-element' | 'images'

export interface FrameSourceStats {
  cachedFrames: number
  cachedBytes: number
  budgetBytes: number
  /** Frames decoded (or images loaded) since creation, including prefetch. */
  decoded: number
  /** Decoding runs started, and runs cancelled because the playhead jumped away. */
  runs: number
  cancelled: number
  /** Frames held ready to draw (converted to RGBA), where the source keeps such a tier. */
  readyFrames?: number
  /** Flushes of a decoder that went quiet while frames were missing (a stall; 0 in a healthy run). */
  quietFlushes?: number
  /** Samples fed to a quiet decoder so it outputs the frames it held back. */
  pushes?: number
  /** Disposable pictures left out of runs (H.264 non-reference frames nobody asked for). */
  skipped?: number
  /** Clicks that went on from a decoder parked inside a long GOP (parkedDecoder.ts) instead of its key frame. */
  parked?: number
}

export interface FrameSource {
  readonly camera: string
  readonly kind: FrameSourceKind
  /** Frames this camera has for the episode. */
  readonly frameCount: number
  /** Pixel size of the frames (the canvas backing size); 0 until known for image sequences. */
  readonly width: number
  readonly height: number
  /** Display aspect ratio (width / height after the pixel aspect); 0 until known. */
  readonly aspect: number
  /** Frame k if it is decoded, else `undefined`. Never starts work. Valid until the current task ends. */
  peek(frame: number): FrameImage | undefined
  /**
   * A decoded frame close to k that helps the eye while k decodes (the player shows it, marked approximate),
   * if the source has one: the WebCodecs source gives the latest frame decoded on the way to k in its GOP.
   * Never starts work.
   */
  nearest?(frame: number): { frame: number; image: FrameImage } | undefined
  /**
   * Resolves once frame k is decoded (then `peek(k)` returns it until the playhead moves far away). Rejects
   * when it cannot be decoded, or with an `AbortError` when `signal` aborts.
   */
  load(frame: number, signal?: AbortSignal): Promise<void>
  /** Where the playhead is and how it moves: the source prefetches around it and evicts far from it. */
  setPlayhead(frame: number, motion: Motion): void
  /** Caps the decoded-frame cache (bytes). */
  setBudget(bytes: number): void
  stats(): FrameSourceStats
  dispose(): void
}

/** A camera no decoder here can show, and what to do about it. */
export interface UnsupportedCamera {
  camera: string
  /** `hevc`, `mpeg4`, ... or `unknown`. */
  codec: string
  codecString: string
  message: string
  /** The ffmpeg command that re-encodes the file into something every browser decodes. */
  command?: string
}

export function abortError(): DOMException {
  return new DOMException('The frame request was superseded', 'AbortError')
}

export function isAbortError(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError'
}

/** Bytes a decoded frame holds: I420 for video frames (1.5 bytes per pixel), RGBA for bitmaps. */
export function frameBytes(image: FrameImage): number {
  if ('allocationSize' in image) {
    try {
      return image.allocationSize()
    } catch {
      return image.codedWidth * image.codedHeight * 1.5
    }
  }
  return image.width * image.height * 4
}

export function closeFrame(image: FrameImage): void {
  image.close()
}
