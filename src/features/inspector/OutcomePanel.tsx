import type { Outcome } from '@/core/annotation'
import { DEFAULT_CUTOFF } from '@/core/annotation'
import type { DatasetOutcome } from '@/data/DatasetSource'
import { cn } from '@/lib/cn'
import type { SegmentedOption } from '@/ui/Segmented'
import { Segmented } from '@/ui/Segmented'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'

const FAILED = 'border-red-500 bg-red-950 text-red-100'

const CHOICES: SegmentedOption<Outcome['kind']>[] = [
  { value: 'done', label: 'Done', title: 'The task was finished: the tail is "done" and progress reaches 100%.', chosenClass: 'border-emerald-500 bg-emerald-950 text-emerald-100' },
  { value: 'not-done', label: 'Not done', title: 'Failed after completing some steps: progress is scaled by the success cutoff (ProcVLM\'s one-shot annotator).', chosenClass: FAILED },
  { value: 'failed', label: 'Failed', title: 'Failed with nothing completed: every task frame is "not done" and progress stays 0.', chosenClass: FAILED },
]

/**
 * What the dataset itself records, beside the choice: a VLM that labels a failure as a success is one of the
 * mistakes an audit is for, so a contradiction is shown in red.
 */
function RecordedOutcome({ recorded, chosen }: { recorded: DatasetOutcome; chosen: Outcome['kind'] }) {
  const disagree = recorded.success ? chosen !== 'done' : chosen === 'done'
  return (
    <p className={cn('rounded border px-2 py-1 text-xs', disagree ? 'border-red-800 bg-red-950/50 text-red-200' : 'border-zinc-800 text-zinc-400')} data-testid="recorded-outcome">
      The dataset records <span className={recorded.success ? 'text-emerald-300' : 'text-amber-300'}>{recorded.success ? 'success' : 'failure'}</span>
      {disagree && <> but this episode is marked <b>{CHOICES.find((c) => c.value === chosen)?.label.toLowerCase()}</b></>}
      <span className="block font-mono text-[10px] text-zinc-500 [overflow-wrap:anywhere]">{recorded.source}</span>
    </p>
  )
}

/** How the episode ended: done; not done, with the success cutoff progress is scaled by; failed. */
export function OutcomePanel({ recorded }: { recorded?: DatasetOutcome | undefined }) {
  const doc = useAnnotation(selectDoc)
  const readOnly = useAnnotation((s) => s.readOnly !== undefined)
  if (doc === undefined) return null
  const outcome = doc.outcome
  const cutoff = outcome.kind === 'not-done' ? outcome.cutoff : DEFAULT_CUTOFF
  const choose = (kind: Outcome['kind']) => {
    const next: Outcome = kind === 'not-done' ? { kind, cutoff } : { kind }
    annotationStore.getState().dispatch({ type: 'setOutcome', outcome: next })
  }
  return (
    <fieldset disabled={readOnly} className="m-0 min-w-0 space-y-1.5 border-0 p-0" aria-label="Outcome">
      <div className="text-[11px] uppercase tracking-wide text-zinc-500">Outcome</div>
      <Segmented label="Outcome" options={CHOICES} value={outcome.kind} onChange={choose} />
      {recorded !== undefined && <RecordedOutcome recorded={recorded} chosen={outcome.kind} />}
      {outcome.kind === 'not-done' && (
        <label className="flex items-center gap-2 text-xs text-zinc-300">
          Success cutoff
          <input
            type="range"
            aria-label="Success cutoff"
            min={0}
            max={1}
            step={0.05}
            value={outcome.cutoff}
            onChange={(e) => annotationStore.getState().dispatch({ type: 'setCutoff', cutoff: Number(e.target.value) }, { at: e.timeStamp })}
            className="flex-1"
          />
          <span className="w-10 text-right font-mono tabular-nums">{outcome.cutoff.toFixed(2)}</span>
        </label>
      )}
      <p className="text-[11px] leading-4 text-zinc-500">{CHOICES.find((c) => c.value === outcome.kind)?.title}</p>
    </fieldset>
  )
}
