import { useCallback } from 'react'
import { pxToFrame } from '@/core/time'
import { frameView, timelineStore } from '@/stores/timelineStore'

/** How much one notch of a mouse wheel (100 px of delta) zooms. */
const ZOOM_PER_100PX = 1.5
/** The frame column starts this far into the element the wheel is on (the rows' label gutter). */
const GUTTER = 92

/**
 * Wheel over the timeline: vertical zooms around the frame under the pointer, horizontal (or Shift+wheel) pans.
 * A native listener, because React's wheel listener is passive and could not keep the page from scrolling.
 * Returns the ref to put on the element that holds the rows.
 */
export function useTimelineWheel(): (el: HTMLElement | null) => (() => void) | undefined {
  return useCallback((el: HTMLElement | null) => {
    if (el === null) return undefined
    function onWheel(e: WheelEvent) {
      const t = timelineStore.getState()
      const view = frameView(t)
      if (view.pxPerFrame <= 0) return
      e.preventDefault()
      const unit = e.deltaMode === 1 ? 33 : e.deltaMode === 2 ? 400 : 1
      const dx = (e.shiftKey ? e.deltaY : e.deltaX) * unit
      const dy = e.shiftKey ? 0 : e.deltaY * unit
      if (Math.abs(dx) > Math.abs(dy)) {
        t.scrollTo(t.start + dx / view.pxPerFrame)
        return
      }
      const x = e.clientX - (el?.getBoundingClientRect().left ?? 0) - GUTTER
      t.zoomBy(ZOOM_PER_100PX ** (-dy / 100), pxToFrame(x, view))
    }
    el.addEventListener('wheel', onWheel, { passive: false })
    return () => el.removeEventListener('wheel', onWheel)
  }, [])
}
