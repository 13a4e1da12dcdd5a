/**
 * Every request's SQL runs in one transaction as the token's role, with the annotator set for row-level
 * security: `SET LOCAL ROLE proclens_<role>` and `set_config('proclens.annotator', sub, true)`. Both end with the
 * transaction, so a pooled connection never carries one request's identity into the next.
 */
import type { Pool, PoolClient } from 'pg'
import type { Identity, Role } from './tokens'

const SQL_ROLE: Record<Role, string> = { annotator: 'proclens_annotator', reviewer: 'proclens_reviewer', admin: 'proclens_admin' }

export type Isolation = 'read committed' | 'repeatable read'

export async function asUser<T>(pool: Pool, who: Identity, fn: (db: PoolClient) => Promise<T>, isolation: Isolation = 'read committed'): Promise<T> {
  const db = await pool.connect()
  let broken = false
  // A checked-out connection that dies (database killed) emits 'error' on itself; unhandled, it would end the
  // process. The query in progress fails anyway and the request answers 503.
  const lost = () => void (broken = true)
  db.on('error', lost)
  try {
    // One round trip: the role name comes from the fixed table above, never from the request; the annotator's
    // name is escaped as a literal by pg (a simple-protocol query cannot take parameters).
    await db.query(`begin isolation level ${isolation}; set local role ${SQL_ROLE[who.role]}; `
      + `select set_config('proclens.annotator', ${db.escapeLiteral(who.annotator)}, true)`)
    const result = await fn(db)
    await db.query('commit')
    return result
  } catch (e) {
    try {
      await db.query('rollback')
    } catch {
      broken = true // the connection is gone (database restarted): drop it from the pool
    }
    throw e
  } finally {
    db.off('error', lost)
    db.release(broken)
  }
}

/** A pooled connection outside any request's identity (health, migrations), with the same 'error' guard. */
export async function withConnection<T>(pool: Pool, fn: (db: PoolClient) => Promise<T>): Promise<T> {
  const db = await pool.connect()
  let broken = false
  const lost = () => void (broken = true)
  db.on('error', lost)
  try {
    return await fn(db)
  } catch (e) {
    broken = true
    throw e
  } finally {
    db.off('error', lost)
    db.release(broken)
  }
}
