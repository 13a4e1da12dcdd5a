import { memo } from 'react'
import { cn } from '@/lib/cn'
import { Badge } from '@/ui/Badge'
import type { Tone } from '@/ui/Badge'
import { REVIEW_STATUS_LABELS } from '@/core/review'
import { episodeName } from '@/core/time'
import type { EpisodeRow } from './episodeFilter'
import { outcomesDisagree } from './episodeFilter'
import { frameToSeconds } from '@/core/time'

const outcomeTone: Record<EpisodeRow['outcome'], Tone> = { done: 'ok', 'not-done': 'warn', failed: 'error', unknown: 'neutral' }

/** The row's files mark: nothing when complete or unchecked. */
function FilesBadge({ row }: { row: EpisodeRow }) {
  if (row.availability === undefined || row.availability === 'complete') return null
  const title = `Absent: ${(row.absent ?? []).join(', ')}`
  if (row.availability === 'missing') return <Badge tone="error" title={title}>missing</Badge>
  return <Badge tone="warn" title={title}>{row.playable === true ? 'incomplete' : 'no video'}</Badge>
}

/** What the dataset itself records, outlined to tell it from the VLM's claim; red when the two disagree. */
function DatasetOutcomeBadge({ row }: { row: EpisodeRow }) {
  const recorded = row.datasetOutcome
  if (recorded === undefined) return null
  const disagree = outcomesDisagree(row.outcome, recorded)
  const title = `The dataset records ${recorded.success ? 'success' : 'failure'} (${recorded.source})` +
    (disagree ? `, but the VLM labels claim "${row.outcome}"` : '')
  return (
    <span
      title={title}
      className={cn(
        'inline-flex items-center rounded border border-dashed px-1.5 text-[11px] leading-[18px] whitespace-nowrap',
        disagree ? 'border-red-500 text-red-300' : recorded.success ? 'border-emerald-700 text-emerald-300' : 'border-amber-700 text-amber-300',
      )}
    >
      {recorded.success ? '✓ success' : '✗ failure'}
    </span>
  )
}

interface Props {
  row: EpisodeRow
  fps: number
  selected: boolean
  top: number
  height: number
  onOpen: (index: number) => void
}

/** One row of the episode list, absolutely positioned by the virtualizer. */
export const EpisodeRowView = memo(function EpisodeRowView({ row, fps, selected, top, height, onOpen }: Props) {
  const seconds = row.length === undefined ? undefined : frameToSeconds(row.length, fps)
  return (
    <div
      id={`episode-option-${row.index}`}
      role="option"
      aria-selected={selected}
      title={row.name}
      data-episode={row.index}
      onClick={() => onOpen(row.index)}
      style={{ transform: `translateY(${top}px)`, height }}
      className={cn(
        'absolute left-0 right-0 top-0 cursor-pointer border-b border-zinc-800/70 px-2 py-1.5',
        selected ? 'bg-sky-950/70 shadow-[inset_2px_0_0_var(--color-sky-400)]' : 'hover:bg-zinc-800/60',
      )}
    >
      <div className="flex items-center gap-2 text-xs">
        <span className="font-mono text-zinc-400">#{row.index}</span>
        {row.name !== episodeName(row.index) && <span className="truncate font-mono text-zinc-300">{row.name}</span>}
        <span className="flex shrink-0 gap-1">
          <FilesBadge row={row} />
          {row.outcome !== 'unknown' && <Badge tone={outcomeTone[row.outcome]} title="Outcome the VLM labels claim">{row.outcome}</Badge>}
          <DatasetOutcomeBadge row={row} />
          {row.hasAnnotations === true && <Badge tone="info" title="VLM labels found next to the dataset">labels</Badge>}
          {row.hasPredictions === true && <Badge tone="neutral" title="Model progress predictions found">pred</Badge>}
          {row.status !== 'unreviewed' && <Badge tone={row.status === 'flagged' || row.status === 'rejected' ? 'error' : row.status === 'accepted' ? 'ok' : 'warn'}>{REVIEW_STATUS_LABELS[row.status]}</Badge>}
        </span>
        <span className="ml-auto shrink-0 tabular-nums text-zinc-500">
          {row.length === undefined ? '…' : `${row.length.toLocaleString()} fr · ${seconds!.toFixed(1)} s`}
        </span>
      </div>
      <div className={cn('mt-0.5 truncate text-[13px]', row.task === undefined || row.availability === 'missing' ? 'text-zinc-500' : 'text-zinc-100')} title={row.task}>
        {row.task ?? 'loading…'}
      </div>
    </div>
  )
})
