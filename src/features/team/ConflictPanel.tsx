import { useState } from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type { AnnotationDoc } from '@/core/annotation'
import { ProblemLog } from '@/core/problems'
import { db } from '@/data/browser/db'
import { keepMine, takeTheirs } from '@/data/browser/teamOutbox'
import { annotationStore, selectCommittedDoc, useAnnotation } from '@/stores/annotationStore'
import { teamStore, teamTarget, useTeam } from '@/stores/teamStore'
import { Button } from '@/ui/Button'
import { conflictRows } from './conflictRows'
import type { ConflictRow } from './conflictRows'

/** The server's document, checked as a record is before it becomes the open document (it came over the network). */
async function validDoc(doc: unknown, episode: number): Promise<{ doc: AnnotationDoc } | { error: string }> {
  const { parseRecord, toRecord } = await import('@/core/formats/records')
  const log = new ProblemLog({ file: 'team server', episode: String(episode) })
  const parsed = parseRecord(toRecord(doc as AnnotationDoc), log)
  return parsed === undefined ? { error: log.problems.length === 0 ? 'not a valid document' : log.problems.map((p) => p.message).join('; ') } : { doc: parsed }
}

function Column({ title, rows, testId }: { title: string; rows: ConflictRow[]; testId: string }) {
  return (
    <section className="min-w-0 flex-1 rounded border border-zinc-800" aria-label={title} data-testid={testId}>
      <h3 className="border-b border-zinc-800 px-2 py-1 text-xs font-medium text-zinc-300">{title}</h3>
      <ol className="max-h-40 overflow-auto px-2 py-1 text-xs">
        {rows.map((r, i) => (
          <li key={i} className={`flex justify-between gap-2 ${r.differs ? 'text-amber-200' : 'text-zinc-400'}`}>
            <span className="truncate">{r.differs ? '● ' : ''}{r.text}</span>
            <span className="shrink-0 font-mono tabular-nums">{r.frames}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}

/**
 * Shown on an episode whose push met a head someone else moved (another device of this annotator, or an admin):
 * both versions side by side, differences marked, and the choice. "Keep mine" sends this browser's edits again
 * on top of the server's version; "Take theirs" makes the server's document the open one, as a new undo step
 * (so this browser's version is one undo away). Nothing is sent for the episode until one is chosen.
 */
export function ConflictPanel({ dataset, episode }: { dataset: string; episode: number }) {
  const config = useTeam((s) => s.config)
  const conflicted = useTeam((s) => s.snapshot?.conflicts.includes(episode) ?? false)
  const annotator = config?.annotator ?? ''
  const base = useLiveQuery(() => db.teamBases.get([dataset, episode, annotator]), [dataset, episode, annotator])
  const mine = useAnnotation(selectCommittedDoc)
  const [open, setOpen] = useState(true)
  const [error, setError] = useState<string | undefined>(undefined)
  const conflict = base?.conflict
  if (!conflicted || conflict === undefined || mine === undefined) return null
  const head = conflict.head
  const target = teamTarget(teamStore.getState(), dataset)

  async function keep() {
    if (target === undefined) return
    await keepMine(db, target, { dataset, episode }, mine)
    teamStore.getState().sync?.wake()
  }
  async function take() {
    if (target === undefined || head === null) return
    const readOnly = annotationStore.getState().readOnly
    if (readOnly !== undefined) return setError(`This tab cannot change the episode now (${readOnly}).`)
    const checked = await validDoc(head.doc, episode)
    if ('error' in checked) return setError(`The server's version cannot be used: ${checked.error}. Keep yours, or ask an admin.`)
    await takeTheirs(db, target, dataset, episode)
    annotationStore.getState().replace(checked.doc, `Take the server's version (v${head.version})`)
    teamStore.getState().sync?.wake()
  }

  const when = head === null ? '' : new Date(head.updatedAt).toLocaleString()
  return (
    <div role="alert" aria-label="Sync conflict" className="border-b border-red-900 bg-red-950/50 px-3 py-2 text-xs text-red-100">
      <div className="flex items-center gap-2">
        <span className="font-medium">Your labels of this episode changed on the team server</span>
        <span className="text-red-200/70">{head === null ? '(the server has no version of yours any more)' : `(version ${head.version}, ${when}: another device, or an admin)`}. Nothing is sent for this episode until you choose.</span>
        <span className="ml-auto flex shrink-0 gap-1.5">
          <Button size="sm" variant="ghost" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide versions' : 'Compare'}</Button>
          <Button size="sm" variant="primary" onClick={() => void keep()} title="Send your version on top of the server's (the server's stays in its edit log)">Keep mine</Button>
          <Button size="sm" onClick={() => void take()} disabled={head === null} title="Make the server's version yours, as a new undo step (undo brings yours back)">Take theirs</Button>
        </span>
      </div>
      {open && (
        <div className="mt-2 flex gap-2">
          <Column title="Yours (this browser)" rows={conflictRows(mine, head?.doc)} testId="conflict-mine" />
          {head !== null && <Column title={`The server's (version ${head.version})`} rows={conflictRows(head.doc, mine)} testId="conflict-theirs" />}
        </div>
      )}
      {error !== undefined && <p className="mt-1 text-red-300">{error}</p>}
    </div>
  )
}
