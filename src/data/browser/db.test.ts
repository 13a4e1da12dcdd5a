// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { ProcLensDb, reviewStatuses, setReviewStatus } from './db'

let database: ProcLensDb
afterEach(async () => {
  database.close()
  await database.delete()
})

describe('review statuses', () => {
  it('stores, replaces and clears statuses per dataset', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 3, status: 'flagged' })
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 4, status: 'reviewed' })
    await setReviewStatus(database, { dataset: 'http://h/b', episode: 3, status: 'in-progress' })
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 3, status: 'reviewed' })
    expect(await reviewStatuses(database, 'http://h/a')).toEqual(new Map([[3, 'reviewed'], [4, 'reviewed']]))
    await setReviewStatus(database, { dataset: 'http://h/a', episode: 4, status: 'unreviewed' })
    expect(await reviewStatuses(database, 'http://h/a')).toEqual(new Map([[3, 'reviewed']]))
    expect(await reviewStatuses(database, 'http://h/b')).toEqual(new Map([[3, 'in-progress']]))
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
