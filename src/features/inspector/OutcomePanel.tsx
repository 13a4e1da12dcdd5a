import type { Outcome } from '@/core/annotation'
import { DEFAULT_CUTOFF } from '@/core/annotation'
import { cn } from '@/lib/cn'
import { annotationStore, selectDoc, useAnnotation } from '@/stores/annotationStore'

const CHOICES: { kind: Outcome['kind']; label: string; help: string }[] = [
  { kind: 'done', label: 'Done', help: 'The task was finished: the tail is "done" and progress reaches 100%.' },
  { kind: 'not-done', label: 'Not done', help: 'Failed after completing some steps: progress is scaled by the success cutoff (ProcVLM\'s one-shot annotator).' },
  { kind: 'failed', label: 'Failed', help: 'Failed with nothing completed: every task frame is "not done" and progress stays 0.' },
]

/** How the episode ended: done; not done, with the success cutoff progress is scaled by; failed. */
export function OutcomePanel() {
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
      <div className="flex gap-1" role="radiogroup" aria-label="Outcome">
        {CHOICES.map((c) => (
          <button
            key={c.kind}
            type="button"
            role="radio"
            aria-checked={outcome.kind === c.kind}
            title={c.help}
            onClick={() => choose(c.kind)}
            className={cn('h-6 rounded border px-2 text-xs',
              outcome.kind === c.kind ? (c.kind === 'done' ? 'border-emerald-500 bg-emerald-950 text-emerald-100' : 'border-red-500 bg-red-950 text-red-100') : 'border-zinc-700 text-zinc-300 hover:bg-zinc-800')}
          >
            {c.label}
          </button>
        ))}
      </div>
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
      <p className="text-[11px] leading-4 text-zinc-500">{CHOICES.find((c) => c.kind === outcome.kind)?.help}</p>
    </fieldset>
  )
}
