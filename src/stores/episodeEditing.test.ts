// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import type { AnnotationDoc } from '@/core/annotation'
import { emptyDoc } from '@/core/annotation'
import { ProcLensDb } from '@/data/browser/db'
import { loadHistory } from '@/data/browser/savedHistory'
import { docOf } from '@/test/docs'
import { createFakeLocks } from '@/test/fakeLocks'
import { createAnnotationStore, selectDoc } from './annotationStore'
import type { EditingEnvironment, EpisodeEditing } from './episodeEditing'
import Dexie from 'dexie'
import { createEditingStatusStore, describeError, isQuotaExceeded, openEpisodeEditing } from './episodeEditing'

const key = { dataset: 'http://h/demo', episode: 0 }
const imported = docOf([['Grasp the cup.', 10], ['Place the cup onto the plate.', 10], ['tail', 5]])
const empty = () => emptyDoc({ dataset: 'demo', episode: 'episode_000000', episodeIndex: 0, task: 't', frameCount: 25, fps: 30 })

let database: ProcLensDb
const open: EpisodeEditing[] = []
afterEach(async () => {
  for (const e of open.splice(0)) await e.close()
  database.close()
  await database.delete()
})

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => (check() ? resolve() : Date.now() - started > 3000 ? reject(new Error('timed out')) : setTimeout(poll, 5))
    poll()
  })
}

async function tab(env: Omit<EditingEnvironment, 'tab'>, name: string, labels: 'labels' | 'no labels' = 'labels') {
  const doc: AnnotationDoc | undefined = labels === 'labels' ? imported : undefined
  const store = createAnnotationStore()
  const status = createEditingStatusStore()
  const editing = await openEpisodeEditing({ key, imported: doc, empty, store, status, env: { ...env, tab: name } })
  open.push(editing)
  return { store, status, editing }
}

