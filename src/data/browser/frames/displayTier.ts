/**
 * The WebCodecs source's second tier: decoded frames near the playhead converted to ImageBitmaps in the
 * decoder's worker, so that a step draws a bitmap (a copy) instead of converting YUV to RGB in `drawImage` on
 * the main thread (about 1.4 ms per 720×480 frame and 3.6 ms per 1280×720 frame in Chromium's software path;
 * docs/player.md). Which frames, how much of the budget they get, and the tier that keeps them.
 */
import { FrameCache } from './frameCache'
import { closeFrame, frameBytes } from './frameSource'
import type { Motion } from './prefetchWindow'
import { PAUSED_JUMP } from './prefetchWindow'

/**
 * Bitmaps cost 4 bytes a pixel against 1.5 for YUV: they get room for the paused set below and a margin
 * (frames of the previous playhead, until they are dropped), never more than this share of the budget.
 */
const DISPLAY_MAX_SHARE = 0.4
const DISPLAY_FRAMES = 10

/** The budget's split between decoded frames (YUV) and ready-to-draw bitmaps (RGBA) for frames of a size. */
export function splitBudget(bytes: number, width: number, height: number): { frames: number; display: number } {
  const window = DISPLAY_FRAMES * width * height * 4
  const display = Math.min(bytes * DISPLAY_MAX_SHARE, window)
  return { frames: bytes - display, display }
}

export interface DisplayInput {
  focus: number
  motion: Motion
  /** Bitmaps the display budget holds. */
  fit: number
  frameCount: number
}

/**
 * Frames to have as bitmaps, most wanted first, at most `fit`. Paused: the frame, the next two steps either
 * way and the next jumps (what the next key shows, not the whole prefetch window: a conversion costs about
 * what a decode does, and converting frames nobody shows would slow the decoding of those they will).
 * Playing: none. Each frame is drawn once there, and drawing a VideoFrame (about 1.4 ms at 720×480 on the
 * main thread) costs less in all than converting it (about 2.5 ms in the worker), time the decoders need.
 */
export function displayOrder({ focus, motion, fit, frameCount }: DisplayInput): number[] {
  if (motion.playing) return []
  const d = motion.direction
  const wanted = [focus, focus + d, focus - d, focus + PAUSED_JUMP * d, focus + 2 * d, focus - 2 * d, focus - PAUSED_JUMP * d]
  return [...new Set(wanted.filter((f) => f >= 0 && f < frameCount))].slice(0, Math.max(0, fit))
}

/** Conversions at the worker at once: enough to keep ahead of the next keys, few enough not to delay decoding. */
const MAX_CONVERSIONS = 2
/** Failed conversions after which the source draws VideoFrames only. */
const MAX_CONVERSION_FAILURES = 3

/** Where bitmaps come from: decoded frames, and the worker that converts them. */
export interface DisplaySource {
  decoded(frame: number): VideoFrame | undefined
  convert(frame: VideoFrame): void
}

/** The bitmaps of one camera: which to ask the worker for, and those it made. */
export class DisplayTier {
  private readonly cache: FrameCache<ImageBitmap>
  private readonly converting = new Set<number>()
  /** Bitmaps the cache declined since the playhead last moved: not asked for again until it does. */
  private readonly declined = new Set<number>()
  private failures = 0

  constructor(budget: number, private readonly pixels: number, private readonly source: DisplaySource) {
    this.cache = new FrameCache<ImageBitmap>(budget, { bytes: frameBytes, close: closeFrame })
  }

  get(frame: number): ImageBitmap | undefined {
    return this.cache.get(frame)
  }

  get size(): number {
    return this.cache.size
  }

  get bytes(): number {
    return this.cache.bytes
  }

  get budgetBytes(): number {
    return this.cache.budgetBytes
  }

  setBudget(bytes: number): void {
    this.cache.setBudget(bytes)
  }

  moved(frame: number, motion: Motion): void {
    this.cache.setFocus(frame, motion.playing ? motion.direction : 0)
    this.declined.clear()
  }

  /** Asks for bitmaps of the decoded frames the next keys show that have none yet. */
  prepare(focus: number, motion: Motion, frameCount: number): void {
    if (this.failures >= MAX_CONVERSION_FAILURES) return
    const fit = Math.floor(this.cache.budgetBytes / Math.max(1, this.pixels * 4))
    if (fit < 1) return
    const order = displayOrder({ focus, motion, fit, frameCount })
    // Bitmaps left behind by earlier playheads go first: the set must fit, or a new bitmap would push out
    // another one of the set and be asked for again, forever.
    const wanted = new Set(order)
    for (const f of this.cache.frames()) if (!wanted.has(f)) this.cache.drop(f)
    for (const f of order) {
      if (this.converting.size >= MAX_CONVERSIONS) return
      if (this.cache.has(f) || this.converting.has(f) || this.declined.has(f)) continue
      const frame = this.source.decoded(f)
      if (frame === undefined) continue
      this.converting.add(f)
      // A clone shares the decoded picture; the worker closes it once converted.
      this.source.convert(frame.clone())
    }
  }

  /** The worker's answer for `frame` (`bitmap` undefined: it failed); `open` false: the source is gone. */
  received(frame: number, bitmap: ImageBitmap | undefined, open: boolean): void {
    this.converting.delete(frame)
    if (bitmap === undefined) this.failures += 1
    else if (!open) bitmap.close()
    else if (!this.cache.put(frame, bitmap)) this.declined.add(frame)
  }

  clear(): void {
    this.cache.clear()
  }
}
