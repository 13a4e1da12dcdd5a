import { describe, expect, it } from 'vitest'
import type { History } from './history'
import {
  begin, cancel, canRedo, canUndo, COALESCE_MS, commit, commitTransaction, createHistory, inTransaction, preview, redo, redoLabel,
  structurallyEqual, undo, undoLabel,
} from './history'

type Doc = { readonly n: number; readonly tags: readonly string[] }
const d = (n: number): Doc => Object.freeze({ n, tags: Object.freeze([`t${n}`]) })
const d0 = d(0), d1 = d(1), d2 = d(2), d3 = d(3)

/** Apply history operations written as a tiny script, for table tests. */
type Op =
  | ['commit', Doc, string?] | ['undo'] | ['redo'] | ['begin'] | ['preview', Doc] | ['end', string] | ['cancel']
  | ['nudge', Doc, string, number]

function run(ops: readonly Op[], h: History<Doc> = createHistory(d0)): History<Doc> {
  return ops.reduce<History<Doc>>((acc, op) => {
    switch (op[0]) {
      case 'commit': return commit(acc, op[2] ?? `to ${op[1].n}`, op[1])
      case 'undo': return undo(acc)
      case 'redo': return redo(acc)
      case 'begin': return begin(acc)
      case 'preview': return preview(acc, op[1])
      case 'end': return commitTransaction(acc, op[1])
      case 'cancel': return cancel(acc)
      case 'nudge': return commit(acc, `to ${op[1].n}`, op[1], { key: op[2], at: op[3] })
    }
  }, h)
}

function summary(h: History<Doc>): string {
  const docs = (entries: History<Doc>['past']) => entries.map((e) => `${e.doc.n}:${e.label}`).join(',')
  return `[${docs(h.past)}] ${h.present.n} [${docs(h.future)}]${inTransaction(h) ? ' (open)' : ''}`
}

describe('history: commit, undo, redo', () => {
  it.each<[string, Op[], string]>([
    ['nothing', [], '[] 0 []'],
    ['one commit', [['commit', d1, 'A']], '[0:A] 1 []'],
    ['two commits, one undo', [['commit', d1, 'A'], ['commit', d2, 'B'], ['undo']], '[0:A] 1 [2:B]'],
    ['undo past the start does nothing', [['commit', d1, 'A'], ['undo'], ['undo']], '[] 0 [1:A]'],
    ['redo', [['commit', d1, 'A'], ['commit', d2, 'B'], ['undo'], ['undo'], ['redo']], '[0:A] 1 [2:B]'],
    ['redo past the end does nothing', [['commit', d1, 'A'], ['undo'], ['redo'], ['redo']], '[0:A] 1 []'],
    ['a commit after undo drops the future', [['commit', d1, 'A'], ['commit', d2, 'B'], ['undo'], ['commit', d3, 'C']], '[0:A,1:C] 3 []'],
    ['an equal value records nothing', [['commit', d1, 'A'], ['commit', d(1), 'again']], '[0:A] 1 []'],
  ])('%s', (_name, ops, expected) => {
    expect(summary(run(ops))).toBe(expected)
  })

  it('restores the very objects recorded', () => {
    const h = run([['commit', d1], ['commit', d2]])
    expect(undo(h).present).toBe(d1)
    expect(undo(undo(h)).present).toBe(d0)
    expect(redo(undo(h)).present).toBe(d2)
  })

  it('returns the same history when nothing changes', () => {
    const h = run([['commit', d1]])
    expect(commit(h, 'same', d1)).toBe(h)
    expect(redo(h)).toBe(h)
    const start = createHistory(d0)
    expect(undo(start)).toBe(start)
  })

  it('labels what undo and redo would do', () => {
    const h = run([['commit', d1, 'Split A'], ['commit', d2, 'Delete B'], ['undo']])
    expect([undoLabel(h), redoLabel(h), canUndo(h), canRedo(h)]).toEqual(['Split A', 'Delete B', true, true])
    const start = createHistory(d0)
    expect([undoLabel(start), redoLabel(start), canUndo(start), canRedo(start)]).toEqual([undefined, undefined, false, false])
  })

  it('keeps at most cap entries, dropping the oldest', () => {
    let h = createHistory(d(0), { cap: 3 })
    for (let n = 1; n <= 5; n++) h = commit(h, `to ${n}`, d(n))
    expect(h.past.map((e) => e.doc.n)).toEqual([2, 3, 4])
    const bottom = undo(undo(undo(h)))
    expect([bottom.present.n, canUndo(bottom)]).toEqual([2, false])
    expect(redo(redo(redo(bottom))).present.n).toBe(5)
  })

  it('defaults to a cap of 200', () => {
    let h = createHistory(d(0))
    for (let n = 1; n <= 250; n++) h = commit(h, `to ${n}`, d(n))
    expect(h.past).toHaveLength(200)
    expect(h.past[0]!.doc.n).toBe(50)
  })
})

