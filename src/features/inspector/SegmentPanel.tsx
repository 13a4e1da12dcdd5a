import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { AnnotationDoc, Segment, SegmentKind } from '@/core/annotation'
import { segmentIndexAt } from '@/core/annotation'
import { SEGMENT_STATUS_TEXT, segmentName, segmentStatus } from '@/core/docLabels'
import type { Edit } from '@/core/edits'
import { mergeIntoPreviousEdit, splitAtEdit } from '@/core/playheadEdits'
import { budgetsOf } from '@/stores/annotationDerived'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore, selectShownFrame, usePlayback } from '@/stores/playbackStore'
import { timelineStore, useTimeline } from '@/stores/timelineStore'
import { Button } from '@/ui/Button'
import { Kbd } from '@/ui/Kbd'
import type { SegmentedOption } from '@/ui/Segmented'
import { Segmented } from '@/ui/Segmented'

const KINDS: SegmentedOption<SegmentKind>[] = [
  { value: 'step', label: 'Step', title: 'A subtask: named, budgeted, completed or not' },
  { value: 'tail', label: 'Tail', title: 'The frames after the last step: done or not done, by the outcome' },
  { value: 'outside', label: 'Excluded', title: 'Idle or irrelevant frames: no label, no progress (null in ProcCorpus)' },
]

function dispatch(edit: Edit, at?: number): boolean {
  return annotationStore.getState().dispatch(edit, at === undefined ? {} : { at })
}

/** Run a playhead key's edit (split, merge) from a button. */
function atPlayhead(make: typeof splitAtEdit): void {
  const doc = selectDoc(annotationStore.getState())
  if (doc === undefined) return
  const choice = make(doc, playbackStore.getState().frame)
  if (choice.ok) dispatch(choice.edit)
  else annotationStore.getState().refuse(choice.reason)
}

/** A new unnamed step from the start of the segment under the playhead up to the playhead, selected; true when made. */
function insertBeforePlayhead(doc: AnnotationDoc, segment: Segment): boolean {
  const frame = playbackStore.getState().frame
  if (frame <= segment.start) {
    annotationStore.getState().refuse(`move the playhead to where the missing step ends: the new step runs from frame ${segment.start} to the playhead`, 'Insert a step')
    return false
  }
  if (!dispatch({ type: 'insert', start: segment.start, end: frame, label: '' })) return false
  const next = selectDoc(annotationStore.getState()) ?? doc
  timelineStore.getState().select(next.segments[segmentIndexAt(next.segments, frame - 1)]?.id)
  return true
}

function BudgetEditor({ doc, segment }: { doc: AnnotationDoc; segment: Segment }) {
  const row = budgetsOf(doc).find((r) => r.segment.id === segment.id)
  const [draft, setDraft] = useState<string | undefined>(undefined)
  if (row === undefined) return <p className="text-[11px] text-zinc-500">{segment.kind === 'step' ? 'Unnamed and done-like steps carry no budget.' : 'Only steps carry a budget.'}</p>
  const locked = row.override?.kind === 'locked'
  const commitDraft = () => {
    if (draft === undefined) return
    const share = Number(draft) / 100
    setDraft(undefined)
    if (Number.isFinite(share)) dispatch({ type: 'setBudget', segmentId: segment.id, share })
  }
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs">
      <label className="flex items-center gap-1 text-zinc-400">
        Budget
        <input
          aria-label="Budget share (%)"
          inputMode="decimal"
          className="h-6 w-16 rounded border border-zinc-700 bg-zinc-950 px-1 text-right font-mono text-zinc-100"
          value={draft ?? (row.share * 100).toFixed(1)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitDraft}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitDraft()
            if (e.key === 'Escape') setDraft(undefined)
          }}
        />
        %
      </label>
      <span className="text-zinc-500" title="ProcVLM's clip(K·L/T, 0.75, 1.25), normalised">formula {(row.formulaShare * 100).toFixed(1)}%</span>
      <Button size="sm" variant="ghost" aria-pressed={locked} onClick={() => dispatch({ type: locked ? 'unlockBudget' : 'lockBudget', segmentId: segment.id })}>
        {locked ? 'Unlock' : 'Lock'}
      </Button>
      <Button size="sm" variant="ghost" disabled={row.override === undefined} onClick={() => dispatch({ type: 'resetBudget', segmentId: segment.id })}>Reset</Button>
    </div>
  )
}

/**
 * The selected segment (or, with none selected, the one under the playhead): its kind, name (suggested from
 * this episode, the dataset and ProcVLM's verb patterns), state, notes and budget, and the structural edits.
 * Typing is saved as it goes; a burst of typing is one undo step.
 */
