import { memo } from 'react'
import type { PointerEvent } from 'react'
import type { Segment } from '@/core/annotation'
import type { DiffItem } from '@/core/docDiff'
import { segmentName } from '@/core/docLabels'
import { clampFrame, frameToPx, pxToFrame } from '@/core/time'
import type { FrameView } from '@/core/time'
import { docDiff } from '@/stores/diffDerived'
import { selectDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { frameView, timelineStore, useTimelineView } from '@/stores/timelineStore'
import { framesText, quoted, shiftText } from './diffText'

type Boundary = Extract<DiffItem, { kind: 'boundary' }>

const NEUTRAL = '#71717a'
/** The track's height in px (the editor takes it from the progress plot). */
export const PROPOSAL_TRACK_HEIGHT = 24

/** A proposal segment: a muted block in its step's colour; a removed step struck through in red. */
const ProposalBlock = memo(function ProposalBlock({ left, width, color, text, title, removed }: {
  left: number; width: number; color: string; text: string; title: string; removed: boolean
}) {
  return (
    <div
      className="absolute top-0 flex h-3.5 items-center overflow-hidden border-l px-1 text-[9px] leading-none"
      style={{ left, width, borderLeftColor: color, background: removed ? 'repeating-linear-gradient(135deg, #7f1d1d55 0 4px, transparent 4px 8px)' : `${color}26`, color: removed ? '#fca5a5' : '#a1a1aa' }}
      title={title}
      data-proposal-segment
      data-removed={removed || undefined}
    >
      {width > 24 && <span className={removed ? 'truncate line-through' : 'truncate'}>{text}</span>}
    </div>
  )
})

/**
 * A moved boundary: a tick where the proposal had it, an arrow to where it is now (on the segments track just
 * below), and the shift. The badge sits past the arrow's head, so a shift of one frame is still readable.
 */
function ShiftMark({ item, view }: { item: Boundary; view: FrameView }) {
  const from = frameToPx(item.from, view)
  const to = frameToPx(item.to, view)
  const left = Math.min(from, to)
  const right = item.delta > 0
  return (
    <div data-shift={item.delta}>
      <div className="pointer-events-none absolute top-0 h-full w-px bg-amber-400" style={{ left: from }} />
      <svg className="pointer-events-none absolute bottom-0 overflow-visible" style={{ left, width: Math.max(1, Math.abs(to - from)), height: 8 }} aria-hidden>
        <line x1={right ? 0 : '100%'} y1={4} x2={right ? '100%' : 0} y2={4} stroke="#fbbf24" strokeWidth={1.5} />
        <path d={right ? 'M0,0 L4,4 L0,8' : 'M0,0 L-4,4 L0,8'} transform={`translate(${right ? Math.abs(to - from) : 0},0)`} fill="none" stroke="#fbbf24" strokeWidth={1.5} />
      </svg>
      <span
        className="absolute bottom-0 rounded bg-amber-950/90 px-0.5 font-mono text-[9px] leading-[10px] text-amber-200 tabular-nums"
        style={right ? { left: to + 5 } : { left: to - 5, transform: 'translateX(-100%)' }}
        title={`The boundary where ${quoted(item.label)} ${item.edge === 'end' ? 'ends' : 'starts'}: frame ${item.from} in the proposal, ${item.to} now`}
      >
        {shiftText(item.delta)}
      </span>
    </div>
  )
}

function seekFrom(e: PointerEvent<HTMLDivElement>): void {
  if (e.button !== 0) return
  const s = timelineStore.getState()
  const frame = clampFrame(pxToFrame(e.clientX - e.currentTarget.getBoundingClientRect().left, frameView(s)), s.frameCount)
  playbackStore.getState().pause()
  playbackStore.getState().seek(frame, 'user')
}

/**
 * The VLM proposal's segments on the frame axis, above the corrected ones, with every boundary the correction moved
 * marked (`+3 f`). Follows a drag live: the diff is memoised on the document, so each pointer move costs one diff.
 */
export function ProposalTrack({ colors }: { colors: ReadonlyMap<string, string> }) {
  const doc = useAnnotation(selectDoc)
  const { view, widthPx, start, span } = useTimelineView()
  const proposal = doc?.provenance.proposal
  const diff = doc === undefined ? undefined : docDiff(doc)
  if (proposal === undefined || diff === undefined) {
    return <div className="flex items-center px-2 text-[10px] text-zinc-600" style={{ height: PROPOSAL_TRACK_HEIGHT }}>no stored proposal</div>
  }
  const end = start + span
  const removed = new Set(diff.removed.map((s) => s.id))
  const visible = (a: number, b: number) => b > start && a < end
  const blocks = proposal.segments.filter((s) => visible(s.start, s.end)).map((s: Segment) => {
    const left = frameToPx(s.start, view)
    const name = segmentName(s, proposal.outcome)
    return {
      id: s.id, left, width: frameToPx(s.end, view) - left, text: name, removed: removed.has(s.id),
      color: s.kind === 'step' ? (colors.get(s.label) ?? NEUTRAL) : NEUTRAL,
      title: `Proposal: ${name} · ${framesText(s.start, s.end)}${removed.has(s.id) ? ' · removed by the correction' : ''}`,
    }
  })
  const shifts = diff.items.filter((i): i is Boundary => i.kind === 'boundary' && visible(Math.min(i.from, i.to), Math.max(i.from, i.to) + 1))
  return (
    <div className="relative overflow-hidden select-none" style={{ width: widthPx, height: PROPOSAL_TRACK_HEIGHT }} onPointerDown={seekFrom} data-testid="proposal-track" aria-label="The VLM proposal's segments">
      {blocks.map(({ id, ...b }) => <ProposalBlock key={id} {...b} />)}
      {shifts.map((item) => <ShiftMark key={`${item.stepId}:${item.edge}`} item={item} view={view} />)}
    </div>
  )
}
