import { describe, expect, it } from 'vitest'
import { docOf } from '@/test/docs'
import type { QueuedEdit } from './syncPlan'
import { backoffMs, chainedBase, describeSyncState, nextBatch, pushOutcome, rebase, syncState } from './syncPlan'
import type { PushResult, TeamHead } from './teamClient'

const doc = docOf([['Grasp the cup.', 10], ['tail', 5]])
const D = 'http://h/demo'
function row(seq: number, episode: number, baseVersion: number): QueuedEdit {
  return { seq, id: `e${seq}`, dataset: D, episode, baseVersion, label: `edit ${seq}`, doc, at: '2026-12-05T00:00:00.000Z' }
}
const head = (episode: number, version: number): TeamHead => ({ dataset: D, episode, annotator: 'ann1', version, doc, updatedAt: '2026-12-05T00:00:00.000Z' })
const applied = (id: string, version: number): PushResult => ({ id, status: 'applied', version })
const duplicate = (id: string, version: number): PushResult => ({ id, status: 'duplicate', version })
const conflict = (id: string, h: TeamHead | null): PushResult => ({ id, status: 'conflict', head: h })

describe('chained base versions', () => {
  it('an offline burst of 10 saves builds each edit on the one before, from the confirmed version', () => {
    const rows: QueuedEdit[] = []
    for (let i = 0; i < 10; i++) rows.push(row(i + 1, 7, chainedBase(rows[rows.length - 1], 3)))
    expect(rows.map((r) => r.baseVersion)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    // Pushed in order, each applies on the head the one before left: 10 applied edits, head at 13.
    let server = 3
    let left = rows
    const statuses: string[] = []
    while (left.length > 0) {
      const batch = nextBatch(left, new Set())
      expect(batch).toHaveLength(1)
      const results = batch.map((e): PushResult => (e.baseVersion === server ? applied(e.id, ++server) : conflict(e.id, head(7, server))))
      statuses.push(...results.map((r) => r.status))
      const done = new Set(pushOutcome(batch, results).done)
      left = left.filter((r) => !done.has(r.id))
    }
    expect(statuses).toEqual(Array(10).fill('applied'))
    expect(server).toBe(13)
  })
})

describe('next batch', () => {
  const rows = [row(3, 1, 0), row(1, 1, 0), row(2, 2, 5), row(4, 2, 6), row(5, 3, 0)]
  it.each([
    { blocked: [], size: 50, ids: ['e1', 'e2', 'e5'] },
    { blocked: [`${D}#2`], size: 50, ids: ['e1', 'e5'] },
    { blocked: [], size: 2, ids: ['e1', 'e2'] },
    { blocked: [`${D}#1`, `${D}#2`, `${D}#3`], size: 50, ids: [] },
  ])('the oldest row of each episode, in queue order, passing over $blocked, at most $size', ({ blocked, size, ids }) => {
    expect(nextBatch(rows, new Set(blocked), size).map((r) => r.id)).toEqual(ids)
  })
})

describe('what the answers mean', () => {
  const batch = [row(1, 1, 0), row(2, 2, 4), row(3, 1, 1), row(4, 2, 5), row(5, 3, 0)]
  it.each([
    {
      name: 'every edit applied: every row goes, versions move',
      results: [applied('e1', 1), applied('e2', 5), applied('e3', 2), applied('e4', 6), applied('e5', 1)],
      done: ['e1', 'e2', 'e3', 'e4', 'e5'], versions: [[1, 2], [2, 6], [3, 1]], conflicts: [],
    },
    {
      name: 'a retry after a lost answer: duplicates confirm their rows, nothing applies twice',
      results: [duplicate('e1', 1), duplicate('e2', 5), applied('e3', 2), applied('e4', 6), duplicate('e5', 1)],
      done: ['e1', 'e2', 'e3', 'e4', 'e5'], versions: [[1, 2], [2, 6], [3, 1]], conflicts: [],
    },
    {
      name: 'a conflict keeps its row and every later row of that episode; other episodes go on',
      results: [applied('e1', 1), conflict('e2', head(2, 9)), applied('e3', 2), applied('e4', 6), applied('e5', 1)],
      done: ['e1', 'e3', 'e5'], versions: [[1, 2], [3, 1]], conflicts: [[2, 9]],
    },
    {
      name: 'a conflict where the annotator has no head on the server',
      results: [conflict('e1', null), applied('e2', 5), conflict('e3', null), applied('e4', 6), applied('e5', 1)],
      done: ['e2', 'e4', 'e5'], versions: [[2, 6], [3, 1]], conflicts: [[1, null]],
    },
    {
      name: 'answers missing or for other ids keep their rows',
      results: [applied('e1', 1), applied('x', 5)],
      done: ['e1'], versions: [[1, 1]], conflicts: [],
    },
  ])('$name', ({ results, done, versions, conflicts }) => {
    const o = pushOutcome(batch, results)
    expect(o.done).toEqual(done)
    expect([...o.versions]).toEqual(versions.map(([e, v]) => [`${D}#${e}`, v]))
    expect([...o.conflicts].map(([k, h]) => [k, h?.version ?? null])).toEqual(conflicts.map(([e, v]) => [`${D}#${e}`, v]))
  })
})

describe('keep mine', () => {
  it('rebases the episode\'s rows, in order, on the server head', () => {
    expect(rebase([row(9, 1, 4), row(2, 1, 2), row(5, 1, 3)], 7).map((r) => [r.id, r.baseVersion])).toEqual([['e2', 7], ['e5', 8], ['e9', 9]])
  })
})

describe('backoff', () => {
  it.each([[0, 0], [1, 1000], [2, 2000], [3, 4000], [6, 32_000], [7, 60_000], [30, 60_000]])('after %i failures waits %i ms', (failures, ms) => {
    expect(backoffMs(failures)).toBe(ms)
  })
})

describe('sync state', () => {
  const base = { signedIn: true, pending: 0, conflicts: [] as number[], offline: undefined as string | undefined, syncedAt: 5 }
  it.each([
    [{ ...base, signedIn: false, pending: 3 }, 'signed-out', 'Signed out'],
    [{ ...base, conflicts: [4, 2], offline: 'down', pending: 2 }, 'conflict', 'Conflict'],
    [{ ...base, offline: 'server unreachable', pending: 3 }, 'offline', 'Offline · 3'],
    [{ ...base, offline: 'server unreachable' }, 'offline', 'Offline'],
    [{ ...base, pending: 3 }, 'syncing', 'Syncing 3'],
    [base, 'synced', 'Synced'],
  ] as const)('%o is %s', (input, state, label) => {
    const s = syncState(input)
    expect(s.state).toBe(state)
    expect(describeSyncState(s).label).toBe(label)
  })
  it('names the conflicted episodes in order in the tooltip', () => {
    expect(describeSyncState(syncState({ ...base, conflicts: [4, 2] })).title).toContain('episodes 2, 4')
  })
})
