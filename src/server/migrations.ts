/**
 * Versioned migrations: src/server/migrations/NNN_name.sql, applied in order, each in its own transaction with
 * its row in schema_migrations, under an advisory lock (two servers starting at once apply each file once).
 * A file once released is never edited: a change is a new file.
 */
import type { ClientBase } from 'pg'
import m001 from './migrations/001_edit_log_and_heads.sql?raw'
import m002 from './migrations/002_leases_and_reviews.sql?raw'

export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'edit_log_and_heads', sql: m001 },
  { version: 2, name: 'leases_and_reviews', sql: m002 },
]

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/** Any constant: the lock that serialises migrating servers. */
const MIGRATION_LOCK = 7_411_402

/** The version a database is at (0: never migrated). */
export async function schemaVersion(db: ClientBase): Promise<number> {
  const t = await db.query<{ exists: boolean }>(`select to_regclass('schema_migrations') is not null as exists`)
  if (t.rows[0]?.exists !== true) return 0
  const r = await db.query<{ v: number | null }>('select max(version) as v from schema_migrations')
  return r.rows[0]?.v ?? 0
}

/** Applies the migrations above the database's version, up to `upTo` (all by default); returns those applied. */
export async function migrate(db: ClientBase, options: { upTo?: number } = {}): Promise<Migration[]> {
  const applied: Migration[] = []
  await db.query(`create table if not exists schema_migrations (
    version integer primary key, name text not null, applied_at timestamptz not null default now())`)
  for (const m of MIGRATIONS) {
    if (options.upTo !== undefined && m.version > options.upTo) break
    await db.query('begin')
    try {
      await db.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      const done = await db.query('select 1 from schema_migrations where version = $1', [m.version])
      if (done.rowCount === 0) {
        await db.query(m.sql)
        await db.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name])
        applied.push(m)
      }
      await db.query('commit')
    } catch (e) {
      await db.query('rollback')
      throw new Error(`migration ${String(m.version).padStart(3, '0')}_${m.name} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
    }
  }
  return applied
}
