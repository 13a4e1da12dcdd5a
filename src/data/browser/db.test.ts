// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import type { AnnotationDoc } from '@/core/annotation'
import type { History } from '@/core/history'
import { commit, createHistory, undo } from '@/core/history'
import { docOf } from '@/test/docs'
import { predictionFiles, ProcLensDb, reviewStates, reviewStatuses, SCHEMA, setReviewStatus } from './db'
import { HistorySaver, loadHistory } from './savedHistory'
import { pulledHeads, queuedEdits } from './teamOutbox'
import type { FrameHashes } from './visualChange/computeVisualChange'
import { readCachedHashes, writeCachedHashes } from './visualChange/visualChangeCache'

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

/**
 * What each schema version's app wrote, in the shape it wrote it: version 1 knew only reviews (status and time,
 * `reviewed` where `accepted` is now); version 2 added histories (heads and states) and visual change; version 3
 * prediction files. Each writer puts representative rows in every table its version had.
 */
const hashes: FrameHashes = { camera: 'top', frames: [{ phash: '0123456789abcdef', width: 64, height: 48 }, { phash: undefined, width: 64, height: 48 }] }
const prediction = { name: 'pred.jsonl', model: 'qwen', instruction: 'put the cup on the plate', text: '{"episode":"episode_000001"}\n' }
function corrected(): History<AnnotationDoc> {
  const h = createHistory(docOf([['Grasp the cup.', 10], ['Place the cup.', 10], ['tail', 5]], { episode: 'episode_000001' }))
  const r = applyEdit(h.present, { type: 'moveBoundary', boundary: 0, frame: 7 })
  if (!r.ok) throw new Error(r.reason)
  return undo(commit(h, 'Move boundary 1 to frame 7', r.doc))
}
const WRITERS: ((old: ProcLensDb) => Promise<void>)[] = [
  async (old) => {
    await old.reviews.put({ dataset: 'http://h/a', episode: 1, status: 'reviewed' as never, updatedAt: 5 })
    await old.reviews.put({ dataset: 'http://h/a', episode: 2, status: 'flagged', updatedAt: 6 })
  },
  async (old) => {
    await WRITERS[0]!(old)
    await new HistorySaver(old, { dataset: 'http://h/a', episode: 1 }, 'tab-v2').save(corrected())
    await writeCachedHashes(old, { dataset: 'http://h/a', episode: 1, camera: 'top' }, 'top.mp4@100', hashes)
  },
  async (old) => {
    await WRITERS[1]!(old)
    await old.predictionFiles.add({ ...prediction, dataset: 'http://h/a', addedAt: 7 })
  },
  async (old) => {
    await WRITERS[2]!(old)
    const doc = corrected().present
    await old.outbox.add({ id: '6f1c2f0e-0000-4000-8000-000000000001', server: 'http://t', annotator: 'ann1', dataset: 'http://h/a', episode: 1, baseVersion: 2, label: 'Move boundary 1 to frame 7', doc, at: '2026-12-05T00:00:00.000Z' })
    await old.teamBases.put({ dataset: 'http://h/a', episode: 1, annotator: 'ann1', version: 2 })
    await old.teamHeads.put({ dataset: 'http://h/a', episode: 1, annotator: 'ann2', version: 4, doc, updatedAt: '2026-12-05T00:00:00.000Z' })
  },
]

describe('schema versions', () => {
  it('has a writer of representative rows for every version', () => {
    expect(WRITERS).toHaveLength(SCHEMA.length)
  })

  for (let version = 1; version < SCHEMA.length; version++) {
    it(`a database written by version ${version} opens with the current one, and every row reads back`, async () => {
      const name = `test-${Math.random()}`
      const old = new ProcLensDb(name, { versions: version })
      await WRITERS[version - 1]!(old)
      expect(old.verno).toBe(version)
      old.close()
      database = new ProcLensDb(name)
      expect(database.verno).toBe(SCHEMA.length)
      const tables = Object.keys(SCHEMA[version - 1]!)
      expect(await reviewStates(database, 'http://h/a')).toEqual(new Map([[1, { status: 'accepted', updatedAt: 5 }], [2, { status: 'flagged', updatedAt: 6 }]]))
      const history = await loadHistory(database, { dataset: 'http://h/a', episode: 1 })
      const cached = await readCachedHashes(database, { dataset: 'http://h/a', episode: 1, camera: 'top' }, 'top.mp4@100', 2)
      if (tables.includes('heads')) {
        expect(history).toMatchObject({ revision: 1, writer: 'tab-v2', problems: [] })
        expect(history!.history.present).toEqual(corrected().present)
        expect(history!.history.future).toEqual(corrected().future)
        expect(cached).toEqual(hashes)
      } else {
        expect(history).toBeUndefined()
        expect(cached).toBeUndefined()
      }
      expect(await predictionFiles(database, 'http://h/a')).toEqual(tables.includes('predictionFiles') ? [{ ...prediction, dataset: 'http://h/a', addedAt: 7, id: 1 }] : [])
      // The upgraded database takes new writes in every table, as the app makes them.
      await setReviewStatus(database, { dataset: 'http://h/a', episode: 1, status: 'rejected', reason: 'blurry' })
      expect((await reviewStates(database, 'http://h/a')).get(1)).toMatchObject({ status: 'rejected', reason: 'blurry' })
      const saver = new HistorySaver(database, { dataset: 'http://h/a', episode: 1 }, 'tab-now', history)
      await saver.save(corrected())
      expect((await loadHistory(database, { dataset: 'http://h/a', episode: 1 }))?.revision).toBe((history?.revision ?? 0) + 1)
      await database.predictionFiles.add({ ...prediction, dataset: 'http://h/a', addedAt: 8 })
      expect(await predictionFiles(database, 'http://h/a')).toHaveLength(tables.includes('predictionFiles') ? 2 : 1)
      // Edits queue for a team server on top of what the version left (nothing before version 4).
      const team = { server: 'http://t', annotator: 'ann1' }
      const queued = tables.includes('outbox') ? 1 : 0
      expect(await queuedEdits(database, team, 'http://h/a')).toHaveLength(queued)
      expect(await pulledHeads(database, 'http://h/a')).toHaveLength(queued)
      const teamSaver = new HistorySaver(database, { dataset: 'http://h/a', episode: 1 }, 'tab-now', { ...await loadHistory(database, { dataset: 'http://h/a', episode: 1 }), team: () => team })
      await teamSaver.save(commit(corrected(), 'Rename', { ...corrected().present, task: 'x' }))
      expect((await queuedEdits(database, team, 'http://h/a')).map((r) => r.baseVersion)).toEqual(queued === 1 ? [2, 3] : [0])
    })
  }
})
