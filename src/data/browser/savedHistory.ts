/**
 * An episode's undo history in IndexedDB, so that a reload, a crash or a killed tab loses nothing saved, and
 * reopening an episode brings back the corrected document and its undo and redo steps.
 *
 * ```text
 *  heads   [dataset+episode]      revision · writer · doc (the unchanging part) · past/present/future → state ids
 *  states  [dataset+episode+id]   segments · outcome            (one row per distinct document the history holds)
 * ```
 * A save writes only the states it has not written before, plus the head, in one transaction, and deletes the
 * states no entry refers to any more. The head is replaced only while it still holds the revision this saver
 * last saw (compare-and-swap), so a second tab can never silently overwrite the first: its save fails with
 * {@link HistoryConflict} instead. Documents are validated as versioned records when read back.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { History, HistoryEntry } from '@/core/history'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { HeadEntry, HeadRecord, ProcLensDb, StateRecord } from './db'
import { queueEdit } from './teamOutbox'
import type { TeamTarget } from './teamOutbox'

/** Where an episode's history is kept. */
export interface HistoryKey {
  dataset: string
  episode: number
}

/** Another tab (or window) saved this episode since this one last saved or loaded it. */
export class HistoryConflict extends Error {
  constructor(readonly head: Pick<HeadRecord, 'revision' | 'writer' | 'savedAt'>) {
    super(`this episode was saved by another tab at ${new Date(head.savedAt).toLocaleTimeString()}`)
    this.name = 'HistoryConflict'
  }
}

export interface SavedHistory {
  history: History<AnnotationDoc>
  revision: number
  writer: string
  savedAt: number
  /** The saved state id of every document of `history`, for the saver that continues it. */
  ids: Map<AnnotationDoc, number>
  /** What could not be read back (entries dropped), if anything. */
  problems: Problem[]
}

function unchangingPart(doc: AnnotationDoc): HeadRecord['doc'] {
  const { segments: _s, outcome: _o, ...rest } = doc
  return rest
}

/** The saved history of an episode, or undefined when it was never saved (or nothing of it is readable). */
export async function loadHistory(database: ProcLensDb, key: HistoryKey): Promise<SavedHistory | undefined> {
  const [head, states] = await database.transaction('r', database.heads, database.states, async () => [
    await database.heads.get([key.dataset, key.episode]),
    await database.states.where('[dataset+episode]').equals([key.dataset, key.episode]).toArray(),
  ] as const)
  if (head === undefined) return undefined
  // The record schema (zod) loads only when there is a saved history to check, not with the app.
  const { parseRecord, toRecord } = await import('@/core/formats/records')
  const log = new ProblemLog({ file: 'IndexedDB', episode: head.doc.episode })
  const byId = new Map<number, StateRecord>(states.map((s) => [s.id, s]))
  const docs = new Map<number, AnnotationDoc | undefined>()
  const ids = new Map<AnnotationDoc, number>()
  const docOf = (id: number): AnnotationDoc | undefined => {
    if (docs.has(id)) return docs.get(id)
    const state = byId.get(id)
    const doc = state === undefined ? undefined : parseRecord(toRecord({ ...head.doc, segments: state.segments, outcome: state.outcome }), log)
    if (state === undefined) log.error('history-state-missing', `saved state ${id} is missing`)
    docs.set(id, doc)
    if (doc !== undefined) ids.set(doc, id)
    return doc
  }
  const present = docOf(head.present)
  if (present === undefined) return undefined
  const entries = (list: readonly HeadEntry[]): HistoryEntry<AnnotationDoc>[] =>
    list.flatMap((e) => {
      const doc = docOf(e.state)
      return doc === undefined ? [] : [{ label: e.label, doc }]
    })
  const history: History<AnnotationDoc> = { past: entries(head.past), present, future: entries(head.future), cap: head.cap }
  if (history.past.length < head.past.length || history.future.length < head.future.length) {
    log.warn('history-entries-dropped', 'some undo steps could not be read back and were dropped; the document itself is intact')
  }
  return { history, revision: head.revision, writer: head.writer, savedAt: head.savedAt, ids, problems: log.problems }
}

/** Removes an episode's saved history (a reset that starts over from the proposal). */
export async function forgetHistory(database: ProcLensDb, key: HistoryKey): Promise<void> {
  await database.transaction('rw', database.heads, database.states, async () => {
    await database.heads.delete([key.dataset, key.episode])
    await database.states.where('[dataset+episode]').equals([key.dataset, key.episode]).delete()
  })
}

/**
 * The label of the change from the document `before` to `history`'s present, for the team server's edit log:
 * the entry that was just recorded, or the one undone or redone.
 */
export function changeLabel(before: AnnotationDoc | undefined, history: History<AnnotationDoc>): string {
  const last = history.past[history.past.length - 1]
  if (last !== undefined && last.doc === before) return last.label
  const undone = history.future[0]
  if (undone !== undefined && undone.doc === before) return `Undo ${undone.label}`
  return last?.label ?? 'Open'
}

