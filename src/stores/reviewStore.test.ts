// @vitest-environment jsdom
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import type { ReviewState } from '@/core/review'
import { ProcLensDb, reviewStates } from '@/data/browser/db'
import { createReviewStore, currentReview, nextInQueue } from './reviewStore'

let database: ProcLensDb | undefined
afterEach(async () => {
  database?.close()
  await database?.delete()
  localStorage.clear()
})

async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 5))
}

describe('review store', () => {
  it('asks the reviewer\'s name once, then writes the pending verdict; flag asks for a reason first', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const store = createReviewStore(() => database!, `reviewer-${Math.random()}`)
    store.getState().setContext({ dataset: 'local:demo', episode: 3 })
    store.getState().verdict('accepted')
    expect(store.getState().prompt).toEqual({ kind: 'name', then: { status: 'accepted' } })
    store.getState().setReviewer('  ana ')
    await settled()
    expect((await reviewStates(database, 'local:demo')).get(3)).toMatchObject({ status: 'accepted', reviewer: 'ana' })
    store.getState().verdict('flagged')
    expect(store.getState().prompt).toEqual({ kind: 'reason', status: 'flagged' })
    store.getState().verdict('flagged', 'gripper hidden')
    await settled()
    expect(store.getState().prompt).toBeUndefined()
    expect((await reviewStates(database, 'local:demo')).get(3)).toMatchObject({ status: 'flagged', reason: 'gripper hidden', reviewer: 'ana' })
  })

  it('begin marks an unreviewed episode in progress and leaves a verdict alone', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const store = createReviewStore(() => database!, `reviewer-${Math.random()}`)
    store.getState().setContext({ dataset: 'd', episode: 1 })
    store.getState().begin()
    await settled()
    const stored = await reviewStates(database, 'd')
    expect(stored.get(1)?.status).toBe('in-progress')
    store.getState().setReviews(new Map([[1, { status: 'rejected' }]]))
    expect(currentReview(store.getState())).toEqual({ status: 'rejected' })
    store.getState().begin()
    await settled()
    expect((await reviewStates(database, 'd')).get(1)?.status).toBe('in-progress')
  })
})

describe('next in queue', () => {
  const reviews = new Map<number, ReviewState>([[1, { status: 'accepted' }], [2, { status: 'flagged' }], [3, { status: 'in-progress' }], [5, { status: 'rejected' }]])
  it.each<[string, readonly number[] | undefined, number, number | undefined]>([
    ['natural order: past verdicts to in progress', undefined, 0, 3],
    ['natural order: past a verdict to unreviewed', undefined, 3, 4],
    ['natural order: past the end, round to the start', undefined, 4, 0],
    ['the list order the user sees', [5, 2, 4, 1, 0], 5, 4],
    ['from an episode filtered out of the list', [4, 0], 3, 4],
    ['a verdict just given went to the end of a queue sort', [0, 4, 3, 1], 1, 0],
  ])('%s', (_name, listOrder, current, expected) => {
    expect(nextInQueue({ listOrder, listCount: 6, isMissing: (i) => i === 99 }, reviews, current)).toBe(expected)
  })

  it('nothing left but the open episode, or missing ones: undefined', () => {
    expect(nextInQueue({ listOrder: [1, 4, 5], listCount: 6, isMissing: (i) => i === 4 }, reviews, 4)).toBeUndefined()
    expect(nextInQueue({ listOrder: [1, 4, 5], listCount: 6, isMissing: (i) => i === 4 }, reviews, 1)).toBeUndefined()
  })
})
