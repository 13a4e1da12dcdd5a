import { useShallow } from 'zustand/react/shallow'
import { cn } from '@/lib/cn'
import type { AnnotationState } from '@/stores/annotationStore'
import { annotationStore, historyLines, useAnnotation } from '@/stores/annotationStore'

// Past and future only: a drag's previews change neither, so the list does not re-render while dragging.
function selectEntries(s: AnnotationState) {
  return { past: s.history?.past, future: s.history?.future }
}

/** Every labelled change of this episode, oldest first; click one to go back (or forward) to right after it. */
export function HistoryPanel({ openedAs }: { openedAs: string }) {
  const history = useAnnotation(useShallow(selectEntries))
  const { past, future } = history
  if (past === undefined || future === undefined) return null
  const lines = historyLines({ past, future })
  const position = past.length
  const go = (p: number) => annotationStore.getState().goTo(p)
  return (
    <section className="flex shrink-0 flex-col" aria-label="History">
      <div className="mb-1 flex items-baseline justify-between text-[11px] text-zinc-500">
        <span className="uppercase tracking-wide">History</span>
        <span>{lines.filter((l) => l.applied).length} change{lines.length === 1 ? '' : 's'}{future.length > 0 ? ` · ${future.length} undone` : ''}</span>
      </div>
      <ol className="max-h-72 overflow-auto text-xs" data-testid="history">
        <li>
          <button type="button" onClick={() => go(0)} className={cn('w-full truncate rounded px-1.5 py-0.5 text-left hover:bg-zinc-800', position === 0 ? 'bg-zinc-800 text-zinc-100' : 'text-zinc-400')}>
            {openedAs}
          </button>
        </li>
        {lines.map((l) => (
          <li key={l.position}>
            <button
              type="button"
              onClick={() => go(l.position)}
              title={l.label}
              aria-current={l.position === position ? 'step' : undefined}
              className={cn('w-full truncate rounded px-1.5 py-0.5 text-left hover:bg-zinc-800',
                l.position === position ? 'bg-zinc-800 text-zinc-100' : l.applied ? 'text-zinc-300' : 'text-zinc-600 italic')}
            >
              {l.label}
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
}
