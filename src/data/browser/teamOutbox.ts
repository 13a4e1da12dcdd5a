/**
 * The team sync's rows in IndexedDB (docs/team-sync.md): the outbox of edits not yet on the server, the version
 * each episode's next edit builds on, and the heads pulled from the server. Every change of several rows is one
 * transaction, so a tab killed halfway leaves either the old rows or the new ones.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { PushOutcome, QueuedEdit } from '../team/syncPlan'
import { chainedBase, episodeKey, rebase } from '../team/syncPlan'
import type { TeamHead } from '../team/teamClient'
import type { OutboxRecord, ProcLensDb, TeamBaseRecord } from './db'

/** Where a dataset's edits go: the server and the annotator signed in to it. */
export interface TeamTarget {
  server: string
  annotator: string
}

function newId(): string {
  return crypto.randomUUID()
}

/**
 * Queue one edit (the document after a save). Must run inside the save's transaction (which includes `outbox`
 * and `teamBases`), so the edit is queued exactly when the save happens.
 */
export async function queueEdit(
  database: ProcLensDb,
  target: TeamTarget,
  edit: { dataset: string; episode: number; label: string; doc: AnnotationDoc; at: string },
): Promise<void> {
  const rows = await database.outbox.where('[dataset+episode+annotator]').equals([edit.dataset, edit.episode, target.annotator]).sortBy('seq')
  const base = await database.teamBases.get([edit.dataset, edit.episode, target.annotator])
  const row: OutboxRecord = {
    id: newId(), server: target.server, annotator: target.annotator, dataset: edit.dataset, episode: edit.episode,
    baseVersion: chainedBase(rows[rows.length - 1], base?.version ?? 0), label: edit.label, doc: edit.doc, at: edit.at,
  }
  await database.outbox.add(row)
}

/** The rows `target` pushes for a dataset, oldest first. */
export async function queuedEdits(database: ProcLensDb, target: TeamTarget, dataset: string): Promise<(OutboxRecord & QueuedEdit)[]> {
  const rows = await database.outbox.where('dataset').equals(dataset).sortBy('seq')
  return rows.filter((r): r is OutboxRecord & QueuedEdit => r.annotator === target.annotator && r.server === target.server && r.seq !== undefined)
}

/** The contract's edit of a row (what goes on the wire: no local fields). */
export function wireEdit(row: OutboxRecord): QueuedEdit {
  return { id: row.id, dataset: row.dataset, episode: row.episode, baseVersion: row.baseVersion, label: row.label, doc: row.doc, at: row.at, seq: row.seq ?? 0 }
}

/** The annotator's known versions and conflicts of a dataset. */
export async function teamBases(database: ProcLensDb, target: TeamTarget, dataset: string): Promise<TeamBaseRecord[]> {
  return (await database.teamBases.where('dataset').equals(dataset).toArray()).filter((b) => b.annotator === target.annotator)
}

/** Records what a push confirmed: confirmed rows go, versions move, conflicts are kept for the annotator. */
export async function recordPush(database: ProcLensDb, target: TeamTarget, batch: readonly OutboxRecord[], outcome: PushOutcome & { at: number }): Promise<void> {
  const now = outcome.at
  const byKey = new Map(batch.map((r) => [episodeKey(r), r]))
  await database.transaction('rw', database.outbox, database.teamBases, async () => {
    await database.outbox.where('id').anyOf(outcome.done).delete()
    for (const [key, version] of outcome.versions) {
      const row = byKey.get(key)!
      const before = await database.teamBases.get([row.dataset, row.episode, target.annotator])
      await database.teamBases.put({ ...before, dataset: row.dataset, episode: row.episode, annotator: target.annotator, version })
    }
    for (const [key, head] of outcome.conflicts) {
      const row = byKey.get(key)!
      const before = await database.teamBases.get([row.dataset, row.episode, target.annotator])
      await database.teamBases.put({ dataset: row.dataset, episode: row.episode, annotator: target.annotator, version: before?.version ?? 0, conflict: { head, at: now } })
    }
  })
}

/**
 * "Keep mine": the episode's queued edits are rebased on the server's head and pushed again. With none queued
 * (the conflict came from a pull), `mine`, the document open here, is queued on top of the head, so the server
 * ends at it either way.
 */
export async function keepMine(database: ProcLensDb, target: TeamTarget, key: { dataset: string; episode: number }, mine?: AnnotationDoc): Promise<void> {
  const { dataset, episode } = key
  await database.transaction('rw', database.outbox, database.teamBases, async () => {
    const base = await database.teamBases.get([dataset, episode, target.annotator])
    const headVersion = base?.conflict?.head?.version ?? 0
    const rows = (await database.outbox.where('[dataset+episode+annotator]').equals([dataset, episode, target.annotator]).toArray()).filter((r) => r.seq !== undefined) as (OutboxRecord & QueuedEdit)[]
    await database.outbox.bulkPut(rebase(rows, headVersion))
    await database.teamBases.put({ dataset, episode, annotator: target.annotator, version: headVersion })
    if (rows.length === 0 && mine !== undefined) await queueEdit(database, target, { dataset, episode, label: 'Keep this version over the server\'s', doc: mine, at: new Date().toISOString() })
  })
}

/**
 * "Take theirs": the server's head becomes what the next edit builds on, and the queued edits of the episode are
 * dropped from the outbox (they stay in the local undo history, one step back). Returns the head, for the
 * caller to make it the open document.
 */
export async function takeTheirs(database: ProcLensDb, target: TeamTarget, dataset: string, episode: number): Promise<TeamHead | null | undefined> {
  return database.transaction('rw', database.outbox, database.teamBases, async () => {
    const base = await database.teamBases.get([dataset, episode, target.annotator])
    if (base?.conflict === undefined) return undefined
    await database.outbox.where('[dataset+episode+annotator]').equals([dataset, episode, target.annotator]).delete()
    await database.teamBases.put({ dataset, episode, annotator: target.annotator, version: base.conflict.head?.version ?? 0 })
    return base.conflict.head
  })
}

/** Keeps the pulled heads (every annotator's, the agreement view and the conflict view read them). */
export async function storeHeads(database: ProcLensDb, heads: readonly TeamHead[]): Promise<void> {
  if (heads.length === 0) return
  await database.teamHeads.bulkPut([...heads])
}

/**
 * The annotator's own heads, pulled, that are newer than the version this browser builds on while it has no
 * edit of the episode waiting (another device of the annotator, or an admin, moved them): each becomes a
 * conflict, so the annotator sees both versions before anything of theirs goes over it. (With edits waiting,
 * their push meets the same head and conflicts by itself.)
 */
export async function noteNewerOwnHeads(database: ProcLensDb, target: TeamTarget, heads: readonly TeamHead[], at: number): Promise<void> {
  const own = heads.filter((h) => h.annotator === target.annotator)
  if (own.length === 0) return
  await database.transaction('rw', database.outbox, database.teamBases, async () => {
    for (const head of own) {
      const key: [string, number, string] = [head.dataset, head.episode, target.annotator]
      const base = await database.teamBases.get(key)
      if (base?.conflict !== undefined || head.version <= (base?.version ?? 0)) continue
      if (await database.outbox.where('[dataset+episode+annotator]').equals(key).count() > 0) continue
      await database.teamBases.put({ dataset: head.dataset, episode: head.episode, annotator: target.annotator, version: base?.version ?? 0, conflict: { head, at } })
    }
  })
}

/** The pulled heads of a dataset. */
export async function pulledHeads(database: ProcLensDb, dataset: string): Promise<TeamHead[]> {
  return database.teamHeads.where('dataset').equals(dataset).toArray()
}
