/**
 * The team sync's decisions as pure functions of data (docs/team-sync.md): which outbox rows to push next, what
 * the server's answers mean for the rows and the known versions, how a conflict is resolved, how long to wait
 * after a failure, and which state the badge shows. `browser/teamSync.ts` runs them against IndexedDB, the
 * server and the clock; these tests need none of those.
 *
 * ```text
 *  outbox (seq order)   e7:b3  e9:b0  e7:b4  e7:b5      b = baseVersion, chained at save time:
 *  request 1            e7:b3  e9:b0                     first row on the last confirmed version,
 *                       applied conflict (kept)          each next row on the one before + 1;
 *                        v4    head@v2 ──> e9 waits for   one row per episode per request
 *  request 2            e7:b4           "Keep mine" (rebase on v2) or "Take theirs"
 * ```
 */
import type { PushResult, TeamEdit, TeamHead } from './teamClient'

/** An outbox row as the plan sees it: the contract's edit and its place in the queue. */
export interface QueuedEdit extends TeamEdit {
  seq: number
}

/** `dataset#episode`: one annotator's head of one episode. */
export type EpisodeKey = string

export function episodeKey(e: { dataset: string; episode: number }): EpisodeKey {
  return `${e.dataset}#${e.episode}`
}

/** The largest batch pushed at once: one request, small enough to finish quickly on a slow link. */
export const BATCH_SIZE = 50

/**
 * The rows to push next: the oldest row of each episode not waiting on a conflict, oldest first, at most `size`.
 * One row per episode per request, because the server answers each edit of a batch on its own: were the second
 * edit of an episode in the same batch as a first one that conflicts, it could still apply, on a head another
 * device moved to exactly its base version, and silently overwrite that device's work. The next request takes
 * the next row once the first is confirmed, so a burst of 10 edits is 10 requests of one episode each (and
 * edits of many episodes still travel together).
 */
export function nextBatch(rows: readonly QueuedEdit[], blocked: ReadonlySet<EpisodeKey>, size = BATCH_SIZE): QueuedEdit[] {
  const seen = new Set<EpisodeKey>(blocked)
  const batch: QueuedEdit[] = []
  for (const row of [...rows].sort((a, b) => a.seq - b.seq)) {
    const key = episodeKey(row)
    if (seen.has(key)) continue
    seen.add(key)
    batch.push(row)
    if (batch.length === size) break
  }
  return batch
}

/** The base version of a new edit: on the last queued row of its episode + 1, else on the confirmed version. */
export function chainedBase(lastQueued: Pick<TeamEdit, 'baseVersion'> | undefined, confirmed: number): number {
  return lastQueued === undefined ? confirmed : lastQueued.baseVersion + 1
}

export interface PushOutcome {
  /** Edit ids the server has (applied now or before): their rows go. */
  done: string[]
  /** The version each episode's head is now at, as far as this push confirmed. */
  versions: Map<EpisodeKey, number>
  /** Episodes whose head was not where the edit built on: the server's head (null: the annotator has none). */
  conflicts: Map<EpisodeKey, TeamHead | null>
}

/**
 * What the answers to a pushed batch mean. `applied` and `duplicate` (this id was applied before: a retry after a
 * lost answer) both confirm the row; `conflict` keeps it, and every later row of the same episode, whatever the
 * server said of those (they built on the refused one). An answer missing or for another id keeps its row.
 */
export function pushOutcome(batch: readonly TeamEdit[], results: readonly PushResult[]): PushOutcome {
  const outcome: PushOutcome = { done: [], versions: new Map(), conflicts: new Map() }
  batch.forEach((edit, i) => {
    const key = episodeKey(edit)
    const result = results[i]
    if (outcome.conflicts.has(key) || result === undefined || result.id !== edit.id) return
    if (result.status === 'conflict') {
      outcome.conflicts.set(key, result.head)
      return
    }
    outcome.done.push(edit.id)
    outcome.versions.set(key, result.version)
  })
  return outcome
}

/**
 * "Keep mine" after a conflict: the episode's rows, in order, rebased on the server's head, so they apply one by
 * one on top of it (each edit still arrives once, and the head ends at this browser's document).
 */
export function rebase<T extends QueuedEdit>(rows: readonly T[], headVersion: number): T[] {
  return [...rows].sort((a, b) => a.seq - b.seq).map((r, i) => ({ ...r, baseVersion: headVersion + i }))
}

/** Waits after consecutive failures: 1 s, 2 s, 4 s … at most 60 s. */
export function backoffMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(60_000, 1000 * 2 ** (failures - 1))
}

export type SyncState =
  | { state: 'signed-out' }
  | { state: 'offline'; pending: number; reason: string }
  | { state: 'syncing'; pending: number }
  | { state: 'synced'; at: number | undefined }
  | { state: 'conflict'; episodes: number[]; pending: number }

/** The badge's state: a conflict first (it needs the annotator), then offline, then work left, else synced. */
export function syncState(s: {
  signedIn: boolean
  pending: number
  conflicts: readonly number[]
  offline: string | undefined
  syncedAt: number | undefined
}): SyncState {
  if (!s.signedIn) return { state: 'signed-out' }
  if (s.conflicts.length > 0) return { state: 'conflict', episodes: [...s.conflicts].sort((a, b) => a - b), pending: s.pending }
  if (s.offline !== undefined) return { state: 'offline', pending: s.pending, reason: s.offline }
  if (s.pending > 0) return { state: 'syncing', pending: s.pending }
  return { state: 'synced', at: s.syncedAt }
}

/** The badge's words and its tooltip. */
export function describeSyncState(s: SyncState): { label: string; title: string } {
  switch (s.state) {
    case 'signed-out': return { label: 'Signed out', title: 'Not signed in to a team server: edits stay in this browser only. Team… to sign in.' }
    case 'offline': return {
      label: s.pending > 0 ? `Offline · ${s.pending}` : 'Offline',
      title: `The team server cannot be reached (${s.reason}). ${s.pending} edit${s.pending === 1 ? '' : 's'} kept in this browser; they are sent when it is back.`,
    }
    case 'syncing': return { label: `Syncing ${s.pending}`, title: `${s.pending} edit${s.pending === 1 ? '' : 's'} being sent to the team server.` }
    case 'synced': return { label: 'Synced', title: `Every edit is on the team server${s.at === undefined ? '' : ` (checked ${new Date(s.at).toLocaleTimeString()})`}.` }
    case 'conflict': return {
      label: 'Conflict',
      title: `Your labels of episode${s.episodes.length === 1 ? '' : 's'} ${s.episodes.join(', ')} changed on the server (another device, or an admin). Open the episode to choose which version to keep; nothing is sent for it until then.`,
    }
  }
}
