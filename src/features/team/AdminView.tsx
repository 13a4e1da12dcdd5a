import type { ReactNode } from 'react'
import { useQuery } from '@tanstack/react-query'
import { createTeamClient } from '@/data/team/teamClient'
import type { TeamProgress } from '@/data/team/teamClient'
import { useTeam } from '@/stores/teamStore'
import { Button } from '@/ui/Button'

const th = 'px-2 py-1 text-left font-medium text-zinc-400'
const td = 'px-2 py-0.5 tabular-nums'

function Table({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  return (
    <table className="w-full text-xs" aria-label={label}>
      <thead className="border-b border-zinc-800"><tr>{head.map((h) => <th key={h} className={th}>{h}</th>)}</tr></thead>
      <tbody className="divide-y divide-zinc-900">{children}</tbody>
    </table>
  )
}

/**
 * The admin's page: progress per annotator and per dataset, and the episodes whose annotators disagree most
 * (lowest boundary F1 between their heads first; one of this dataset opens on a click), from the team server.
 */
export function AdminView({ dataset, onOpen, onClose }: { dataset: string; onOpen: (episode: number) => void; onClose: () => void }) {
  const config = useTeam((s) => s.config)
  const progress = useQuery({
    queryKey: ['team', 'progress', config?.url, config?.token],
    queryFn: (): Promise<TeamProgress> => createTeamClient({ baseUrl: config!.url, token: config!.token }).progress(),
    enabled: config !== undefined && config.token !== '',
    retry: false,
  })
  const p = progress.data
  return (
    <div className="fixed inset-0 z-50 flex flex-col bg-zinc-950 p-6" role="dialog" aria-modal="true" aria-label="Team progress"
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose() } }}>
      <header className="mb-3 flex items-center gap-2">
        <h2 className="text-base font-medium text-zinc-50">Team progress</h2>
        <span className="text-xs text-zinc-500">{config?.url}</span>
        <span className="ml-auto flex gap-1.5">
          <Button size="sm" onClick={() => void progress.refetch()} disabled={progress.isFetching}>Refresh</Button>
          <Button size="sm" onClick={onClose}>Close</Button>
        </span>
      </header>
      {progress.isPending && progress.fetchStatus !== 'idle' && <p className="text-sm text-zinc-500">Asking the team server…</p>}
      {progress.isError && <p role="alert" className="text-sm text-red-300">{progress.error.message}</p>}
      {p !== undefined && (
        <div className="grid min-h-0 flex-1 grid-cols-2 items-start gap-4 overflow-auto">
          <section className="space-y-4">
            <div className="rounded border border-zinc-800 bg-zinc-900 p-2">
              <h3 className="mb-1 text-sm text-zinc-200">Annotators</h3>
              {p.annotators.length === 0 ? <p className="text-xs text-zinc-500">No edit has reached the server yet.</p> : <Table label="Annotators" head={['Annotator', 'Edits', 'Episodes', 'Last edit']}>
                {p.annotators.map((a) => (
                  <tr key={a.annotator}><td className={td}>{a.annotator}</td><td className={td}>{a.edits}</td><td className={td}>{a.episodes}</td>
                    <td className={td}>{a.lastEditAt === null ? '–' : new Date(a.lastEditAt).toLocaleString()}</td></tr>
                ))}
              </Table>}
            </div>
            <div className="rounded border border-zinc-800 bg-zinc-900 p-2">
              <h3 className="mb-1 text-sm text-zinc-200">Datasets</h3>
              <Table label="Datasets" head={['Dataset', 'Episodes', 'Claimed', 'Edited', 'Reviewed']}>
                {p.datasets.map((d) => (
                  <tr key={d.dataset}><td className={`${td} max-w-[280px] truncate font-mono`} title={d.dataset}>{d.dataset}</td><td className={td}>{d.episodes}</td>
                    <td className={td}>{d.claimed}</td><td className={td}>{d.edited}</td><td className={td}>{d.reviewed}</td></tr>
                ))}
              </Table>
            </div>
          </section>
          <section className="rounded border border-zinc-800 bg-zinc-900 p-2">
            <h3 className="mb-1 text-sm text-zinc-200">Most disagreement <span className="text-xs text-zinc-500">(boundary F1 between annotators&apos; heads, lowest first)</span></h3>
            {p.disagreement.length === 0 ? <p className="text-xs text-zinc-500">No episode has two annotators yet.</p> : (
              <Table label="Most disagreement" head={['Episode', 'Annotators', 'Boundary F1', 'Dataset']}>
                {p.disagreement.map((d) => (
                  <tr key={`${d.dataset}#${d.episode}`}>
                    <td className={td}>{d.dataset === dataset
                      ? <button type="button" className="text-sky-300 hover:underline" onClick={() => onOpen(d.episode)}>episode {d.episode}</button>
                      : `episode ${d.episode}`}</td>
                    <td className={td}>{d.annotators}</td><td className={td}>{d.boundaryF1.toFixed(3)}</td>
                    <td className={`${td} max-w-[220px] truncate font-mono text-zinc-500`} title={d.dataset}>{d.dataset}</td>
                  </tr>
                ))}
              </Table>
            )}
          </section>
        </div>
      )}
    </div>
  )
}
