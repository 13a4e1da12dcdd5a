import { memo } from 'react'
import type { KeyboardEvent, PointerEvent } from 'react'
import type { AnnotationDoc, Segment } from '@/core/annotation'
import { segmentIndexAt } from '@/core/annotation'
import { frameToPx, pxToBoundary } from '@/core/time'
import { cn } from '@/lib/cn'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { frameView, timelineStore, useTimeline, useTimelineView } from '@/stores/timelineStore'
import { frameUnderPointer, scrubFrom } from './scrub'
import { useStepColors } from './segmentColors'
import type { SegmentLook } from './segmentStyle'
import { blockBackground, compactLabel, segmentLook } from './segmentStyle'

interface BlockProps {
  id: string
  left: number
  width: number
  selected: boolean
  color: string
  state: SegmentLook['state']
  text: string
  title: string
}

/** About how wide one character of the 11 px label is, to tell whether a name fits on one line. */
const CHAR_PX = 6.2

/**
 * One segment: its name and state, never wider than the segment; the full text is its tooltip. A name that does
 * not fit on one line wraps onto two, and drops the words that tell steps apart least ("Place the yellow cube
 * into the bin." reads "Place yellow cube bin"), so a whole-episode view of 16 steps still says which is which.
 * Props are plain values, so a drag re-renders only the two segments it changes.
 */
const SegmentBlock = memo(function SegmentBlock({ id, left, width, selected, color, state, text, title }: BlockProps) {
  const look = { color, state }
  return (
    <div
      data-segment={id}
      data-state={state}
      title={title}
      className={cn('absolute inset-y-0 flex items-center overflow-hidden border-l-2 px-1 text-[11px]',
        selected ? 'z-10 outline outline-2 -outline-offset-2 outline-white/80' : '')}
      style={{
        left, width, background: blockBackground(look), borderLeftColor: color, color: state === 'excluded' ? '#a1a1aa' : '#f4f4f5',
        // A step started but not completed ends in a dashed edge: its completion was never seen.
        ...(state === 'incomplete' ? { borderRight: `2px dashed ${color}` } : {}),
      }}
    >
      {width > 28 && (
        <span className={text.length * CHAR_PX + 10 <= width ? 'truncate' : 'line-clamp-2 leading-[13px] [overflow-wrap:anywhere]'}>
          {state === 'incomplete' && <span aria-hidden className="mr-1 text-amber-300">◐</span>}
          {text.length * CHAR_PX + 10 <= width ? text : compactLabel(text)}
        </span>
      )}
    </div>
  )
})

function blockProps(segment: Segment, look: SegmentLook, place: { left: number; width: number; selected: boolean }): BlockProps {
  const frames = segment.end - segment.start
  const title = `${look.text} · frames ${segment.start}–${segment.end - 1} (${frames}) · ${look.stateText}${segment.notes === '' ? '' : `\n${segment.notes}`}`
  return { id: segment.id, ...place, color: look.color, state: look.state, text: look.text, title }
}

interface HandleProps {
  boundary: number
  frame: number
  x: number
  min: number
  max: number
  between: string
}

/** A boundary's handle: drag it, or focus it and use the arrow keys. */
const BoundaryHandle = memo(function BoundaryHandle({ boundary, frame, x, min, max, between }: HandleProps) {
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label={`Boundary ${boundary + 1}`}
      aria-valuetext={`frame ${frame}, between ${between}`}
      aria-valuenow={frame}
      aria-valuemin={min}
      aria-valuemax={max}
      data-boundary={boundary}
      onKeyDown={(e) => onHandleKey(e, boundary, frame)}
      className="group absolute inset-y-0 z-20 w-[11px] -translate-x-1/2 cursor-ew-resize outline-none"
      style={{ left: x }}
    >
      <div className="mx-auto h-full w-[3px] bg-white/0 group-hover:bg-white/70 group-focus-visible:bg-sky-300 group-active:bg-sky-300" />
    </div>
  )
})

/** Where the boundary being dragged may go: each neighbour keeps at least one frame. */
function boundaryRange(doc: AnnotationDoc, boundary: number): [number, number] {
  return [doc.segments[boundary]!.start + 1, doc.segments[boundary + 1]!.end - 1]
}

