import { useEffect, useRef } from 'react'
import { frameToPx } from '@/core/time'
import { playbackStore, selectMarkedFrame } from '@/stores/playbackStore'
import { frameView, timelineStore } from '@/stores/timelineStore'

/**
 * The playhead over every time-aligned row: one line at the centre of the playhead's frame (and, when a frame is
 * wide enough to see, its cell), moved without React on every frame change. When the playhead leaves the window
 * (playback, a key, a deep link), the window follows; while a boundary is dragged it is in view already.
 */
export function Playhead() {
  const line = useRef<HTMLDivElement>(null)
  useEffect(() => {
    function place() {
      const el = line.current
      if (el === null) return
      const t = timelineStore.getState()
      const frame = selectMarkedFrame(playbackStore.getState())
      const view = frameView(t)
      const x = frameToPx(frame, view)
      const visible = t.widthPx > 0 && x + view.pxPerFrame >= 0 && x <= t.widthPx
      el.style.display = visible ? '' : 'none'
      el.style.transform = `translateX(${x}px)`
      el.style.width = `${Math.max(2, view.pxPerFrame)}px`
    }
    place()
    const offTimeline = timelineStore.subscribe(place)
    const offPlayback = playbackStore.subscribe((s, prev) => {
      if (s.frame !== prev.frame && s.lastSource !== 'boundary') timelineStore.getState().reveal(s.frame)
      if (selectMarkedFrame(s) !== selectMarkedFrame(prev)) place()
    })
    return () => {
      offTimeline()
      offPlayback()
    }
  }, [])
  return (
    <div ref={line} aria-hidden className="pointer-events-none absolute inset-y-0 left-0 z-30 flex justify-center will-change-transform" data-testid="timeline-playhead">
      {/* Two pixels with a dark edge and a head on the ruler: found at a glance over any segment colour. */}
      <div className="h-full w-0.5 bg-white shadow-[0_0_0_1px_rgba(0,0,0,.7)]" />
      <div className="absolute inset-0 bg-white/10" />
      <div className="absolute top-0 left-1/2 h-0 w-0 -translate-x-1/2 border-x-[6px] border-t-[9px] border-x-transparent border-t-white drop-shadow-[0_1px_1px_rgba(0,0,0,.8)]" />
    </div>
  )
}
