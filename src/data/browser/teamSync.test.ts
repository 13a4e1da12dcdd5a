// @vitest-environment jsdom
/**
 * The outbox and the sync loop against the in-memory stand-in server (src/test/fakeTeamServer.ts) and a real
 * Dexie database (fake-indexeddb): offline bursts, lost answers, conflicts both ways, and the outbox row written
 * in the save's own transaction.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import type { AnnotationDoc } from '@/core/annotation'
import type { Edit } from '@/core/edits'
import { editLabel } from '@/core/edits'
import type { History } from '@/core/history'
import { commit, createHistory, undo } from '@/core/history'
import { docOf } from '@/test/docs'
import type { FakeTeamServer } from '@/test/fakeTeamServer'
import { startFakeTeamServer } from '@/test/fakeTeamServer'
import type { TeamClient } from '../team/teamClient'
import { createTeamClient, TeamUnreachableError } from '../team/teamClient'
import { ProcLensDb } from './db'
import { HistoryConflict, HistorySaver } from './savedHistory'
import { keepMine, queuedEdits, takeTheirs, teamBases } from './teamOutbox'
import type { TeamTarget } from './teamOutbox'
import type { SyncTimers } from './teamSync'
import { TeamSync } from './teamSync'

const D = 'http://h/demo'
const key = { dataset: D, episode: 7 }
let server: FakeTeamServer
const dbs: ProcLensDb[] = []

beforeEach(async () => {
  server = await startFakeTeamServer()
})
afterEach(async () => {
  await server.close()
  for (const d of dbs.splice(0)) {
    d.close()
    await d.delete()
  }
})

function newDb(): ProcLensDb {
  const d = new ProcLensDb(`test-${Math.random()}`)
  dbs.push(d)
  return d
}

async function clientFor(annotator: string): Promise<TeamClient> {
  const token = await createTeamClient({ baseUrl: server.url }).devToken(annotator, 'annotator')
  return createTeamClient({ baseUrl: server.url, token })
}

/** Timers that never fire by themselves: the test calls `sync()`. */
const MANUAL: SyncTimers = { setTimeout: () => 0, clearTimeout: () => undefined, now: () => 1 }

function edit(h: History<AnnotationDoc>, e: Edit): History<AnnotationDoc> {
  const r = applyEdit(h.present, e)
  if (!r.ok) throw new Error(r.reason)
  return commit(h, editLabel(e, h.present), r.doc)
}

/** `n` boundary moves, each saved as the editor saves it. */
async function editAndSave(saver: HistorySaver, h: History<AnnotationDoc>, n: number, from = 11): Promise<History<AnnotationDoc>> {
  for (let i = 0; i < n; i++) {
    h = edit(h, { type: 'moveBoundary', boundary: 0, frame: from + i })
    await saver.save(h)
  }
  return h
}

const start = () => createHistory(docOf([['Grasp the cup.', 10], ['Place the cup.', 20], ['tail', 10]]))
const target = (annotator: string): TeamTarget => ({ server: server.url, annotator })
const offlineClient: Pick<TeamClient, 'pushEdits' | 'heads'> = {
  pushEdits: () => Promise.reject(new TeamUnreachableError('http://down', new Error('fetch failed'))),
  heads: () => Promise.reject(new TeamUnreachableError('http://down', new Error('fetch failed'))),
}

