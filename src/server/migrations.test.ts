import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from './migrations'
import { docWithCuts, NO_POSTGRES, startTestCluster } from '@/test/teamServer'
import type { TestCluster } from '@/test/teamServer'

describe.skipIf(NO_POSTGRES)('migrations', () => {
  let pgc: TestCluster
  beforeAll(async () => {
    pgc = await startTestCluster()
  }, 120_000)
  afterAll(() => pgc?.stop())

  it('apply all of them on an empty database, once', async () => {
    const db = await pgc.connect(await pgc.createDatabase('fresh'))
    try {
      expect(await schemaVersion(db)).toBe(0)
      expect((await migrate(db)).map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version))
      expect(await schemaVersion(db)).toBe(LATEST_VERSION)
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(2)
      expect(await migrate(db)).toEqual([]) // a second start applies nothing
      const rows = await db.query<{ version: number }>('select version from schema_migrations order by version')
      expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
    } finally {
      await db.end()
    }
  })

  it('upgrade a database made by the previous version: its data is kept and works with the new rules', async () => {
    const db = await pgc.connect(await pgc.createDatabase('upgraded'))
    try {
      expect((await migrate(db, { upTo: LATEST_VERSION - 1 })).length).toBe(LATEST_VERSION - 1)
      // Data written through version 1's own functions, as an annotator.
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await db.query(`select set_config('proclens.annotator', 'ann1', true)`)
      await db.query(`select register_episodes('d', array[0, 1, 2])`)
      const doc = JSON.stringify(docWithCuts('d', 0, 100, [40]))
      const pushed = await db.query(`select * from push_edit('00000000-0000-4000-8000-000000000001', 'ann1', 'd', 0, 0, 'first', $1, now())`, [doc])
      expect(pushed.rows).toEqual([{ status: 'applied', version: 1 }])
      await db.query('commit')

      expect((await migrate(db)).map((m) => m.version)).toEqual([LATEST_VERSION])
      const log = await db.query('select id, annotator, version from edit_log')
      expect(log.rows).toEqual([{ id: '00000000-0000-4000-8000-000000000001', annotator: 'ann1', version: 1 }])
      const head = await db.query('select version, doc from heads')
      expect(head.rows).toEqual([{ version: 1, doc: JSON.parse(doc) as unknown }])
      // The old episodes take part in the new claims.
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await db.query(`select set_config('proclens.annotator', 'ann2', true)`)
      const claim = await db.query<{ episode: number }>(`select episode from claim_next('d', 'ann2', 60)`)
      expect(claim.rows[0]?.episode).toBe(0)
      await db.query('commit')
    } finally {
      await db.end()
    }
  })

  it('a migration that fails leaves no trace of itself', async () => {
    const db = await pgc.connect(await pgc.createDatabase('broken'))
    try {
      await migrate(db, { upTo: 1 })
      await db.query('create table reviews (x int)') // 002 creates this table: it must fail and roll back
      await expect(migrate(db)).rejects.toThrow(/migration 002_leases_and_reviews failed: .*reviews/)
      expect(await schemaVersion(db)).toBe(1)
      const cols = await db.query(`select column_name from information_schema.columns where table_name = 'episodes' and column_name = 'lease_until'`)
      expect(cols.rowCount).toBe(0)
    } finally {
      await db.end()
    }
  })

  it('a login without CREATEROLE or superuser migrates once a DBA has made the roles, and its requests obey row-level security', async () => {
    const dbUrl = await pgc.createDatabase('limited')
    const su = await pgc.connect(pgc.cluster.url)
    try {
      // What a DBA runs once (docs/team.md, Production); the roles may exist already from another database here.
      await su.query(`do $$ begin
        if not exists (select from pg_roles where rolname = 'proclens_annotator') then create role proclens_annotator nologin; end if;
        if not exists (select from pg_roles where rolname = 'proclens_reviewer') then create role proclens_reviewer nologin in role proclens_annotator; end if;
        if not exists (select from pg_roles where rolname = 'proclens_admin') then create role proclens_admin nologin in role proclens_reviewer; end if;
      end $$`)
      await su.query(`create role limited_server login password 'pw' nocreaterole nosuperuser`)
      await su.query('grant proclens_admin to limited_server')
      await su.query('alter database limited owner to limited_server')
    } finally {
      await su.end()
    }
    const u = new URL(dbUrl)
    u.username = 'limited_server'
    u.password = 'pw'
    const db = await pgc.connect(u.toString())
    try {
      expect((await migrate(db)).length).toBe(LATEST_VERSION)
      await db.query('begin')
      await db.query('set local role proclens_annotator')
      await db.query(`select set_config('proclens.annotator', 'ann1', true)`)
      await expect(db.query(`select * from push_edit('00000000-0000-4000-8000-000000000002', 'ann2', 'd', 0, 0, 'forged', '{}', now())`)).rejects.toThrow(/row-level security/)
      await db.query('rollback')
    } finally {
      await db.end()
    }
  })
})
