/**
 * The reward row's drawing in the timeline's window, in px: per-step rewards as bars around a zero line, the
 * return as a line, the keep mask as a strip of runs. Frames meet pixels through `core/time.ts` only.
 */
import type { KeepRun } from '@/core/advantage'
import { lttb } from '@/core/downsample'
import type { FrameView } from '@/core/time'
import { frameToPx } from '@/core/time'

export interface Band {
  top: number
  bottom: number
}

/**
 * One bar per column of at least a pixel: the column's lowest and highest reward (and zero), so a zoomed-out row
 * still shows the largest step of each column, and a zoomed-in one shows each frame's bar with a gap.
 */
export function barsPath(rewards: ArrayLike<number>, range: { from: number; to: number }, view: FrameView, y: (r: number) => number): string {
  const from = Math.max(0, Math.floor(range.from))
  const to = Math.min(rewards.length, Math.ceil(range.to))
  const perColumn = Math.max(1, Math.ceil(1 / view.pxPerFrame))
  const gap = view.pxPerFrame >= 4 ? view.pxPerFrame * 0.2 : 0
  const parts: string[] = []
  for (let f = from; f < to; f += perColumn) {
    let lo = 0
    let hi = 0
    for (let k = f; k < Math.min(to, f + perColumn); k++) {
      const r = rewards[k]!
      if (r < lo) lo = r
      if (r > hi) hi = r
    }
    if (lo === 0 && hi === 0) continue
    const x0 = frameToPx(f, view) + gap / 2
    const x1 = Math.max(x0 + 1, frameToPx(f + perColumn, view) - gap / 2)
    parts.push(`M${x0.toFixed(1)},${y(hi).toFixed(1)}H${x1.toFixed(1)}V${y(lo).toFixed(1)}H${x0.toFixed(1)}Z`)
  }
  return parts.join('')
}

/** The return, downsampled to `budget` points (lttb), at frame centres. */
export function returnPath(cumulative: Float64Array, range: { from: number; to: number; budget: number }, view: FrameView, y: (v: number) => number): string {
  const points = lttb(cumulative, { from: Math.max(0, Math.floor(range.from)), to: Math.min(cumulative.length, Math.ceil(range.to) + 1), offset: 0.5 }, range.budget)
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${frameToPx(p.x, view).toFixed(2)},${y(p.y).toFixed(2)}`).join('')
}

/** The runs that reach into the window, clipped to it. */
export function stripRuns(runs: readonly KeepRun[], range: { from: number; to: number }, view: FrameView): { x: number; width: number; keep: boolean }[] {
  return runs.filter((r) => r.end > range.from && r.start < range.to).map((r) => {
    const x = frameToPx(Math.max(r.start, range.from), view)
    return { x, width: frameToPx(Math.min(r.end, range.to), view) - x, keep: r.keep }
  })
}

/** [lo, hi] of the return axis: always including 0, never empty. */
export function returnRange(cumulative: ArrayLike<number>): { lo: number; hi: number } {
  let lo = 0
  let hi = 0
  for (let i = 0; i < cumulative.length; i++) {
    const v = cumulative[i]!
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return { lo, hi: hi > lo ? hi : lo + 1 }
}

/**
 * The bars' scale: the curve's largest |reward|, so a dense target (steps of about 1/N) shows its shape rather
 * than bars a pixel tall under ±c; `fallback` (the clip) for a curve without a reward.
 */
export function rewardScale(rewards: ArrayLike<number>, fallback: number): number {
  let peak = 0
  for (let i = 0; i < rewards.length; i++) peak = Math.max(peak, Math.abs(rewards[i]!))
  return peak > 0 ? peak : fallback > 0 ? fallback : 1
}
