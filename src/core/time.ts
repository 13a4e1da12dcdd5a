/**
 * Time in ProcLens is an integer frame index. Seconds exist only at the media boundary and pixels only in
 * the timeline; both are derived here and nowhere else.
 *
 * ```text
 *  frame space    0   1   2   3   4 ...            (episode-local, = LeRobot frame_index = ProcVLM frame_id)
 *                 |---|---|---|---|
 *  seconds        k / fps is the frame's PTS; a <video> is sought to (k + 0.5) / fps (the seek rule)
 *  scaled px      frame * pxPerFrame                 (zoomed timeline, before scrolling)
 *  viewport px    (frame - scrollFrame) * pxPerFrame (what the user sees)
 * ```
 * Segments are half-open `[start, end)`, so neighbours share a boundary frame without overlap.
 */

/** An episode-local frame index: an integer `>= 0`. */
export type Frame = number

/** Presentation time of frame `frame` in seconds, as LeRobot writes `timestamp` (`k / fps`). */
export function frameToSeconds(frame: Frame, fps: number): number {
  return frame / fps
}

/** How long one frame is shown, in seconds. */
export function frameDuration(fps: number): number {
  return 1 / fps
}

/**
 * The frame whose presentation interval contains `seconds`. A PTS that is a hair below `k / fps` (float or
 * microsecond truncation, see docs/platform-notes) still maps to `k`, hence the rounding tolerance.
 */
export function secondsToFrame(seconds: number, fps: number): Frame {
  return Math.max(0, Math.floor(seconds * fps + 1e-3))
}

/** The frame a media timestamp (a decoded frame's PTS) belongs to: the nearest frame start. */
export function ptsToFrame(seconds: number, fps: number): Frame {
  return Math.max(0, Math.round(seconds * fps))
}

/**
 * The time to seek a `<video>` to so that it shows exactly `frame`: the middle of the frame's interval.
 * Seeking to `k / fps` shows frame `k - 1` in a few percent of cases in Chromium.
 */
export function seekTimeForFrame(frame: Frame, fps: number): number {
  return (frame + 0.5) / fps
}

/** Clamp to `[0, frameCount - 1]`, rounding to an integer. */
export function clampFrame(frame: number, frameCount: number): Frame {
  if (frameCount <= 0) return 0
  return Math.min(frameCount - 1, Math.max(0, Math.round(frame)))
}

/** `mm:ss.mmm` (or `h:mm:ss.mmm`) for a frame, for readouts next to the frame counter. */
export function formatTimestamp(frame: Frame, fps: number): string {
  const totalMs = Math.round(frameToSeconds(frame, fps) * 1000)
  const ms = totalMs % 1000
  const totalS = Math.floor(totalMs / 1000)
  const s = totalS % 60
  const m = Math.floor(totalS / 60) % 60
  const h = Math.floor(totalS / 3600)
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`
  return h > 0 ? `${h}:${mmss}` : mmss
}

/** A horizontal view of the frame axis: zoom (`pxPerFrame`) and scroll (`scrollFrame`, fractional allowed). */
export interface FrameView {
  pxPerFrame: number
  scrollFrame: number
}

/** Viewport x of the left edge of `frame`. */
export function frameToPx(frame: number, view: FrameView): number {
  return (frame - view.scrollFrame) * view.pxPerFrame
}

/** The frame under viewport x (floor: the frame whose cell contains x). */
export function pxToFrame(px: number, view: FrameView): Frame {
  return Math.floor(px / view.pxPerFrame + view.scrollFrame)
}

/** The boundary (a frame edge) nearest to viewport x: what a dragged boundary snaps to. */
export function pxToBoundary(px: number, view: FrameView): Frame {
  return Math.round(px / view.pxPerFrame + view.scrollFrame)
}

/** ProcVLM's episode name for a LeRobot episode index: `episode_000114`. */
export function episodeName(index: number): string {
  return `episode_${String(index).padStart(6, '0')}`
}

/** The index in an `episode_000114`-style name, or undefined (ProcVLM parses `episode_(\d+)$`). */
export function episodeIndexFromName(name: string): number | undefined {
  const m = /episode_(\d+)$/.exec(name)
  return m?.[1] === undefined ? undefined : Number(m[1])
}