describe('editing an episode', () => {
  it('opens the proposal, shows a change as saved only once IndexedDB has it, and restores it with its history', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const env = { db: database, locks: createFakeLocks(), channel: undefined }
    const a = await tab(env, 'a')
    expect(a.status.getState()).toMatchObject({ origin: 'imported', status: { state: 'unchanged' }, readOnly: undefined })
    a.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 6 })
    expect(a.status.getState().status.state).toBe('saving')
    await until(() => a.status.getState().status.state === 'saved')
    expect((await loadHistory(database, key))!.history.present.segments[0]!.end).toBe(6)
    // A drag's previews are not saved; its commit is.
    a.store.getState().begin()
    a.store.getState().preview({ type: 'moveBoundary', boundary: 1, frame: 18 })
    await new Promise((r) => setTimeout(r, 20))
    expect((await loadHistory(database, key))!.history.present.segments[1]!.end).toBe(20)
    a.store.getState().commit()
    await until(() => a.status.getState().status.state === 'saved')
    await a.editing.close()
    const again = await tab(env, 'a2')
    expect(again.status.getState().origin).toBe('saved')
    expect(selectDoc(again.store.getState())!.segments.map((s) => s.end)).toEqual([6, 18, 25])
    again.store.getState().undo()
    expect(selectDoc(again.store.getState())!.segments.map((s) => s.end)).toEqual([6, 20, 25])
  })

  it('a second tab is read-only, follows the first tab\'s saves, and edits once the first tab closes', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const locks = createFakeLocks()
    const a = await tab({ db: database, locks, channel: new BroadcastChannel('t1') }, 'a')
    const b = await tab({ db: database, locks, channel: new BroadcastChannel('t1') }, 'b')
    expect(b.status.getState().readOnly).toMatch(/open for editing in another tab/)
    expect(b.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 3 })).toBe(false)
    expect(b.store.getState().refusal?.reason).toMatch(/another tab/)
    a.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 8 })
    await until(() => selectDoc(b.store.getState())?.segments[0]?.end === 8)
    await a.editing.close()
    await until(() => b.status.getState().readOnly === undefined)
    expect(b.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 5 })).toBe(true)
    await until(() => b.status.getState().status.state === 'saved')
    expect((await loadHistory(database, key))!.history.past).toHaveLength(2)
  })

  it('taking over makes the first tab read-only', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const locks = createFakeLocks()
    const a = await tab({ db: database, locks, channel: undefined }, 'a')
    const b = await tab({ db: database, locks, channel: undefined }, 'b')
    b.editing.takeOver()
    await until(() => b.status.getState().readOnly === undefined)
    await until(() => a.status.getState().readOnly !== undefined)
    expect(a.status.getState().readOnly).toMatch(/took over/)
  })

  it('without locks, a save that would overwrite another tab\'s is refused, and the user chooses', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const a = await tab({ db: database, locks: undefined, channel: undefined }, 'a')
    const b = await tab({ db: database, locks: undefined, channel: undefined }, 'b')
    a.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 8 })
    await until(() => a.status.getState().status.state === 'saved')
    b.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 3 })
    await until(() => b.status.getState().status.state === 'conflict')
    expect((await loadHistory(database, key))!.history.present.segments[0]!.end).toBe(8)
    // b's change is still on screen, not lost; b keeps its version.
    expect(selectDoc(b.store.getState())!.segments[0]!.end).toBe(3)
    b.editing.keepMine()
    await until(() => b.status.getState().status.state === 'saved')
    expect((await loadHistory(database, key))!.history.present.segments[0]!.end).toBe(3)
  })

  it('an episode without labels opens an empty document; a failed save says why and keeps the change', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const e = await tab({ db: database, locks: undefined, channel: undefined }, 'a', 'no labels')
    expect(e.status.getState().origin).toBe('empty')
    expect(selectDoc(e.store.getState())!.segments).toHaveLength(1)
    database.close()
    e.store.getState().dispatch({ type: 'split', segmentId: 's1', at: 10 })
    await until(() => e.status.getState().status.state === 'failed')
    expect(selectDoc(e.store.getState())!.segments).toHaveLength(2)
    database = new ProcLensDb(`test-${Math.random()}`)
  })
})

describe('a full disk', () => {
  it('is recognised as IndexedDB reports it, as Dexie wraps it, and as an aborted transaction carries it', () => {
    const dom = new DOMException('quota', 'QuotaExceededError')
    expect(isQuotaExceeded(dom)).toBe(true)
    expect(isQuotaExceeded(new Dexie.QuotaExceededError('quota'))).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError('aborted', dom))).toBe(true)
    expect(isQuotaExceeded(new Dexie.AbortError('aborted'))).toBe(false)
  })

  it('says what happened and what to do', () => {
    expect(describeError(new Dexie.QuotaExceededError('quota'))).toMatch(/storage for this site is full.*Free some space.*export the records.*Save again/)
  })
})

describe('a read-only tab told of saves in quick succession', () => {
  it('ends on the latest save, even when an earlier read finishes last', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const locks = createFakeLocks()
    const a = await tab({ db: database, locks, channel: new BroadcastChannel('t2') }, 'a')
    // The read-only tab's first read after it opened is slow: it finishes after the read of the next save.
    let reads = 0
    const load: typeof loadHistory = async (db, key) => {
      const result = await loadHistory(db, key)
      if (++reads === 2) await new Promise((r) => setTimeout(r, 150))
      return result
    }
    const b = await tab({ db: database, locks, channel: new BroadcastChannel('t2'), load }, 'b')
    a.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 4 })
    await until(() => a.status.getState().status.state === 'saved')
    await new Promise((r) => setTimeout(r, 20))
    a.store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 8 })
    await until(() => a.status.getState().status.state === 'saved')
    await new Promise((r) => setTimeout(r, 300))
    expect(reads).toBeGreaterThanOrEqual(3)
    expect(selectDoc(b.store.getState())?.segments[0]?.end).toBe(8)
  })
})
