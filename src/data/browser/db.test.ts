// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { ProcLensDb, reviewStates, reviewStatuses, SCHEMA, setReviewStatus } from './db'

let database: ProcLensDb
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('review statuses', () => {
  it('stores, replaces and clears statuses per dataset', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 3, status: 'flagged' })
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 4, status: 'accepted' })
    await setReviewStatus(database, { dataset: 'http://h/b', episode: 3, status: 'in-progress' })
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 3, status: 'accepted' })
    expect(await reviewStatuses(database, 'http://h/a')).toEqual(new Map([[3, 'accepted'], [4, 'accepted']]))
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 4, status: 'unreviewed' })
    expect(await reviewStatuses(database, 'http://h/a')).toEqual(new Map([[3, 'accepted']]))
    expect(await reviewStatuses(database, 'http://h/b')).toEqual(new Map([[3, 'in-progress']]))
  })

  it('keeps when review began, who reviewed and why it was flagged, across status changes', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const key = { dataset: 'local:demo', episode: 2 }
    await setReviewStatus(database, { ...key, status: 'in-progress', reviewer: 'ana', at: 10 })
    await setReviewStatus(database, { ...key, status: 'flagged', reason: 'gripper hidden', at: 20 })
    expect((await reviewStates(database, 'local:demo')).get(2)).toEqual({ status: 'flagged', reason: 'gripper hidden', reviewer: 'ana', startedAt: 10, updatedAt: 20 })
    await setReviewStatus(database, { ...key, status: 'accepted', reviewer: 'ben', at: 30 })
    expect((await reviewStates(database, 'local:demo')).get(2)).toEqual({ status: 'accepted', reviewer: 'ben', startedAt: 10, updatedAt: 30 })
  })

  it('reads a status stored as `reviewed` (before accept and reject existed) as accepted', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    await database.reviews.put({ dataset: 'local:demo', episode: 1, status: 'reviewed' as never, updatedAt: 5 })
    expect((await reviewStates(database, 'local:demo')).get(1)).toEqual({ status: 'accepted', updatedAt: 5 })
  })

  it('survives closing and reopening the database', async () => {
    const name = `test-${Math.random()}`
    database = new ProcLensDb(name)
    await setReviewStatus(database, { dataset: 'local:demo', episode: 0, status: 'flagged' })
    database.close()
    database = new ProcLensDb(name)
    expect(await reviewStatuses(database, 'local:demo')).toEqual(new Map([[0, 'flagged']]))
  })
})

describe('schema versions', () => {
  it('a database written by every earlier version opens with the current one, its data intact', async () => {
    const name = `test-${Math.random()}`
    for (let version = 1; version < SCHEMA.length; version++) {
      const old = new ProcLensDb(name, { versions: version })
      await setReviewStatus(old, { dataset: 'http://h/a', episode: version, status: 'flagged' })
      expect(old.verno).toBe(version)
      old.close()
    }
    database = new ProcLensDb(name)
    expect(database.verno).toBe(SCHEMA.length)
    expect(await reviewStatuses(database, 'http://h/a')).toEqual(new Map(Array.from({ length: SCHEMA.length - 1 }, (_, i) => [i + 1, 'flagged'])))
    await database.heads.put({
      dataset: 'http://h/a', episode: 1, revision: 1, writer: 't', savedAt: 0, past: [], present: 1, future: [], cap: 200,
      doc: { schemaVersion: 1, dataset: 'a', episode: 'episode_000001', episodeIndex: 1, task: '', frameCount: 1, fps: 30, provenance: {} },
    })
    expect(await database.heads.count()).toBe(1)
  })
})
