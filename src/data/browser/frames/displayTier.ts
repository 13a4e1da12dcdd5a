/**
 * The WebCodecs source's second tier: decoded frames near the playhead converted to ImageBitmaps in the
 * decoder's worker, so that a step draws a bitmap (a copy) instead of converting YUV to RGB in `drawImage` on
 * the main thread (about 1.4 ms per 720×480 frame and 3.6 ms per 1280×720 frame in Chromium's software path;
 * docs/player.md). Which frames, and how much of the budget they get.
 */
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
