/**
 * Simulated annotators against a running team server (the load test, e2e/bench/teamLoad.js, and the smaller
 * runs in npm test): each claims an episode, makes edits one after another on its own head, pushes them from an
 * outbox (a push that fails stays queued and is sent again, as the browser's sync loop does), then gives the
 * episode a verdict and claims the next, until the time is up. Then the server's log is compared with what the
 * clients sent. Relative imports only: the bench loads this file with jiti.
 */
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { emptyDoc } from '../core/annotation'
import type { AnnotationDoc } from '../core/annotation'
import { createTeamClient, TeamHttpError, TeamUnreachableError } from '../data/team/teamClient'
import type { TeamClient, TeamEdit } from '../data/team/teamClient'

export interface LoadOptions {
  baseUrl: string
  dataset: string
  annotators: number
  durationMs: number
  /** Edits per claimed episode before its verdict (default 5). */
  editsPerEpisode?: number
  /** Edits per push: the outbox sends up to this many at once (default 1). */
  batch?: number
  /** Annotator names start with this (default `load`). */
  prefix?: string
}

export interface SentEdit {
  id: string
  annotator: string
  episode: number
  version: number
}

export interface LoadResult {
  annotators: number
  elapsedMs: number
  /** Every claim handed out: (annotator, episode). */
  claims: { annotator: string; episode: number }[]
  /** Every edit the server confirmed (applied or duplicate), as the client made it. */
  confirmed: SentEdit[]
  /** Edits still in an outbox when the time ran out (sent again by the final drain, so normally 0). */
  unsent: number
  /** ms per successful push request. */
  pushLatencies: number[]
  duplicates: number
  conflicts: number
  /** Failed requests that were retried (server or database down). */
  retries: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function docFor(dataset: string, episode: number, version: number): AnnotationDoc {
  const doc = emptyDoc({ dataset, episode: `episode_${episode}`, episodeIndex: episode, task: 'load', frameCount: 300, fps: 30 })
  const cut = 20 + ((episode * 7 + version * 13) % 260)
  doc.segments = [
    { id: 's1', start: 0, end: cut, kind: 'step', label: 'Reach.', notes: '', state: 'completed' },
    { id: 's2', start: cut, end: 300, kind: 'step', label: `Grasp v${version}.`, notes: '', state: 'completed' },
  ]
  return doc
}

/** Retries while the server or its database is down (unreachable, 5xx); anything else is a bug and throws. */
async function retrying<T>(fn: () => Promise<T>, onRetry: () => void, deadline: number): Promise<T> {
  for (;;) {
    try {
      return await fn()
    } catch (e) {
      const transient = e instanceof TeamUnreachableError || (e instanceof TeamHttpError && e.status >= 500)
      if (!transient || Date.now() > deadline) throw e
      onRetry()
      await sleep(100)
    }
  }
}

async function annotator(client: TeamClient, name: string, o: LoadOptions, end: number, out: LoadResult): Promise<void> {
  const perEpisode = o.editsPerEpisode ?? 5
  const batch = o.batch ?? 1
  // Retries may run past the end of the run (a restart in progress): a minute more at most.
  const hardDeadline = end + 60_000
  const retry = () => void out.retries++
  while (Date.now() < end) {
    const claim = await retrying(() => client.claimNext(o.dataset, 3600), retry, hardDeadline)
    if (claim.episode === null) return
    const episode = claim.episode
    out.claims.push({ annotator: name, episode })
    const outbox: TeamEdit[] = []
    const made = new Map<string, SentEdit>()
    for (let v = 1; v <= perEpisode; v++) {
      const e: TeamEdit = { id: randomUUID(), dataset: o.dataset, episode, baseVersion: v - 1, label: `edit ${v}`, doc: docFor(o.dataset, episode, v), at: new Date().toISOString() }
      outbox.push(e)
      made.set(e.id, { id: e.id, annotator: name, episode, version: v })
      // Push when the batch is full, the episode is done, or time is up; the outbox drains in order.
      if (outbox.length < batch && v < perEpisode && Date.now() < end) continue
      while (outbox.length > 0) {
        const sending = outbox.slice(0, batch)
        const t0 = performance.now()
        const results = await retrying(() => client.pushEdits(sending), retry, hardDeadline)
        out.pushLatencies.push(performance.now() - t0)
        for (const r of results) {
          if (r.status === 'conflict') {
            out.conflicts++
            throw new Error(`${name}: conflict on episode ${episode} for ${r.id}: a head moved that only this annotator writes`)
          }
          if (r.status === 'duplicate') out.duplicates++
          const sent = made.get(r.id)
          if (sent !== undefined) out.confirmed.push(sent)
        }
        outbox.splice(0, results.length)
      }
      if (Date.now() >= end) break
    }
    out.unsent += outbox.length
    await retrying(() => client.setReview({ dataset: o.dataset, episode, status: 'accepted', reason: 'load test', baseVersion: 0 }), retry, hardDeadline)
  }
}

/** Runs the simulated annotators; tokens from the server's dev issuer (`reviewer`, so they may give verdicts). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const names = Array.from({ length: o.annotators }, (_, i) => `${o.prefix ?? 'load'}${String(i + 1).padStart(3, '0')}`)
  const anonymous = createTeamClient({ baseUrl: o.baseUrl })
  const clients = await Promise.all(names.map(async (name) =>
    createTeamClient({ baseUrl: o.baseUrl, token: await anonymous.devToken(name, 'reviewer') })))
  const out: LoadResult = { annotators: o.annotators, elapsedMs: 0, claims: [], confirmed: [], unsent: 0, pushLatencies: [], duplicates: 0, conflicts: 0, retries: 0 }
  const start = performance.now()
  const end = Date.now() + o.durationMs
  await Promise.all(clients.map((c, i) => annotator(c, names[i] as string, o, end, out)))
  out.elapsedMs = performance.now() - start
  return out
}

export interface LogCheck {
  /** Confirmed edits not in the server's log. */
  lost: number
  /** Log rows beyond one per confirmed edit (an id twice, or an edit nobody confirmed). */
  duplicated: number
  /** Episodes claimed by more than one annotator. */
  sharedClaims: number
  /** Heads whose version is not the number of that annotator's edits of the episode. */
  badHeads: number
  logRows: number
}

