import type { DiffItem } from '@/core/docDiff'
import { cn } from '@/lib/cn'
import { docDiff, targetChangeOf } from '@/stores/diffDerived'
import { selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { timelineStore } from '@/stores/timelineStore'
import { useView, viewStore } from '@/stores/viewStore'
import { Button } from '@/ui/Button'
import { Kbd } from '@/ui/Kbd'
import { itemText, targetText } from './diffText'

/** Look at an item: its frame under the playhead (and in view), its segment selected. */
function goTo(item: DiffItem): void {
  const playback = playbackStore.getState()
  playback.pause()
  playback.seek(item.frame, 'user')
  timelineStore.getState().reveal(item.frame)
  timelineStore.getState().select(item.segmentId)
}

const KIND_MARK: Record<DiffItem['kind'], { mark: string; className: string }> = {
  outcome: { mark: '◆', className: 'text-red-300' },
  removed: { mark: '−', className: 'text-red-300' },
  added: { mark: '+', className: 'text-emerald-300' },
  boundary: { mark: '↔', className: 'text-amber-300' },
  renamed: { mark: '✎', className: 'text-sky-300' },
  state: { mark: '◐', className: 'text-amber-300' },
  region: { mark: '▭', className: 'text-zinc-300' },
  budget: { mark: '%', className: 'text-zinc-400' },
}

function ItemLine({ item }: { item: DiffItem }) {
  const { text, shift, title } = itemText(item)
  const { mark, className } = KIND_MARK[item.kind]
  // A share that moved only because the lengths did is a consequence, not a correction: shown quieter.
  const quiet = item.kind === 'budget' && !item.overrideChanged
  return (
    <li>
      <button
        type="button"
        onClick={() => goTo(item)}
        title={title}
        data-kind={item.kind}
        className={cn('flex w-full items-baseline gap-1.5 rounded px-1.5 py-0.5 text-left hover:bg-zinc-800', quiet ? 'text-zinc-500' : 'text-zinc-200')}
      >
        <span aria-hidden className={cn('w-3 shrink-0 text-center font-mono', className)}>{mark}</span>
        <span className="min-w-0 flex-1 [overflow-wrap:anywhere]">{text}</span>
        {shift !== undefined && <span className="shrink-0 rounded bg-amber-950 px-1 font-mono text-[10px] text-amber-200 tabular-nums" data-testid="diff-shift">{shift}</span>}
      </button>
    </li>
  )
}

/**
 * What the correction changed against the VLM proposal: a one-line summary always (how many changes, how far the
 * target moved), and with the diff shown (D), every change; click one to go there. Follows committed edits, not a
 * drag's previews, so the list stays still while a boundary moves.
 */
export function ChangesPanel({ similarities }: { similarities: Float64Array | undefined }) {
  const doc = useAnnotation(selectCommittedDoc)
  const shown = useView((s) => s.diff) === 'shown'
  if (doc === undefined) return null
  const diff = docDiff(doc)
  const target = targetChangeOf(doc, similarities)
  return (
    <section className="flex shrink-0 flex-col gap-1" aria-label="Changes" data-testid="changes">
      <div className="flex items-center justify-between gap-2 text-[11px] text-zinc-500">
        <span className="uppercase tracking-wide">Changes</span>
        <Button size="sm" variant="ghost" aria-pressed={shown} onClick={(e) => {
          viewStore.getState().toggleDiff()
          e.currentTarget.blur()
        }} title="Show or hide the changes against the VLM proposal on the timeline, the chart and here (D)">
          {shown ? 'Hide diff' : 'Show diff'} <Kbd>D</Kbd>
        </Button>
      </div>
      {diff === undefined ? (
        <p className="text-xs text-zinc-500">No VLM proposal is stored with these labels: nothing to compare with.</p>
      ) : (
        <>
          <p className="text-xs text-zinc-300" data-testid="changes-summary">
            <span data-testid="changes-count">{diff.items.length === 0 ? 'None: the proposal as it was' : `${diff.items.length} change${diff.items.length === 1 ? '' : 's'}`}</span>
            {target !== undefined && <span className="block text-zinc-400" data-testid="target-change" title="How far the target moved from the proposal's, in percentage points of progress">Target: {targetText(target)}</span>}
          </p>
          {shown && diff.items.length > 0 && (
            <ol className="max-h-64 overflow-auto text-xs" data-testid="changes-list">
              {diff.items.map((item, i) => <ItemLine key={`${item.kind}:${item.frame}:${i}`} item={item} />)}
            </ol>
          )}
        </>
      )}
    </section>
  )
}
