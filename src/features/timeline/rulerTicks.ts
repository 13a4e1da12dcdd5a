/**
 * Where the ruler puts its labels: the first "nice" frame step whose labels stand at least `minGapPx` apart
 * at the current zoom, and the frames of the visible range on that step.
 */
import type { FrameView } from '@/core/time'

const NICE = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000]

export function tickStep(pxPerFrame: number, minGapPx = 64): number {
  return NICE.find((step) => step * pxPerFrame >= minGapPx) ?? NICE[NICE.length - 1]!
}

/** Frames to label in the visible range `[view.scrollFrame, view.scrollFrame + widthPx / pxPerFrame]`. */
export function rulerTicks(view: FrameView, widthPx: number, frameCount: number): { step: number; frames: number[] } {
  if (view.pxPerFrame <= 0) return { step: 1, frames: [] }
  const step = tickStep(view.pxPerFrame)
  const first = Math.ceil(view.scrollFrame / step) * step
  const last = Math.min(frameCount - 1, view.scrollFrame + widthPx / view.pxPerFrame)
  const frames: number[] = []
  for (let f = first; f <= last; f += step) frames.push(f)
  return { step, frames }
}
