/**
 * The routes of the contract (docs/team.md, API reference). Each handler checks its body, then calls the SQL
 * functions of src/server/migrations as the signed-in user (db.ts): the rules (compare-and-swap, leases,
 * who may write what) are PostgreSQL's, not this file's.
 */
import type { Pool } from 'pg'
import type { PushResult, ReviewResult } from '@/data/team/teamClient'
import { asUser } from './db'
import { BadRequest, claimBody, datasetsBody, editsBody, parseBody, queryParam, releaseBody, reviewBody } from './bodies'
import { teamProgress } from './progress'
import { HEAD_COLUMNS, headOf, REVIEW_COLUMNS, reviewOf } from './rows'
import type { HeadRow, ReviewRow } from './rows'
import type { Identity } from './tokens'

/** 403 with this message. */
export class Forbidden extends Error {}

export interface ApiRequest {
  who: Identity
  url: URL
  body: unknown
}

type Handler = (pool: Pool, req: ApiRequest) => Promise<unknown>

/** A pull's cursor is a pg_snapshot as text (xmin:xmax:xip,…); anything else is refused before it reaches SQL. */
const CURSOR = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20}){0,10000})?$/

export const DEFAULT_LEASE_SECONDS = 1800

const pushEdits: Handler = async (pool, { who, body }) => {
  const { edits } = parseBody(editsBody, body)
  return asUser(pool, who, async (db) => {
    const results: PushResult[] = []
    for (const e of edits) {
      const r = await db.query<{ status: 'applied' | 'duplicate' | 'conflict'; version: number | null }>(
        'select status, version from push_edit($1, $2, $3, $4, $5, $6, $7, $8)',
        [e.id, e.annotator ?? who.annotator, e.dataset, e.episode, e.baseVersion, e.label, JSON.stringify(e.doc), e.at])
      const row = r.rows[0]
      if (row === undefined) throw new Error('push_edit returned no row')
      if (row.status === 'conflict') {
        const head = await db.query<HeadRow>(`select ${HEAD_COLUMNS} from heads where dataset = $1 and episode = $2 and annotator = $3`,
          [e.dataset, e.episode, e.annotator ?? who.annotator])
        results.push({ id: e.id, status: 'conflict', head: head.rows[0] === undefined ? null : headOf(head.rows[0]) })
      } else {
        results.push({ id: e.id, status: row.status, version: row.version ?? 0 })
      }
    }
    return { results }
  })
}

const heads: Handler = async (pool, { who, url }) => {
  const dataset = queryParam(url, 'dataset', true)
  const since = queryParam(url, 'since', false)
  if (since !== undefined && !CURSOR.test(since)) throw new BadRequest('since: not a cursor this server gave (pass the `cursor` of the previous answer)')
  // One snapshot for the rows and the cursor: the next pull returns exactly what this one could not see.
  return asUser(pool, who, async (db) => {
    const changed = since === undefined ? '' : 'and changed_xid >= pg_snapshot_xmin($2::pg_snapshot) and not pg_visible_in_snapshot(changed_xid, $2::pg_snapshot)'
    const rows = await db.query<HeadRow>(`select ${HEAD_COLUMNS} from heads where dataset = $1 ${changed} order by episode, annotator`,
      since === undefined ? [dataset] : [dataset, since])
    const cursor = await db.query<{ cursor: string }>('select pg_current_snapshot()::text as cursor')
    return { heads: rows.rows.map(headOf), cursor: cursor.rows[0]?.cursor ?? '' }
  }, 'repeatable read')
}

const setReview: Handler = async (pool, { who, body }) => {
  const b = parseBody(reviewBody, body)
  return asUser(pool, who, async (db): Promise<ReviewResult> => {
    const r = await db.query<{ status: 'applied' | 'conflict'; version: number | null }>(
      'select status, version from set_review($1, $2, $3, $4, $5, $6)', [b.dataset, b.episode, b.status, b.reason, who.annotator, b.baseVersion])
    if (r.rows[0]?.status === 'applied') return { status: 'applied', version: r.rows[0].version ?? 0 }
    const current = await db.query<ReviewRow>(`select ${REVIEW_COLUMNS} from reviews where dataset = $1 and episode = $2`, [b.dataset, b.episode])
    return { status: 'conflict', review: current.rows[0] === undefined ? null : reviewOf(current.rows[0]) } as ReviewResult
  })
}

export const routes: Record<string, Handler> = {
  'GET /api/me': (_pool, { who }) => Promise.resolve({ annotator: who.annotator, role: who.role }),
  'POST /api/datasets': async (pool, { who, body }) => {
    const b = parseBody(datasetsBody, body)
    return asUser(pool, who, async (db) => {
      const r = await db.query<{ added: number }>('select register_episodes($1, $2::integer[]) as added', [b.dataset, b.episodes])
      return { added: r.rows[0]?.added ?? 0 }
    })
  },
  'POST /api/claims/next': async (pool, { who, body }) => {
    const b = parseBody(claimBody, body)
    return asUser(pool, who, async (db) => {
      const r = await db.query<{ episode: number | null; lease_until: Date | null }>('select episode, lease_until from claim_next($1, $2, $3)',
        [b.dataset, who.annotator, b.leaseSeconds ?? DEFAULT_LEASE_SECONDS])
      const row = r.rows[0]
      return row?.episode == null || row.lease_until === null ? { episode: null } : { episode: row.episode, leaseUntil: row.lease_until.toISOString() }
    })
  },
  'POST /api/claims/release': async (pool, { who, body }) => {
    const b = parseBody(releaseBody, body)
    return asUser(pool, who, async (db) => {
      const r = await db.query<{ released: boolean }>('select release_claim($1, $2, $3) as released', [b.dataset, b.episode, who.annotator])
      return { released: r.rows[0]?.released === true }
    })
  },
  'POST /api/edits': pushEdits,
  'GET /api/heads': heads,
  'POST /api/reviews': setReview,
  'GET /api/reviews': async (pool, { who, url }) => {
    const dataset = queryParam(url, 'dataset', true)
    return asUser(pool, who, async (db) => {
      const r = await db.query<ReviewRow>(`select ${REVIEW_COLUMNS} from reviews where dataset = $1 order by episode`, [dataset])
      return { reviews: r.rows.map(reviewOf) }
    })
  },
  'GET /api/admin/progress': async (pool, { who, url }) => {
    if (who.role !== 'admin') throw new Forbidden(`admin/progress is for the admin role; ${who.annotator} signed in as ${who.role}`)
    const dataset = queryParam(url, 'dataset', false)
    return asUser(pool, who, (db) => teamProgress(db, dataset))
  },
}
