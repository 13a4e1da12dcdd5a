/**
 * Which frames to have decoded around the playhead, most urgent first. Every frame source (WebCodecs, the
 * `<video>` fallback, image sequences) prefetches in this order, so they all behave alike.
 */

/** How the playhead moves: paused (stepping either way) or playing in one direction at some speed. */
export interface Motion {
  playing: boolean
  /** +1 forward, -1 backward: the direction of play, or of the last step while paused. */
  direction: 1 | -1
  /** Speed multiple while playing (absolute value). */
  rate: number
}

export const PAUSED: Motion = { playing: false, direction: 1, rate: 1 }

export interface WindowSize {
  /** Frames to have ready in the direction of travel. */
  ahead: number
  /** Frames to have ready against it. */
  behind: number
}

/** Frames kept ready while paused, each way: an annotator stepping back and forth never waits. */
export const PAUSED_WINDOW = 12
/**
 * The jump a key makes while paused (Shift+arrow, keymap.ts): its target comes right after the next frame, so
 * a run of jumps finds each target decoded instead of waiting behind the nine frames in between.
 */
export const PAUSED_JUMP = 10
/** While playing: this many seconds of playback ahead of the playhead. */
export const PLAYING_LEAD_SECONDS = 1

/** The prefetch window for a motion at a dataset fps. */
export function windowFor(motion: Motion, fps: number): WindowSize {
  if (!motion.playing) return { ahead: PAUSED_WINDOW, behind: PAUSED_WINDOW }
  return { ahead: Math.ceil(Math.abs(motion.rate) * fps * PLAYING_LEAD_SECONDS) + 4, behind: 2 }
}

/**
 * Frames in `[0, frameCount)` around `target` in priority order: the target, then the frames ahead in the
 * direction of travel, interleaved with the frames behind at a lower rate (one behind for every two ahead
 * while paused, with the next jump's target second; none until the frames ahead are listed while playing).
 */
export function prefetchOrder(target: number, motion: Motion, size: WindowSize, frameCount: number): number[] {
  const out: number[] = []
  if (target < 0 || target >= frameCount) return out
  out.push(target)
  const d = motion.direction
  const ahead: number[] = []
  const behind: number[] = []
  for (let i = 1; i <= size.ahead; i++) {
    const f = target + d * i
    if (f >= 0 && f < frameCount) ahead.push(f)
  }
  for (let i = 1; i <= size.behind; i++) {
    const f = target - d * i
    if (f >= 0 && f < frameCount) behind.push(f)
  }
  if (motion.playing) return out.concat(ahead, behind)
  if (ahead.length >= PAUSED_JUMP) ahead.splice(1, 0, ...ahead.splice(PAUSED_JUMP - 1, 1))
  let a = 0
  let b = 0
  while (a < ahead.length || b < behind.length) {
    if (a < ahead.length) out.push(ahead[a++]!)
    if (a < ahead.length) out.push(ahead[a++]!)
    if (b < behind.length) out.push(behind[b++]!)
  }
  return out
}
