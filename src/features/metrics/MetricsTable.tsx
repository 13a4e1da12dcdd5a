import { useState } from 'react'
import type { CorpusScoreRow } from '@/core/metrics/corpusScores'
import { cn } from '@/lib/cn'
import { COLUMNS, DEFAULT_SORT, isAscending, nextSort, sortRows } from './metricsColumns'

const isText = (key: string): boolean => key === 'episode' || key === 'model' || key === 'target'

/**
 * One row per episode × model; every column header sorts, worst first on the first click. A row (a click, or
 * Enter on it) opens its episode at the worst frame.
 */
export function MetricsTable({ rows, onOpen }: { rows: readonly CorpusScoreRow[]; onOpen: (episodeIndex: number, frame: number) => void }) {
  const [sort, setSort] = useState(DEFAULT_SORT)
  const open = (r: CorpusScoreRow) => onOpen(r.index, r.scores?.worstFrame ?? 0)
  return (
    <table className="w-full border-collapse text-xs tabular-nums" aria-label="Metrics per episode and model">
      <thead className="sticky top-0 bg-zinc-900">
        <tr>
          {COLUMNS.map((c) => {
            const active = c.key === sort.column
            return (
              <th key={c.key} scope="col" aria-sort={active ? (isAscending(sort) ? 'ascending' : 'descending') : 'none'}
                className={cn('border-b border-zinc-800 px-2 py-1 font-medium', isText(c.key) ? 'text-left' : 'text-right')}>
                <button type="button" title={c.title} onClick={() => setSort(nextSort(sort, c.key))} className={cn('hover:text-zinc-100', active ? 'text-sky-300' : 'text-zinc-400')}>
                  {c.header}{active && (sort.order === 'worst-first' ? ' ↓' : ' ↑')}
                </button>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {sortRows(rows, sort).map((r) => (
          <tr key={`${r.index}/${r.model}`} tabIndex={0} title={r.scores === undefined ? 'Fewer than 2 frames to score' : `Open at frame ${r.scores.worstFrame}, where the prediction is ${r.scores.worstError.toFixed(1)} points off`}
            onClick={() => open(r)} onKeyDown={(e) => { if (e.key === 'Enter') open(r) }}
            className="cursor-pointer border-b border-zinc-800/60 hover:bg-zinc-800/40 focus:bg-zinc-800/60 focus:outline-none">
            {COLUMNS.map((c) => (
              <td key={c.key} className={cn('px-2 py-1', c.key === 'episode' ? 'text-left font-mono text-zinc-200' : isText(c.key) ? 'text-left text-zinc-300' : 'text-right text-zinc-300')}>
                {c.text(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
