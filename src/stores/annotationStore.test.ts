import { describe, expect, it } from 'vitest'
import { createHistory } from '@/core/history'
import { docOf } from '@/test/docs'
import { createAnnotationStore, historyLines, selectCanRedo, selectCanUndo, selectDoc, selectRedoLabel, selectUndoLabel } from './annotationStore'

function opened() {
  const store = createAnnotationStore()
  store.getState().open('demo#0', createHistory(docOf([['Grasp the cup.', 10], ['Place the cup onto the plate.', 10], ['tail', 5]])))
  return store
}

const ends = (store: ReturnType<typeof opened>) => selectDoc(store.getState())!.segments.map((s) => s.end)

describe('annotationStore', () => {
  it('dispatch applies an edit and records it under its label; undo and redo walk back and forth', () => {
    const store = opened()
    expect(store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 7 })).toBe(true)
    expect(ends(store)).toEqual([7, 20, 25])
    expect(selectUndoLabel(store.getState())).toBe('Move boundary 1 to frame 7')
    store.getState().undo()
    expect(ends(store)).toEqual([10, 20, 25])
    expect(selectRedoLabel(store.getState())).toBe('Move boundary 1 to frame 7')
    store.getState().redo()
    expect(ends(store)).toEqual([7, 20, 25])
  })

  it('a refused edit changes nothing and says why', () => {
    const store = opened()
    const before = store.getState().history
    expect(store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 25 })).toBe(false)
    expect(store.getState().history).toBe(before)
    expect(store.getState().refusal).toMatchObject({ label: 'Move boundary 1 to frame 25', reason: expect.stringContaining('can move within frames 1–19') as unknown })
    store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 8 })
    expect(store.getState().refusal).toBeUndefined()
  })

  it('a drag previews on the base and commits once, under the last edit\'s label; Escape restores the base', () => {
    const store = opened()
    const s = store.getState
    s().begin()
    for (const frame of [9, 8, 12, 25, 13]) s().preview({ type: 'moveBoundary', boundary: 0, frame })
    // 25 is impossible: the last good preview (12) stays, then 13.
    expect(ends(store)).toEqual([13, 20, 25])
    expect(selectCanUndo(s())).toBe(false)
    s().commit()
    expect(s().history!.past).toHaveLength(1)
    expect(selectUndoLabel(s())).toBe('Move boundary 1 to frame 13')
    s().begin()
    s().preview({ type: 'moveBoundary', boundary: 1, frame: 15 })
    s().cancel()
    expect(ends(store)).toEqual([13, 20, 25])
    expect(s().history!.past).toHaveLength(1)
  })

  it('undo during a drag cancels the drag only', () => {
    const store = opened()
    store.getState().dispatch({ type: 'rename', segmentId: 's1', label: 'Grasp the mug.' })
    store.getState().begin()
    store.getState().preview({ type: 'moveBoundary', boundary: 0, frame: 4 })
    store.getState().undo()
    expect(ends(store)).toEqual([10, 20, 25])
    expect(selectDoc(store.getState())!.segments[0]!.label).toBe('Grasp the mug.')
  })

  it('nudges of one boundary within 500 ms coalesce into one undo step', () => {
    const store = opened()
    for (const [frame, at] of [[11, 1000], [12, 1100], [13, 1250]] as const) store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame }, { at })
    expect(store.getState().history!.past).toHaveLength(1)
    store.getState().undo()
    expect(ends(store)).toEqual([10, 20, 25])
  })

  it('goTo jumps to any line of the history panel', () => {
    const store = opened()
    const s = store.getState
    s().dispatch({ type: 'moveBoundary', boundary: 0, frame: 8 })
    s().dispatch({ type: 'split', segmentId: 's2', at: 15 })
    s().dispatch({ type: 'setOutcome', outcome: { kind: 'not-done', cutoff: 0.5 } })
    s().goTo(1)
    expect(historyLines(s().history!).map((l) => [l.position, l.applied])).toEqual([[1, true], [2, false], [3, false]])
    expect(ends(store)).toEqual([8, 20, 25])
    s().goTo(3)
    expect(selectDoc(s())!.outcome).toEqual({ kind: 'not-done', cutoff: 0.5 })
    s().goTo(0)
    expect(selectCanUndo(s())).toBe(false)
    expect(selectCanRedo(s())).toBe(true)
  })

  it('read-only refuses every change with the reason, and abandons an open drag', () => {
    const store = opened()
    store.getState().begin()
    store.getState().preview({ type: 'moveBoundary', boundary: 0, frame: 4 })
    store.getState().setReadOnly('another tab is editing this episode')
    expect(ends(store)).toEqual([10, 20, 25])
    expect(store.getState().dispatch({ type: 'moveBoundary', boundary: 0, frame: 4 })).toBe(false)
    expect(store.getState().refusal?.reason).toBe('another tab is editing this episode')
  })
})

describe('annotationStore.dispatchAll', () => {
  it('several edits are one undo step; one refused edit refuses them all', () => {
    const store = opened()
    expect(store.getState().dispatchAll([
      { type: 'insert', start: 12, end: 15, label: 'Lift the cup.' },
      { type: 'setNotes', segmentId: 's4', notes: 'added by hand' },
    ], 'Insert step "Lift the cup."')).toBe(true)
    expect(store.getState().history!.past).toHaveLength(1)
    expect(selectUndoLabel(store.getState())).toBe('Insert step "Lift the cup."')
    const before = store.getState().history
    expect(store.getState().dispatchAll([{ type: 'rename', segmentId: 's1', label: 'x' }, { type: 'moveBoundary', boundary: 0, frame: 99 }], 'Both')).toBe(false)
    expect(store.getState().history).toBe(before)
    expect(store.getState().refusal?.label).toBe('Both')
  })
})

describe('annotationStore labels of a burst', () => {
  it('a name typed letter by letter is one step, named from before the burst', () => {
    const store = opened()
    let label = ''
    for (const [i, c] of [...'Lift.'].entries()) {
      label += c
      store.getState().dispatch({ type: 'rename', segmentId: 's1', label }, { at: 1000 + i * 80 })
    }
    expect(store.getState().history!.past).toHaveLength(1)
    expect(selectUndoLabel(store.getState())).toBe('Rename "Grasp the cup." to "Lift."')
  })
})
