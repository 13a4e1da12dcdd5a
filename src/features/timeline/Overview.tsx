import { useEffect, useRef } from 'react'
import type { PointerEvent } from 'react'
import { clampFrame } from '@/core/time'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore, selectMarkedFrame } from '@/stores/playbackStore'
import { timelineStore, useTimelineView } from '@/stores/timelineStore'
import { useStepColors } from './segmentColors'
import { segmentLook } from './segmentStyle'

/** The frame under x on the overview, which always shows the whole episode. */
function overviewFrame(e: { clientX: number }, element: Element, frameCount: number): number {
  const box = element.getBoundingClientRect()
  return clampFrame(((e.clientX - box.left) / Math.max(1, box.width)) * frameCount, frameCount)
}

/**
 * The whole episode in one thin strip (the minimap): every segment (as last committed), the playhead, and the
 * window the timeline shows. Press to centre the window there, drag to pan; when the whole episode is in view it scrubs instead.
 */
export function Overview() {
  // The committed document: the overview need not follow every move of a drag.
  const doc = useAnnotation(selectCommittedDoc)
  const { start, span, frameCount } = useTimelineView()
  const playhead = useRef<HTMLDivElement>(null)
  const colors = useStepColors()

  useEffect(() => {
    const place = (frame: number) => {
      const n = timelineStore.getState().frameCount
      // A transform of a layer of its own: moving it costs no layout and no repaint of what is under it.
      if (playhead.current !== null && n > 0) playhead.current.style.transform = `translateX(${((frame + 0.5) / n) * 100}%)`
    }
    place(selectMarkedFrame(playbackStore.getState()))
    return playbackStore.subscribe((s) => place(selectMarkedFrame(s)))
  }, [])

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    if (e.button !== 0 || frameCount === 0) return
    const element = e.currentTarget
    element.setPointerCapture(e.pointerId)
    const whole = span >= frameCount
    const go = (m: { clientX: number }) => {
      const frame = overviewFrame(m, element, frameCount)
      if (whole) playbackStore.getState().seek(frame, 'user')
      else timelineStore.getState().scrollTo(frame - timelineStore.getState().span / 2)
    }
    go(e)
    const move = (m: globalThis.PointerEvent) => go(m)
    const up = () => {
      element.removeEventListener('pointermove', move)
      element.removeEventListener('pointerup', up)
    }
    element.addEventListener('pointermove', move)
    element.addEventListener('pointerup', up)
  }

  if (doc === undefined || frameCount === 0) return <div className="h-4" />
  const pct = (f: number) => `${(f / frameCount) * 100}%`
  return (
    <div className="relative h-4 cursor-pointer overflow-hidden rounded-sm bg-zinc-900 select-none" onPointerDown={onPointerDown} aria-label="Episode overview: press to move the timeline's window" data-testid="overview">
      {doc.segments.map((s) => {
        const look = segmentLook(s, doc.outcome, colors)
        return <div key={s.id} className="absolute inset-y-1" style={{ left: pct(s.start), width: pct(s.end - s.start), background: `${look.color}${look.state === 'excluded' ? '40' : 'a0'}` }} />
      })}
      {span < frameCount && (
        <div className="absolute inset-y-0 rounded-sm border border-sky-300/80 bg-sky-300/10" style={{ left: pct(start), width: pct(span) }} data-testid="overview-window" />
      )}
      <div ref={playhead} aria-hidden className="pointer-events-none absolute inset-0 will-change-transform">
        <div className="absolute inset-y-0 left-0 w-px bg-white" />
      </div>
    </div>
  )
}
