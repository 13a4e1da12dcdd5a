/**
 * The player's clock maths, pure. Position is computed from an injected clock, never incremented per tick:
 * `position = anchor.frame + elapsed × fps × rate`, re-anchored whenever the speed changes or the user seeks,
 * so rounding never accumulates and a slow tick never slows playback down.
 *
 * Policy (one clock for every camera): the clock never waits for a decoder. Each animation frame the player
 * paints, on every camera at once, the newest frame between the one on screen and the clock's frame that
 * every camera has decoded; frames that are not ready in time are skipped. So at any paint all cameras show
 * the same frame index, and the picture lags the clock only while decoding catches up.
 */

export interface ClockAnchor {
  /** Frame position (may be fractional) at `time`. */
  frame: number
  /** Milliseconds, in the injected clock's time base. */
  time: number
  /** Speed multiple; negative plays backwards. */
  rate: number
  fps: number
}

/** The fractional frame position at `now`. */
export function positionAt(anchor: ClockAnchor, now: number): number {
  return anchor.frame + ((now - anchor.time) / 1000) * anchor.fps * anchor.rate
}

/**
 * The frame on screen at a position, clamped to the episode. Forward, frame k covers positions `[k, k+1)`;
 * backward, `(k-1, k]`, so playback starts on the anchor frame in both directions. `ended` is true once the
 * position reaches the last frame (forward) or the first (backward).
 */
export function frameAtPosition(position: number, rate: number, frameCount: number): { frame: number; ended: boolean } {
  const last = Math.max(0, frameCount - 1)
  // A hair of tolerance: anchor + n frames of elapsed time must land on frame anchor + n, not just before it.
  const raw = rate >= 0 ? Math.floor(position + 1e-6) : Math.ceil(position - 1e-6)
  if (rate >= 0) return raw >= last ? { frame: last, ended: true } : { frame: Math.max(0, raw), ended: false }
  return raw <= 0 ? { frame: 0, ended: true } : { frame: Math.min(last, raw), ended: false }
}

/**
 * The frame to paint: the newest frame from `target` back towards `shown` (exclusive) that `ready` accepts,
 * or `undefined` when nothing newer than `shown` is ready (keep what is on screen). With nothing on screen
 * (`shown` undefined) only `target` itself qualifies.
 */
export function chooseFrame(target: number, shown: number | undefined, direction: 1 | -1, ready: (frame: number) => boolean): number | undefined {
  if (shown === undefined) return ready(target) ? target : undefined
  // The clock moved the other way (a re-anchor behind the picture): show the target or nothing.
  if ((target - shown) * direction < 0) return ready(target) ? target : undefined
  for (let f = target; f !== shown; f -= direction) if (ready(f)) return f
  return undefined
}
