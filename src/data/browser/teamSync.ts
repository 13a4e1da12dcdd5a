/**
 * The team sync loop (docs/team-sync.md): pushes the outbox in order, in batches, and pulls every annotator's
 * heads (the annotator's own, when another device moved them, become conflicts to resolve); on a failure it keeps everything and tries again later (after 1 s, 2 s, 4 s … at most a minute, or at
 * once when woken: the browser's `online` event, a new save). The decisions are `team/syncPlan.ts`'s; this file
 * only runs them against IndexedDB, the server and a timer, and reports a snapshot for the badge.
 */
import type { EpisodeKey } from '../team/syncPlan'
import { backoffMs, episodeKey, nextBatch, pushOutcome } from '../team/syncPlan'
import type { TeamClient } from '../team/teamClient'
import { TeamHttpError } from '../team/teamClient'
import type { ProcLensDb } from './db'
import type { TeamTarget } from './teamOutbox'
import { noteNewerOwnHeads, queuedEdits, recordPush, storeHeads, teamBases, wireEdit } from './teamOutbox'

export interface SyncSnapshot {
  pending: number
  /** Episodes whose push met someone else's head. */
  conflicts: number[]
  /** Why the last attempt failed (the server is unreachable, or answered an error), or undefined. */
  offline: string | undefined
  /** The token was refused (401): signing in again is needed. */
  unauthorized: boolean
  syncedAt: number | undefined
}

/** The timers the loop uses, injectable so tests drive it by hand. */
export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
}

export interface TeamSyncOptions {
  db: ProcLensDb
  client: Pick<TeamClient, 'pushEdits' | 'heads'>
  target: TeamTarget
  dataset: string
  onChange?: (snapshot: SyncSnapshot) => void
  timers?: SyncTimers
  /** How often heads are pulled while nothing else happens. */
  pollMs?: number
}

const REAL_TIMERS: SyncTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export class TeamSync {
  private readonly timers: SyncTimers
  private failures = 0
  private cursor: string | undefined
  private handle: unknown
  private running: Promise<void> | undefined
  private again = false
  private stopped = true
  /** Counts {@link noteQueued} calls, so a count read before a save committed does not undo its note. */
  private notes = 0
  private snapshot: SyncSnapshot = { pending: 0, conflicts: [], offline: undefined, unauthorized: false, syncedAt: undefined }

  constructor(private readonly options: TeamSyncOptions) {
    this.timers = options.timers ?? REAL_TIMERS
  }

  get state(): SyncSnapshot {
    return this.snapshot
  }

  /** Start syncing now and keep at it until {@link stop}. */
  start(): void {
    this.stopped = false
    this.wake()
  }

  stop(): void {
    this.stopped = true
    this.timers.clearTimeout(this.handle)
  }

  /** A save queued an edit: counted as pending at once (the next round recounts the outbox), and pushed now. */
  noteQueued(): void {
    if (this.stopped) return
    this.notes += 1
    this.snapshot = { ...this.snapshot, pending: this.snapshot.pending + 1 }
    this.options.onChange?.(this.snapshot)
    this.wake()
  }

  /** Sync now (a save, the browser back online, "Keep mine"): the wait after a failure is cut short. */
  wake(): void {
    if (this.stopped) return
    this.timers.clearTimeout(this.handle)
    void this.sync()
  }

  /** One round: push everything that can go, then pull heads. Resolves when done; never rejects. */
  sync(): Promise<void> {
    if (this.running !== undefined) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      do {
        this.again = false
        await this.round()
      } while (this.again)
    })().finally(() => {
      this.running = undefined
      this.schedule()
    })
    return this.running
  }

  private schedule(): void {
    if (this.stopped) return
    this.timers.clearTimeout(this.handle)
    const wait = this.failures > 0 ? backoffMs(this.failures) : (this.options.pollMs ?? 5000)
    this.handle = this.timers.setTimeout(() => void this.sync(), wait)
  }

  private async round(): Promise<void> {
    const { db, client, target, dataset } = this.options
    try {
      for (;;) {
        const blocked = await this.blocked()
        const rows = await queuedEdits(db, target, dataset)
        const batch = nextBatch(rows.map(wireEdit), blocked)
        await this.report({ offline: this.snapshot.offline })
        if (batch.length === 0) break
        const results = await client.pushEdits(batch.map(({ seq: _s, ...edit }) => edit))
        const outcome = pushOutcome(batch, results)
        const sent = new Map(rows.map((r) => [r.id, r]))
        await recordPush(db, target, batch.map((b) => sent.get(b.id)!), { ...outcome, at: this.timers.now() })
        // Nothing confirmed and no new conflict: the server answered for other ids; do not spin.
        if (outcome.done.length === 0 && outcome.conflicts.size === 0) throw new Error('the server answered no edit of the batch')
      }
      const pulled = await client.heads(dataset, this.cursor)
      await storeHeads(db, pulled.heads)
      await noteNewerOwnHeads(db, target, pulled.heads, this.timers.now())
      this.cursor = pulled.cursor
      this.failures = 0
      await this.report({ offline: undefined, unauthorized: false, syncedAt: this.timers.now() })
    } catch (e) {
      this.failures += 1
      const unauthorized = e instanceof TeamHttpError && e.status === 401
      await this.report({ offline: describe(e), unauthorized })
    }
  }

  private async blocked(): Promise<Set<EpisodeKey>> {
    const bases = await teamBases(this.options.db, this.options.target, this.options.dataset)
    return new Set(bases.filter((b) => b.conflict !== undefined).map(episodeKey))
  }

  private async report(change: Partial<SyncSnapshot>): Promise<void> {
    const { db, target, dataset } = this.options
    const notes = this.notes
    const rows = await queuedEdits(db, target, dataset)
    const bases = await teamBases(db, target, dataset)
    // A save noted while the outbox was read may be missing from `rows`: keep its count until the next round.
    const pending = this.notes === notes ? rows.length : Math.max(rows.length, this.snapshot.pending)
    this.snapshot = {
      ...this.snapshot,
      ...change,
      pending,
      conflicts: bases.filter((b) => b.conflict !== undefined).map((b) => b.episode).sort((a, b) => a - b),
    }
    this.options.onChange?.(this.snapshot)
  }
}
