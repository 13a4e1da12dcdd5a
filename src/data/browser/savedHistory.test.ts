// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import type { AnnotationDoc } from '@/core/annotation'
import type { Edit } from '@/core/edits'
import { editLabel } from '@/core/edits'
import type { History } from '@/core/history'
import { begin, commit, createHistory, preview, undo } from '@/core/history'
import { docOf } from '@/test/docs'
import { ProcLensDb } from './db'
import { forgetHistory, HistoryConflict, HistorySaver, loadHistory } from './savedHistory'

let database: ProcLensDb
afterEach(async () => {
  database.close()
  await database.delete()
})

const key = { dataset: 'http://h/demo', episode: 3 }

function apply(h: History<AnnotationDoc>, edit: Edit): History<AnnotationDoc> {
  const r = applyEdit(h.present, edit)
  if (!r.ok) throw new Error(r.reason)
  return commit(h, editLabel(edit, h.present), r.doc)
}

const start = () => createHistory(docOf([['Grasp the cup.', 10], ['Place the cup onto the plate.', 10], ['tail', 5]]))

describe('saved history', () => {
  it('restores the document and its undo and redo steps, as they were saved', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    let h = apply(start(), { type: 'moveBoundary', boundary: 0, frame: 7 })
    h = apply(h, { type: 'rename', segmentId: 's2', label: 'Place the cup.' })
    h = apply(h, { type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 0.6 } })
    h = undo(h)
    const saver = new HistorySaver(database, key, 'tab-a')
    expect(await saver.save(h)).toBe(1)
    const saved = await loadHistory(database, key)
    expect(saved).toMatchObject({ revision: 1, writer: 'tab-a', problems: [] })
    expect(saved!.history.present).toEqual(h.present)
    expect(saved!.history.past.map((e) => e.label)).toEqual(['Move boundary 1 to frame 7', 'Rename "Place the cup onto the plate." to "Place the cup."'])
    expect(saved!.history.past.map((e) => e.doc)).toEqual(h.past.map((e) => e.doc))
    expect(saved!.history.future.map((e) => [e.label, e.doc])).toEqual(h.future.map((e) => [e.label, e.doc]))
  })

  it('writes each state once and deletes the ones no step refers to any more', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const saver = new HistorySaver(database, key, 'tab-a')
    let h = start()
    await saver.save(h)
    for (const frame of [7, 8, 9]) {
      h = apply(h, { type: 'moveBoundary', boundary: 0, frame })
      await saver.save(h)
    }
    expect(await database.states.count()).toBe(4)
    h = undo(undo(h))
    h = apply(h, { type: 'moveBoundary', boundary: 1, frame: 15 })
    await saver.save(h)
    // Redo future dropped: states of frames 8 and 9 are gone.
    expect(await database.states.count()).toBe(3)
    expect((await loadHistory(database, key))!.history.present.segments.map((s) => s.end)).toEqual([7, 15, 25])
  })

  it('an open gesture is saved as its base: only commits are kept', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const h0 = start()
    const moved = applyEdit(h0.present, { type: 'moveBoundary', boundary: 0, frame: 3 })
    if (!moved.ok) throw new Error(moved.reason)
    await new HistorySaver(database, key, 'tab-a').save(preview(begin(h0), moved.doc))
    expect((await loadHistory(database, key))!.history.present).toEqual(h0.present)
  })

  it('a second saver cannot overwrite the first without being told; keeping its version rewrites everything', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const a = new HistorySaver(database, key, 'tab-a')
    await a.save(start())
    const loaded = await loadHistory(database, key)
    const b = new HistorySaver(database, key, 'tab-b', loaded)
    const hb = apply(loaded!.history, { type: 'moveBoundary', boundary: 0, frame: 4 })
    const ha = apply(start(), { type: 'moveBoundary', boundary: 0, frame: 12 })
    await a.save(ha)
    await expect(b.save(hb)).rejects.toBeInstanceOf(HistoryConflict)
    expect((await loadHistory(database, key))!.history.present.segments[0]!.end).toBe(12)
    b.adoptRevision((await loadHistory(database, key))!.revision)
    await b.save(hb)
    const after = await loadHistory(database, key)
    expect(after!.history.present.segments[0]!.end).toBe(4)
    expect(after!.writer).toBe('tab-b')
    expect(await database.states.count()).toBe(2)
  })

  it('a damaged state drops only the steps that need it; forgetting removes everything', async () => {
    database = new ProcLensDb(`test-${Math.random()}`)
    const saver = new HistorySaver(database, key, 'tab-a')
    const h = apply(apply(start(), { type: 'moveBoundary', boundary: 0, frame: 7 }), { type: 'moveBoundary', boundary: 0, frame: 8 })
    await saver.save(h)
    const head = (await database.heads.get([key.dataset, key.episode]))!
    await database.states.update([key.dataset, key.episode, head.past[0]!.state], { segments: [] })
    const saved = await loadHistory(database, key)
    expect(saved!.history.present.segments[0]!.end).toBe(8)
    expect(saved!.history.past).toHaveLength(1)
    expect(saved!.problems.map((p) => p.kind)).toEqual(['invalid-record', 'history-entries-dropped'])
    await forgetHistory(database, key)
    expect(await loadHistory(database, key)).toBeUndefined()
    expect(await database.states.count()).toBe(0)
  })
})