/** The server's log and heads against what the clients had confirmed. */
export async function checkLog(db: pg.ClientBase, dataset: string, result: LoadResult): Promise<LogCheck> {
  const log = await db.query<{ id: string; annotator: string; episode: number; version: number }>(
    'select id, annotator, episode, version from edit_log where dataset = $1', [dataset])
  const inLog = new Map(log.rows.map((r) => [r.id, r]))
  const confirmed = new Map(result.confirmed.map((c) => [c.id, c]))
  const lost = [...confirmed.keys()].filter((id) => !inLog.has(id)).length
  const duplicated = log.rows.length - inLog.size + [...inLog.keys()].filter((id) => !confirmed.has(id)).length
  const byEpisode = new Map<number, Set<string>>()
  for (const c of result.claims) byEpisode.set(c.episode, (byEpisode.get(c.episode) ?? new Set()).add(c.annotator))
  const sharedClaims = [...byEpisode.values()].filter((s) => s.size > 1).length
  const counts = new Map<string, number>()
  for (const c of result.confirmed) counts.set(`${c.annotator}/${c.episode}`, (counts.get(`${c.annotator}/${c.episode}`) ?? 0) + 1)
  const heads = await db.query<{ annotator: string; episode: number; version: number }>('select annotator, episode, version from heads where dataset = $1', [dataset])
  const badHeads = heads.rows.filter((h) => counts.get(`${h.annotator}/${h.episode}`) !== h.version).length + Math.max(0, counts.size - heads.rows.length)
  return { lost, duplicated, sharedClaims, badHeads, logRows: log.rows.length }
}

/** p-th percentile (nearest rank) of a list. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN
}