describe('history: gesture transactions', () => {
  it.each<[string, Op[], string]>([
    ['previews touch no history', [['begin'], ['preview', d1], ['preview', d2]], '[] 2 [] (open)'],
    ['commit pushes one entry base -> final', [['begin'], ['preview', d1], ['preview', d2], ['end', 'Drag']], '[0:Drag] 2 []'],
    ['cancel restores the base', [['commit', d1, 'A'], ['begin'], ['preview', d2], ['preview', d3], ['cancel']], '[0:A] 1 []'],
    ['cancel keeps the redo future', [['commit', d1, 'A'], ['undo'], ['begin'], ['preview', d2], ['cancel']], '[] 0 [1:A]'],
    ['commit drops the redo future', [['commit', d1, 'A'], ['undo'], ['begin'], ['preview', d2], ['end', 'Drag']], '[0:Drag] 2 []'],
    ['a gesture back to its base records nothing', [['begin'], ['preview', d1], ['preview', d(0)], ['end', 'Drag']], '[] 0 []'],
    ['a gesture without previews records nothing', [['begin'], ['end', 'Drag']], '[] 0 []'],
    ['undo and redo wait for the gesture', [['commit', d1, 'A'], ['begin'], ['preview', d2], ['undo'], ['redo']], '[0:A] 2 [] (open)'],
    ['a second begin keeps the first base', [['begin'], ['preview', d1], ['begin'], ['preview', d2], ['cancel']], '[] 0 []'],
    ['preview outside a gesture does nothing', [['preview', d1]], '[] 0 []'],
    ['end and cancel outside a gesture do nothing', [['end', 'x'], ['cancel']], '[] 0 []'],
    ['commit during a gesture ends it with that value', [['begin'], ['preview', d1], ['commit', d2, 'Drop']], '[0:Drop] 2 []'],
    ['undo after a gesture takes back all of it', [['begin'], ['preview', d1], ['preview', d2], ['end', 'Drag'], ['undo']], '[] 0 [2:Drag]'],
  ])('%s', (_name, ops, expected) => {
    expect(summary(run(ops))).toBe(expected)
  })

  it('restores the base object itself when a gesture ends where it began', () => {
    const h = run([['begin'], ['preview', d1], ['preview', d(0)], ['end', 'Drag']])
    expect(h.present).toBe(d0)
    expect(run([['begin'], ['preview', d1], ['cancel']]).present).toBe(d0)
  })

  it('reports no undo or redo while a gesture is open', () => {
    const h = run([['commit', d1], ['undo'], ['begin']])
    expect([canUndo(h), canRedo(h), undoLabel(h), redoLabel(h)]).toEqual([false, false, undefined, undefined])
  })
})

describe('history: coalescing', () => {
  it.each<[string, Op[], string]>([
    ['nudges within the window merge, with the newest label', [['nudge', d1, 'b3', 0], ['nudge', d2, 'b3', 300], ['nudge', d3, 'b3', 700]], '[0:to 3] 3 []'],
    ['the window is measured from the previous nudge', [['nudge', d1, 'b3', 0], ['nudge', d2, 'b3', COALESCE_MS]], '[0:to 2] 2 []'],
    ['a pause longer than the window starts a new entry', [['nudge', d1, 'b3', 0], ['nudge', d2, 'b3', COALESCE_MS + 1]], '[0:to 1,1:to 2] 2 []'],
    ['another key starts a new entry', [['nudge', d1, 'b3', 0], ['nudge', d2, 'b4', 100]], '[0:to 1,1:to 2] 2 []'],
    ['a commit without a key starts a new entry', [['nudge', d1, 'b3', 0], ['commit', d2, 'X'], ['nudge', d3, 'b3', 100]], '[0:to 1,1:X,2:to 3] 3 []'],
    ['time running backwards starts a new entry', [['nudge', d1, 'b3', 500], ['nudge', d2, 'b3', 100]], '[0:to 1,1:to 2] 2 []'],
    ['undo ends the burst', [['nudge', d1, 'b3', 0], ['nudge', d2, 'b3', 100], ['undo'], ['nudge', d3, 'b3', 200]], '[0:to 3] 3 []'],
    ['a gesture ends the burst', [['nudge', d1, 'b3', 0], ['begin'], ['cancel'], ['nudge', d2, 'b3', 100]], '[0:to 1,1:to 2] 2 []'],
    ['a burst back to its base records nothing', [['nudge', d1, 'b3', 0], ['nudge', d(0), 'b3', 100]], '[] 0 []'],
    ['and the next nudge does not merge into an older entry', [['commit', d1, 'A'], ['nudge', d2, 'b3', 0], ['nudge', d(1), 'b3', 100], ['nudge', d3, 'b3', 200]], '[0:A,1:to 3] 3 []'],
  ])('%s', (_name, ops, expected) => {
    expect(summary(run(ops))).toBe(expected)
  })

  it('one undo takes back the whole burst', () => {
    const h = run([['commit', d1, 'A'], ['nudge', d2, 'k', 0], ['nudge', d3, 'k', 200]])
    expect(undo(h).present).toBe(d1)
  })
})

describe('structurallyEqual', () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [[1, [2]], [1, [3]], false],
    [Number.NaN, Number.NaN, true],
    [{ f: 0 }, { f: -0 }, true],
    [null, {}, false],
    ['a', 'a', true],
  ])('%j vs %j -> %s', (a, b, expected) => {
    expect(structurallyEqual(a, b)).toBe(expected)
  })
})
