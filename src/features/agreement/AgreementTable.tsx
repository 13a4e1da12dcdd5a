import { useState } from 'react'
import type { EpisodeAgreement } from '@/core/agreement'
import { cn } from '@/lib/cn'
import { COLUMNS, DEFAULT_SORT, isAscending, nextSort, sortEpisodes } from './agreementColumns'

/** The per-episode agreement, one row per episode; every column header sorts, worst first on the first click. */
export function AgreementTable({ episodes }: { episodes: readonly EpisodeAgreement[] }) {
  const [sort, setSort] = useState(DEFAULT_SORT)
  const rows = sortEpisodes(episodes, sort)
  const several = new Set(episodes.map((e) => e.dataset)).size > 1
  return (
    <table className="w-full border-collapse text-xs tabular-nums" aria-label="Agreement per episode">
      <thead className="sticky top-0 bg-zinc-900">
        <tr>
          {COLUMNS.map((c) => {
            const active = c.key === sort.column
            return (
              <th
                key={c.key}
                scope="col"
                aria-sort={active ? (isAscending(sort) ? 'ascending' : 'descending') : 'none'}
                className={cn('border-b border-zinc-800 px-2 py-1 font-medium', c.key === 'episode' ? 'text-left' : 'text-right')}
              >
                <button type="button" title={c.title} onClick={() => setSort(nextSort(sort, c.key))} className={cn('hover:text-zinc-100', active ? 'text-sky-300' : 'text-zinc-400')}>
                  {c.header}{active && (sort.order === 'worst-first' ? ' ↓' : ' ↑')}
                </button>
              </th>
            )
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={`${e.dataset}/${e.episode}`} className="border-b border-zinc-800/60 hover:bg-zinc-800/40">
            {COLUMNS.map((c) => (
              <td key={c.key} className={cn('px-2 py-1', c.key === 'episode' ? 'text-left font-mono text-zinc-200' : 'text-right text-zinc-300')}>
                {c.key === 'episode' && several ? `${e.dataset}/${e.episode}` : c.text(e)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