export function SegmentPanel({ suggestions }: { suggestions: readonly string[] }) {
  const doc = useAnnotation(selectDoc)
  // The segment under the frame on screen, not the frame: stepping inside a segment does not re-render the panel.
  const underPlayhead = usePlayback((s) => (doc === undefined ? undefined : doc.segments[segmentIndexAt(doc.segments, Math.min(selectShownFrame(s), doc.frameCount - 1))]?.id))
  const selected = useTimeline((s) => s.selected)
  // In a read-only tab the fields show the document but take no input.
  const readOnly = useAnnotation((s) => s.readOnly !== undefined)
  const listId = useId()
  const nameField = useRef<HTMLInputElement>(null)
  const nameRequest = useTimeline((s) => s.nameRequest)
  // Enter or a double click on a step: its name takes the keys (a request made before this panel existed is not one).
  const handledRequest = useRef(nameRequest)
  useEffect(() => {
    if (nameRequest === handledRequest.current) return
    handledRequest.current = nameRequest
    nameField.current?.focus()
    nameField.current?.select()
  }, [nameRequest])
  const segment = useMemo(() => doc?.segments.find((s) => s.id === (selected ?? underPlayhead)) ?? doc?.segments.find((s) => s.id === underPlayhead), [doc, selected, underPlayhead])
  if (doc === undefined || segment === undefined) return null
  const isStep = segment.kind === 'step'
  const explicit = segment.id === selected
  return (
    <fieldset disabled={readOnly} className="m-0 min-w-0 space-y-2 border-0 p-0" aria-label="Segment">
      <div className="flex items-baseline justify-between text-[11px] text-zinc-500">
        <span className="uppercase tracking-wide" title={explicit ? 'The segment selected on the timeline' : 'The segment under the playhead (select one on the timeline to keep it)'}>{explicit ? 'Selected segment' : 'Segment'}</span>
        <span className="font-mono tabular-nums">frames {segment.start}–{segment.end - 1} ({segment.end - segment.start})</span>
      </div>
      <Segmented label="Kind" options={KINDS} value={segment.kind} onChange={(kind) => dispatch({ type: 'setKind', segmentId: segment.id, kind })} />
      {isStep ? (
        <>
          <input
            ref={nameField}
            aria-label="Step name"
            list={listId}
            placeholder="Name the step: Grasp the cup."
            className="h-7 w-full rounded border border-zinc-700 bg-zinc-950 px-2 text-sm text-zinc-100 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none"
            value={segment.label}
            onChange={(e) => dispatch({ type: 'rename', segmentId: segment.id, label: e.target.value }, e.timeStamp)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === 'Escape') e.currentTarget.blur()
            }}
          />
          <datalist id={listId}>{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
          <label className="flex items-center gap-2 text-xs text-zinc-300">
            <input
              type="checkbox"
              checked={segment.state === 'incomplete'}
              onChange={(e) => dispatch({ type: 'setState', segmentId: segment.id, state: e.target.checked ? 'incomplete' : 'completed' })}
            />
            Started but not completed
          </label>
        </>
      ) : (
        <p className="text-sm text-zinc-200">{segmentName(segment, doc.outcome)} <span className="text-xs text-zinc-500">({SEGMENT_STATUS_TEXT[segmentStatus(segment, doc.outcome)]})</span></p>
      )}
      <textarea
        aria-label="Notes"
        placeholder="Notes"
        rows={2}
        className="w-full resize-y rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-xs text-zinc-200 placeholder:text-zinc-600 focus:border-sky-500 focus:outline-none"
        value={segment.notes}
        onChange={(e) => dispatch({ type: 'setNotes', segmentId: segment.id, notes: e.target.value }, e.timeStamp)}
      />
      <BudgetEditor doc={doc} segment={segment} />
      <div className="flex flex-wrap gap-1">
        <Button size="sm" onClick={() => atPlayhead(splitAtEdit)} title="Split the segment under the playhead at the playhead">Split <Kbd>S</Kbd></Button>
        <Button size="sm" onClick={() => atPlayhead(mergeIntoPreviousEdit)} title="Merge the segment under the playhead into the one before">Merge ← <Kbd>Del</Kbd></Button>
        <Button size="sm" onClick={() => {
          // The new step needs a name next: the field takes the keys once the step is on screen.
          if (insertBeforePlayhead(doc, segment)) requestAnimationFrame(() => nameField.current?.focus())
        }} title="A new step from the start of this segment to the playhead: for a step the VLM missed">Insert step</Button>
        <Button size="sm" variant="ghost" onClick={() => dispatch({ type: 'delete', segmentId: segment.id })} title="Delete this segment; a step's frames go to the next segment">Delete</Button>
        {explicit && <Button size="sm" variant="ghost" onClick={() => timelineStore.getState().select(undefined)} title="Follow the playhead again">Deselect</Button>}
      </div>
    </fieldset>
  )
}