/** Drags boundary `boundary` with the pointer: a gesture previewed on every move, committed on release. */
function dragBoundary(e: PointerEvent<HTMLElement>, boundary: number): void {
  const annotation = annotationStore.getState()
  const doc = selectDoc(annotation)
  if (doc === undefined) return
  if (annotation.readOnly !== undefined) {
    annotation.refuse(annotation.readOnly, `Move boundary ${boundary + 1}`)
    return
  }
  const track = e.currentTarget
  track.setPointerCapture(e.pointerId)
  const playback = playbackStore.getState()
  const restore = playback.frame
  playback.pause()
  annotation.begin()
  const [lo, hi] = boundaryRange(doc, boundary)
  let last = doc.segments[boundary]!.end
  let ending = false
  const move = (m: globalThis.PointerEvent) => {
    const x = m.clientX - track.getBoundingClientRect().left
    const frame = Math.min(hi, Math.max(lo, pxToBoundary(x, frameView(timelineStore.getState()))))
    if (frame === last) return
    last = frame
    // Past the track's edge, the window follows the boundary.
    timelineStore.getState().reveal(frame)
    // Every camera shows the frame that starts the segment on the right: the step's completion frame.
    if (annotationStore.getState().preview({ type: 'moveBoundary', boundary, frame })) playbackStore.getState().seek(frame, 'boundary')
  }
  const stop = () => {
    ending = true
    unsubscribe()
    track.removeEventListener('pointermove', move)
    track.removeEventListener('pointerup', up)
    track.removeEventListener('pointercancel', cancel)
  }
  const up = () => {
    stop()
    annotationStore.getState().commit()
  }
  const cancel = () => {
    stop()
    annotationStore.getState().cancel()
    playbackStore.getState().seek(restore, 'user')
  }
  // Escape (the keymap) cancels the gesture in the store: end the drag and put the playhead back.
  const unsubscribe = annotationStore.subscribe((s) => {
    if (!ending && s.history?.transaction === undefined) {
      stop()
      playbackStore.getState().seek(restore, 'user')
    }
  })
  track.addEventListener('pointermove', move)
  track.addEventListener('pointerup', up)
  track.addEventListener('pointercancel', cancel)
}

function onPointerDown(e: PointerEvent<HTMLDivElement>): void {
  if (e.button !== 0) return
  const handle = (e.target as HTMLElement).closest<HTMLElement>('[data-boundary]')
  if (handle !== null) {
    e.preventDefault()
    handle.focus()
    dragBoundary(e, Number(handle.dataset.boundary))
    return
  }
  const doc = selectDoc(annotationStore.getState())
  if (doc !== undefined) timelineStore.getState().select(doc.segments[segmentIndexAt(doc.segments, frameUnderPointer(e, e.currentTarget))]?.id)
  scrubFrom(e)
}

/** A focused boundary moves with ← / → (Shift: 10 frames); repeated presses are one undo step. */
function onHandleKey(e: KeyboardEvent<HTMLDivElement>, boundary: number, frame: number): void {
  const delta = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0
  if (delta === 0) return
  e.preventDefault()
  e.stopPropagation()
  const target = frame + delta * (e.shiftKey ? 10 : 1)
  if (annotationStore.getState().dispatch({ type: 'moveBoundary', boundary, frame: target }, { at: e.timeStamp })) {
    playbackStore.getState().seek(target, 'boundary')
  }
}

/**
 * The segments of the open document as labelled blocks on the frame axis, with a handle on every boundary:
 * drag a handle (it snaps to frames; Escape cancels), or focus it and use the arrow keys. Press a block to select
 * it and seek there. Only the segments in view are drawn.
 */
export function SegmentTrack() {
  const doc = useAnnotation(selectDoc)
  const { view, widthPx, start, span } = useTimelineView()
  const selected = useTimeline((s) => s.selected)
  const colors = useStepColors()
  if (doc === undefined) return <div className="h-9" />
  const end = start + span
  const blocks: BlockProps[] = []
  const handles: HandleProps[] = []
  doc.segments.forEach((s, i) => {
    if (s.end <= start || s.start >= end) return
    const left = frameToPx(s.start, view)
    const look = segmentLook(s, doc.outcome, colors)
    blocks.push(blockProps(s, look, { left, width: frameToPx(s.end, view) - left, selected: s.id === selected }))
    const next = doc.segments[i + 1]
    if (next !== undefined && s.end <= end) {
      const between = `${look.text} and ${segmentLook(next, doc.outcome, colors).text}`
      handles.push({ boundary: i, frame: s.end, x: frameToPx(s.end, view), min: s.start + 1, max: next.end - 1, between })
    }
  })
  return (
    <div
      className="relative h-9 overflow-hidden select-none"
      style={{ width: widthPx }}
      onPointerDown={onPointerDown}
      onDoubleClick={(e) => {
        // By the frame under the pointer: the press captured the pointer, so the event's target is the track.
        const current = selectDoc(annotationStore.getState())
        const id = current?.segments[segmentIndexAt(current.segments, frameUnderPointer(e, e.currentTarget))]?.id
        if (id !== undefined) timelineStore.getState().requestName(id)
      }}
      role="group"
      aria-label="Segments"
      data-testid="segment-track"
    >
      {blocks.map((b) => <SegmentBlock key={b.id} {...b} />)}
      {handles.map((h) => <BoundaryHandle key={`${h.boundary}`} {...h} />)}
    </div>
  )
}