export interface HistorySaverOptions {
  /**
   * The team server this dataset syncs with, asked at each save: when there is one, the save also queues the new
   * present document as an outbox row, in the same transaction (docs/team-sync.md).
   */
  team?: () => TeamTarget | undefined
  /** Told once a save that queued an edit has committed (the sync badge counts it before the loop's next round). */
  queued?: () => void
}

/** Saves one episode's history again and again, each time writing only what changed. */
export class HistorySaver {
  private revision: number
  private nextId: number
  private readonly ids: WeakMap<AnnotationDoc, number>
  /** State ids the database holds for this episode. */
  private written: Set<number>
  /** The next save first removes every state of the episode (after {@link adoptRevision}). */
  private purge = false
  private readonly team: HistorySaverOptions['team']
  private readonly queued: HistorySaverOptions['queued']
  /** The present document of the last save (or of the history loaded): a save that changes it is an edit to push. */
  private present: AnnotationDoc | undefined

  constructor(
    private readonly database: ProcLensDb,
    private readonly key: HistoryKey,
    private readonly writer: string,
    /** The saved history this saver continues (as loaded), and where edits go. */
    from: Partial<Pick<SavedHistory, 'revision' | 'ids' | 'history'>> & HistorySaverOptions = {},
  ) {
    this.team = from.team
    this.queued = from.queued
    this.present = from.history?.present
    this.revision = from.revision ?? 0
    this.ids = new WeakMap(from.ids)
    this.written = new Set(from.ids?.values())
    this.nextId = Math.max(0, ...this.written) + 1
  }

  /** The revision of the last save this saver made or loaded. */
  get savedRevision(): number {
    return this.revision
  }

  /**
   * Take `revision` as the one last seen, so that the next save replaces what another tab saved (the user chose
   * to keep this tab's version). That save rewrites every state, since the other tab's ids mean other states.
   */
  adoptRevision(revision: number): void {
    this.revision = revision
    this.written = new Set()
    this.purge = true
  }

  private idOf(doc: AnnotationDoc): number {
    let id = this.ids.get(doc)
    if (id === undefined) {
      id = this.nextId++
      this.ids.set(doc, id)
    }
    return id
  }

  /**
   * Write `history` (its gesture, if one is open, is not saved: only what was committed). Rejects with
   * {@link HistoryConflict} when another tab saved since, and with the database's error otherwise (a full disk:
   * `QuotaExceededError`); nothing is half-written either way, the outbox row included.
   */
  async save(history: History<AnnotationDoc>): Promise<number> {
    const present = history.transaction?.base ?? history.present
    const ref = (e: HistoryEntry<AnnotationDoc>): HeadEntry => ({ label: e.label, state: this.idOf(e.doc) })
    const past = history.past.map(ref)
    const future = history.future.map(ref)
    const presentId = this.idOf(present)
    const all = [...history.past.map((e) => e.doc), present, ...history.future.map((e) => e.doc)]
    const fresh = new Map<number, AnnotationDoc>()
    for (const doc of all) {
      const id = this.idOf(doc)
      if (!this.written.has(id)) fresh.set(id, doc)
    }
    const referenced = new Set([presentId, ...past.map((e) => e.state), ...future.map((e) => e.state)])
    const stale = [...this.written].filter((id) => !referenced.has(id))
    const { dataset, episode } = this.key
    const head: HeadRecord = {
      dataset, episode, revision: this.revision + 1, writer: this.writer, savedAt: Date.now(),
      doc: unchangingPart(present), past, present: presentId, future, cap: history.cap,
    }
    // An edit for the team server only when the document changed (not a redo list trimmed, not the same state).
    const team = present !== this.present ? this.team?.() : undefined
    const label = changeLabel(this.present, history)
    const d = this.database
    // The outbox tables join the transaction only when there is an edit to queue (a database opened by an older
    // schema has none of them, and a save without a team server needs no more locks than before).
    await d.transaction('rw', team === undefined ? [d.heads, d.states] : [d.heads, d.states, d.outbox, d.teamBases], async () => {
      const current = await d.heads.get([dataset, episode])
      if ((current?.revision ?? 0) !== this.revision) throw new HistoryConflict(current ?? { revision: 0, writer: 'unknown', savedAt: Date.now() })
      if (this.purge) await d.states.where('[dataset+episode]').equals([dataset, episode]).delete()
      await d.states.bulkPut([...fresh].map(([id, doc]) => ({ dataset, episode, id, segments: doc.segments, outcome: doc.outcome })))
      await d.states.bulkDelete(stale.map((id) => [dataset, episode, id] as [string, number, number]))
      await d.heads.put(head)
      if (team !== undefined) await queueEdit(d, team, { dataset, episode, label, doc: present, at: new Date(head.savedAt).toISOString() })
    })
    this.present = present
    this.revision = head.revision
    this.written = referenced
    this.purge = false
    if (team !== undefined) this.queued?.()
    return head.revision
  }
}
