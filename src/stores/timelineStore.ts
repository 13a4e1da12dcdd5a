/**
 * The timeline's view of the frame axis (ephemeral): which frames are visible, how wide the visible area is, and
 * which segment is selected. Every time-aligned row (ruler, visual change, segments, the progress chart) draws through the same view,
 * so a vertical line through them always meets one frame. Pixels come from `core/time.ts` with
 * {@link frameView}; nothing else converts.
 *
 * ```text
 *   frames  0 ......... start ............. start + span ......... frameCount
 *                       |<------ widthPx ------>|     pxPerFrame = widthPx / span
 * ```
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import type { FrameView } from '@/core/time'

/** The closest zoom: this many pixels per frame at most. */
export const MAX_PX_PER_FRAME = 24

export interface TimelineState {
  frameCount: number
  /** Width of the frame axis on screen, in CSS pixels. */
  widthPx: number
  /** The frame (fractional) at the left edge. */
  start: number
  /** Frames across the width. */
  span: number
  /** The segment the inspector edits (its id), or undefined: then it follows the playhead. */
  selected: string | undefined
  select(id: string | undefined): void
  /** Bumped to ask the inspector to put the keys in the selected (or playhead's) step's name field. */
  nameRequest: number
  /** Select `id` (or keep the selection) and ask for its name to be typed (Enter, a double click). */
  requestName(id?: string): void
  /** Frames of the reference camera hashed so far while its visual change is computed, or undefined. */
  hashing: { done: number; total: number } | undefined
  setHashing(progress: { done: number; total: number } | undefined): void
  /** A new episode: the whole of it visible. */
  reset(frameCount: number): void
  setWidth(px: number): void
  /** Zoom by `factor` (2 = twice as close), keeping `anchor` (a frame) at the same place on screen. */
  zoomBy(factor: number, anchor?: number): void
  /** The whole episode. */
  fit(): void
  /** Scroll so that `start` is at the left edge (clamped). */
  scrollTo(start: number): void
  /** Scroll the least needed to keep `frame` in view, with a margin (the playhead while it moves). */
  reveal(frame: number): void
}

function minSpan(s: Pick<TimelineState, 'frameCount' | 'widthPx'>): number {
  return Math.min(s.frameCount, Math.max(4, s.widthPx / MAX_PX_PER_FRAME))
}

function clampStart(start: number, span: number, frameCount: number): number {
  return Math.min(Math.max(0, frameCount - span), Math.max(0, start))
}

export function createTimelineStore() {
  return createStore<TimelineState>()((set, get) => ({
    frameCount: 0,
    widthPx: 0,
    start: 0,
    span: 0,
    selected: undefined,
    nameRequest: 0,
    requestName(id) {
      set((s) => ({ nameRequest: s.nameRequest + 1, ...(id !== undefined ? { selected: id } : {}) }))
    },
    hashing: undefined,
    setHashing(progress) {
      set({ hashing: progress })
    },
    select(id) {
      if (id !== get().selected) set({ selected: id })
    },
    reset(frameCount) {
      set({ frameCount, start: 0, span: frameCount, selected: undefined })
    },
    setWidth(px) {
      if (px !== get().widthPx) set({ widthPx: px })
    },
    zoomBy(factor, anchor) {
      const s = get()
      if (s.frameCount === 0 || !(factor > 0)) return
      const span = Math.min(s.frameCount, Math.max(minSpan(s), s.span / factor))
      const at = anchor ?? s.start + s.span / 2
      // The anchor keeps its fraction of the width.
      const fraction = s.span > 0 ? (at - s.start) / s.span : 0.5
      set({ span, start: clampStart(at - fraction * span, span, s.frameCount) })
    },
    fit() {
      set({ start: 0, span: get().frameCount })
    },
    scrollTo(start) {
      const s = get()
      const next = clampStart(start, s.span, s.frameCount)
      if (next !== s.start) set({ start: next })
    },
    reveal(frame) {
      const s = get()
      const margin = s.span * 0.05
      if (frame < s.start + margin) get().scrollTo(frame - margin)
      else if (frame + 1 > s.start + s.span - margin) get().scrollTo(frame + 1 - s.span + margin)
    },
  }))
}

export type TimelineStore = ReturnType<typeof createTimelineStore>

/** The pixel view of the frame axis for `core/time.ts` (`frameToPx`, `pxToFrame`, `pxToBoundary`). */
export function frameView(s: Pick<TimelineState, 'widthPx' | 'start' | 'span'>): FrameView {
  return { pxPerFrame: s.span > 0 ? s.widthPx / s.span : 0, scrollFrame: s.start }
}

export const timelineStore = createTimelineStore()

export function useTimeline<T>(selector: (s: TimelineState) => T): T {
  return useStore(timelineStore, selector)
}

/** The visible window and width, for components that draw on the frame axis (re-renders on scroll and zoom). */
export function useTimelineView(): { view: FrameView; widthPx: number; start: number; span: number; frameCount: number } {
  const { widthPx, start, span, frameCount } = useStore(timelineStore, useShallow((s) => ({ widthPx: s.widthPx, start: s.start, span: s.span, frameCount: s.frameCount })))
  return { view: frameView({ widthPx, start, span }), widthPx, start, span, frameCount }
}