describe('the outbox', () => {
  it('a save queues one edit per changed document, in the same transaction; undo is an edit too', async () => {
    const database = newDb()
    const saver = new HistorySaver(database, key, 'tab', { team: () => target('ann1') })
    let h = await editAndSave(saver, start(), 2)
    h = undo(h)
    await saver.save(h)
    const rows = await queuedEdits(database, target('ann1'), D)
    expect(rows.map((r) => [r.baseVersion, r.label])).toEqual([[0, 'Move boundary 1 to frame 11'], [1, 'Move boundary 1 to frame 12'], [2, 'Undo Move boundary 1 to frame 12']])
    expect(rows[2]!.doc).toEqual(h.present)
    expect(new Set(rows.map((r) => r.id)).size).toBe(3)
    expect(rows[0]!.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('no team server configured: no outbox row', async () => {
    const database = newDb()
    await editAndSave(new HistorySaver(database, key, 'tab', { team: () => undefined }), start(), 2)
    await editAndSave(new HistorySaver(database, { ...key, episode: 8 }, 'tab'), start(), 1)
    expect(await database.outbox.count()).toBe(0)
  })

  it('a failed save writes no outbox row (another tab saved meanwhile: the whole transaction is refused)', async () => {
    const database = newDb()
    const first = new HistorySaver(database, key, 'tab-a', { team: () => target('ann1') })
    const second = new HistorySaver(database, key, 'tab-b', { team: () => target('ann1') })
    await editAndSave(first, start(), 1)
    await expect(editAndSave(second, start(), 1, 20)).rejects.toBeInstanceOf(HistoryConflict)
    expect((await queuedEdits(database, target('ann1'), D)).map((r) => r.label)).toEqual(['Move boundary 1 to frame 11'])
  })

  it('the saver says when a committed save queued an edit, and only then; the loop counts it before its next round', async () => {
    const database = newDb()
    let told = 0
    let teamOn = false
    const saver = new HistorySaver(database, key, 'tab', { team: () => (teamOn ? target('ann1') : undefined), queued: () => { told += 1 } })
    let h = await editAndSave(saver, start(), 1)
    expect(told).toBe(0)
    teamOn = true
    h = await editAndSave(saver, h, 2, 15)
    await saver.save(h) // the same document again: no edit
    expect(told).toBe(2)
    const other = new HistorySaver(database, key, 'tab-b', { team: () => target('ann1'), queued: () => { told += 1 } })
    await expect(editAndSave(other, start(), 1, 20)).rejects.toBeInstanceOf(HistoryConflict)
    expect(told).toBe(2)

    const sync = new TeamSync({ db: database, client: offlineClient, target: target('ann1'), dataset: D, timers: MANUAL })
    const seen: number[] = []
    const counting = new TeamSync({ db: database, client: offlineClient, target: target('ann1'), dataset: D, timers: MANUAL, onChange: (s) => seen.push(s.pending) })
    counting.noteQueued() // stopped: nothing
    expect(seen).toEqual([])
    await sync.sync()
    counting.start()
    counting.noteQueued()
    expect(seen[seen.length - 1]).toBe(1)
    await counting.sync()
    expect(counting.state.pending).toBe(2)
    counting.stop()
  })

  it('a save whose outbox write fails is not saved either', async () => {
    const database = newDb()
    const saver = new HistorySaver(database, key, 'tab', { team: () => target('ann1') })
    // A row with the id the next edit will get: the unique index refuses it, and the save with it.
    const uuid = vi.spyOn(crypto, 'randomUUID').mockReturnValue('00000000-0000-4000-8000-000000000000')
    try {
      await editAndSave(saver, start(), 1)
      await expect(editAndSave(saver, start(), 1, 15)).rejects.toThrow()
    } finally {
      uuid.mockRestore()
    }
    expect(await database.outbox.count()).toBe(1)
    expect((await database.heads.get([D, 7]))?.revision).toBe(1)
  })
})

describe('the sync loop', () => {
  it('an offline burst of 10 edits stays in the outbox, then arrives as 10 applied edits, each once', async () => {
    const database = newDb()
    const saver = new HistorySaver(database, key, 'tab', { team: () => target('ann1') })
    const h = await editAndSave(saver, start(), 10)
    const offline = new TeamSync({ db: database, client: offlineClient, target: target('ann1'), dataset: D, timers: MANUAL })
    await offline.sync()
    expect(offline.state).toMatchObject({ pending: 10, offline: expect.stringContaining('unreachable') as unknown })
    const online = new TeamSync({ db: database, client: await clientFor('ann1'), target: target('ann1'), dataset: D, timers: MANUAL })
    await online.sync()
    expect(online.state).toMatchObject({ pending: 0, offline: undefined, conflicts: [] })
    expect(server.log.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(server.heads.get(`${D}\u00007\u0000ann1`)?.doc).toEqual(h.present)
    expect((await teamBases(database, target('ann1'), D))[0]).toMatchObject({ version: 10 })
    expect(await database.teamHeads.count()).toBe(1)
  })

  it('an answer lost after the server applied the edits: the retry gets duplicates, nothing is applied twice', async () => {
    const database = newDb()
    await editAndSave(new HistorySaver(database, key, 'tab', { team: () => target('ann1') }), start(), 3)
    const sync = new TeamSync({ db: database, client: await clientFor('ann1'), target: target('ann1'), dataset: D, timers: MANUAL })
    server.failNext(1)
    await sync.sync()
    expect(sync.state.pending).toBe(3)
    // The server applied the first edit; its answer never came.
    expect(server.log).toHaveLength(1)
    const pushes = server.requests.length
    await sync.sync()
    expect(server.requests.slice(pushes).filter((r) => r === 'POST /api/edits')).toHaveLength(3)
    expect(sync.state).toMatchObject({ pending: 0, offline: undefined })
    expect(server.log).toHaveLength(3)
    expect(new Set(server.log.map((e) => e.id)).size).toBe(3)
  })

  it('another device moved the head: the push stops for that episode, keeps its rows, other episodes go on; "Keep mine" rebases on the server head', async () => {
    const laptop = newDb()
    const desktop = newDb()
    const client = await clientFor('ann1')
    await editAndSave(new HistorySaver(laptop, key, 'tab', { team: () => target('ann1') }), start(), 2)
    await new TeamSync({ db: laptop, client, target: target('ann1'), dataset: D, timers: MANUAL }).sync()
    const mine = await editAndSave(new HistorySaver(desktop, key, 'tab', { team: () => target('ann1') }), start(), 3, 21)
    await editAndSave(new HistorySaver(desktop, { ...key, episode: 8 }, 'tab', { team: () => target('ann1') }), start(), 1)
    const sync = new TeamSync({ db: desktop, client, target: target('ann1'), dataset: D, timers: MANUAL })
    await sync.sync()
    expect(sync.state).toMatchObject({ conflicts: [7], pending: 3 })
    expect(server.log.map((e) => [e.episode, e.version])).toEqual([[7, 1], [7, 2], [8, 1]])
    const base = (await teamBases(desktop, target('ann1'), D)).find((b) => b.episode === 7)
    expect(base?.conflict?.head?.version).toBe(2)
    // Nothing more is pushed for it until the annotator chooses.
    await sync.sync()
    expect(server.log).toHaveLength(3)
    await keepMine(desktop, target('ann1'), { dataset: D, episode: 7 })
    await sync.sync()
    expect(sync.state).toMatchObject({ conflicts: [], pending: 0 })
    expect(server.log.filter((e) => e.episode === 7).map((e) => e.version)).toEqual([1, 2, 3, 4, 5])
    expect(server.heads.get(`${D}\u00007\u0000ann1`)?.doc).toEqual(mine.present)
  })

  it('"Take theirs": the queued edits leave the outbox and the next edit builds on the server head', async () => {
    const laptop = newDb()
    const desktop = newDb()
    const client = await clientFor('ann1')
    const theirs = await editAndSave(new HistorySaver(laptop, key, 'tab', { team: () => target('ann1') }), start(), 2)
    await new TeamSync({ db: laptop, client, target: target('ann1'), dataset: D, timers: MANUAL }).sync()
    const saver = new HistorySaver(desktop, key, 'tab', { team: () => target('ann1') })
    let h = await editAndSave(saver, start(), 1, 25)
    const sync = new TeamSync({ db: desktop, client, target: target('ann1'), dataset: D, timers: MANUAL })
    await sync.sync()
    expect(sync.state.conflicts).toEqual([7])
    const head = await takeTheirs(desktop, target('ann1'), D, 7)
    expect(head?.doc).toEqual(theirs.present)
    // The editor makes the server's document the present one, as a new history entry: one more edit to push.
    h = commit(h, 'Take the server\'s version', head!.doc)
    await saver.save(h)
    await sync.sync()
    expect(sync.state).toMatchObject({ conflicts: [], pending: 0 })
    expect(server.log.map((e) => e.version)).toEqual([1, 2, 3])
    expect(server.heads.get(`${D}\u00007\u0000ann1`)?.doc).toEqual(theirs.present)
  })

  it('a newer head of the annotator\'s own, pulled while nothing of the episode waits, is a conflict: both versions are shown before anything goes over it', async () => {
    const laptop = newDb()
    const desktop = newDb()
    const client = await clientFor('ann1')
    const desktopSync = new TeamSync({ db: desktop, client, target: target('ann1'), dataset: D, timers: MANUAL })
    const saver = new HistorySaver(desktop, key, 'tab', { team: () => target('ann1') })
    await editAndSave(saver, start(), 1)
    await desktopSync.sync()
    expect(desktopSync.state).toMatchObject({ conflicts: [], pending: 0 })
    // Its own push, pulled back, is no conflict.
    await desktopSync.sync()
    expect(desktopSync.state.conflicts).toEqual([])
    // Another device pushes on top of it.
    const other = edit(start(), { type: 'moveBoundary', boundary: 0, frame: 20 }).present
    expect(await client.pushEdits([{ id: crypto.randomUUID(), dataset: D, episode: 7, baseVersion: 1, label: 'elsewhere', doc: other, at: new Date().toISOString() }])).toMatchObject([{ status: 'applied', version: 2 }])
    await desktopSync.sync()
    expect(desktopSync.state.conflicts).toEqual([7])
    expect((await teamBases(desktop, target('ann1'), D))[0]?.conflict?.head).toMatchObject({ version: 2, doc: other })
    // A device that pulls first, with nothing of its own waiting, sees it too.
    const fresh = new TeamSync({ db: laptop, client, target: target('ann1'), dataset: D, timers: MANUAL })
    await fresh.sync()
    expect(fresh.state.conflicts).toEqual([7])
    // Keep mine with nothing queued sends the document open here on top of the server's.
    const mine = edit(start(), { type: 'moveBoundary', boundary: 0, frame: 5 }).present
    await keepMine(laptop, target('ann1'), { dataset: D, episode: 7 }, mine)
    await fresh.sync()
    expect(fresh.state).toMatchObject({ conflicts: [], pending: 0 })
    expect(server.heads.get(`${D}\u00007\u0000ann1`)).toMatchObject({ version: 3, doc: mine })
  })

  it('pulls every annotator\'s heads, then only what changed since', async () => {
    const a = newDb()
    const b = newDb()
    await editAndSave(new HistorySaver(a, key, 'tab', { team: () => target('ann1') }), start(), 1)
    await editAndSave(new HistorySaver(b, key, 'tab', { team: () => target('ann2') }), start(), 1, 20)
    await new TeamSync({ db: a, client: await clientFor('ann1'), target: target('ann1'), dataset: D, timers: MANUAL }).sync()
    const syncB = new TeamSync({ db: b, client: await clientFor('ann2'), target: target('ann2'), dataset: D, timers: MANUAL })
    await syncB.sync()
    expect((await b.teamHeads.toArray()).map((h) => h.annotator).sort()).toEqual(['ann1', 'ann2'])
    const before = server.requests.length
    await syncB.sync()
    expect(server.requests.slice(before)).toEqual(['GET /api/heads'])
  })

  it('retries after a failure with growing waits, and at once when woken', async () => {
    const database = newDb()
    await editAndSave(new HistorySaver(database, key, 'tab', { team: () => target('ann1') }), start(), 1)
    const waits: number[] = []
    const timers: SyncTimers = { setTimeout: (_fn, ms) => { waits.push(ms); return waits.length }, clearTimeout: () => undefined, now: () => 1 }
    let client = offlineClient
    const sync = new TeamSync({ db: database, client: { pushEdits: (e) => client.pushEdits(e), heads: (d, s) => client.heads(d, s) }, target: target('ann1'), dataset: D, timers, pollMs: 5000 })
    sync.start()
    await sync.sync() // joins the round start() began, and runs one more
    await sync.sync()
    expect(waits).toEqual([2000, 4000])
    client = await clientFor('ann1')
    sync.wake()
    await sync.sync()
    // Back to the poll interval once a round succeeds.
    expect(waits.slice(2).every((w) => w === 5000)).toBe(true)
    expect(sync.state.pending).toBe(0)
    sync.stop()
  })
})
