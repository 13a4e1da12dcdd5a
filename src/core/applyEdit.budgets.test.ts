import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, BudgetOverride, Segment } from './annotation'
import { checkInvariants, SCHEMA_VERSION } from './annotation'
import { applyEdit, checkBudgets } from './applyEdit'
import { stepShares } from './budgets'
import type { Edit } from './edits'

function step(id: string, start: number, end: number, budget?: BudgetOverride): Segment {
  return { id, start, end, kind: 'step', label: `Step ${id}.`, notes: '', state: 'completed', ...(budget ? { budget } : {}) }
}
const tail = (start: number, end: number): Segment => ({ id: 't', start, end, kind: 'tail', label: '', notes: '', state: 'completed' })

function docOf(segments: Segment[]): AnnotationDoc {
  const doc: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'e', episodeIndex: 0, task: 'task', frameCount: segments.at(-1)!.end,
    fps: 10, segments, outcome: { kind: 'done' }, provenance: {},
  }
  return JSON.parse(JSON.stringify(doc)) as AnnotationDoc
}

/** A, B, C over 0–90 and a tail 90–100, with the given overrides. */
function abc(budgets: { A?: BudgetOverride; B?: BudgetOverride; C?: BudgetOverride } = {}): AnnotationDoc {
  return docOf([step('A', 0, 40, budgets.A), step('B', 40, 70, budgets.B), step('C', 70, 90, budgets.C), tail(90, 100)])
}

function accept(doc: AnnotationDoc, edit: Edit): AnnotationDoc {
  const r = applyEdit(Object.freeze(doc), edit)
  if (!r.ok) throw new Error(`rejected: ${r.reason}`)
  expect(checkInvariants(r.doc)).toEqual([])
  expect(checkBudgets(r.doc)).toEqual([])
  const total = [...stepShares(r.doc).values()].reduce((a, b) => a + b, 0)
  if (stepShares(r.doc).size > 0) expect(total).toBeCloseTo(1, 12)
  return r.doc
}

function budgetOf(doc: AnnotationDoc, id: string): BudgetOverride | undefined {
  return doc.segments.find((s) => s.id === id)?.budget
}

const locked = (share: number): BudgetOverride => ({ kind: 'locked', share })
const weight = (w: number): BudgetOverride => ({ kind: 'weight', weight: w })

describe('applyEdit: budgets of edited segments', () => {
  it('move boundary: overrides stay, a locked share does not move', () => {
    const doc = accept(abc({ B: locked(0.3), C: weight(2) }), { type: 'moveBoundary', boundary: 0, frame: 20 })
    expect(budgetOf(doc, 'B')).toEqual(locked(0.3))
    expect(budgetOf(doc, 'C')).toEqual(weight(2))
    expect(stepShares(doc).get('B')).toBeCloseTo(0.3, 12)
  })

  it('split: weight overrides are dropped on both pieces', () => {
    const doc = accept(abc({ B: weight(2) }), { type: 'split', segmentId: 'B', at: 55 })
    expect(budgetOf(doc, 'B')).toBeUndefined()
    expect(budgetOf(doc, 's1')).toBeUndefined()
  })

  it('split: a locked share is divided by length and the pieces stay locked', () => {
    const doc = accept(abc({ B: locked(0.3) }), { type: 'split', segmentId: 'B', at: 50 })
    expect((budgetOf(doc, 'B') as { share: number }).share).toBeCloseTo(0.1, 12)
    expect((budgetOf(doc, 's1') as { share: number }).share).toBeCloseTo(0.2, 12)
  })

  it('merge: two locked shares add up', () => {
    const doc = accept(abc({ A: locked(0.3), B: locked(0.2) }), { type: 'merge', segmentId: 'A', with: 'next' })
    expect((budgetOf(doc, 'A') as { share: number }).share).toBeCloseTo(0.5, 12)
  })

  it('merge: a locked step absorbing an unlocked one locks their summed shares, so nothing else moves', () => {
    const before = abc({ B: locked(0.3) })
    const shares = stepShares(before)
    const doc = accept(before, { type: 'merge', segmentId: 'B', with: 'next' })
    expect((budgetOf(doc, 'B') as { share: number }).share).toBeCloseTo(0.3 + shares.get('C')!, 12)
    expect(stepShares(doc).get('A')).toBeCloseTo(shares.get('A')!, 12)
  })

  it('merge: without a lock, weight overrides are dropped', () => {
    const doc = accept(abc({ A: weight(2), B: weight(0.5) }), { type: 'merge', segmentId: 'A', with: 'next' })
    expect(budgetOf(doc, 'A')).toBeUndefined()
  })

  it('insert: the rest of a locked host keeps the share of the frames it keeps; the new step is unlocked', () => {
    const doc = accept(abc({ B: locked(0.3) }), { type: 'insert', start: 50, end: 60, label: 'Wipe.' })
    expect((budgetOf(doc, 'B') as { share: number }).share).toBeCloseTo(0.1, 12)
    expect((budgetOf(doc, 's2') as { share: number }).share).toBeCloseTo(0.1, 12)
    expect(budgetOf(doc, 's1')).toBeUndefined()
  })

  it('delete: the deleted lock goes, the rest renormalise; the receiver keeps its override', () => {
    const doc = accept(abc({ B: locked(0.3), C: weight(2) }), { type: 'delete', segmentId: 'B' })
    expect(budgetOf(doc, 'C')).toEqual(weight(2))
    expect(stepShares(doc).has('B')).toBe(false)
  })

  it.each<[string, Edit]>([
    ['rename to an empty label', { type: 'rename', segmentId: 'B', label: '' }],
    ['rename to "done"', { type: 'rename', segmentId: 'B', label: 'Done' }],
    ['kind change to outside', { type: 'setKind', segmentId: 'C', kind: 'outside' }],
    ['kind change to the tail', { type: 'setKind', segmentId: 'C', kind: 'tail' }],
  ])('%s drops the override', (_name, edit) => {
    const doc = docOf([step('A', 0, 40), step('B', 40, 70, locked(0.3)), step('C', 70, 100, locked(0.2))])
    const id = 'segmentId' in edit ? edit.segmentId : ''
    expect(budgetOf(accept(doc, edit), id)).toBeUndefined()
  })

  it.each<[string, Edit]>([
    ['deleting the only unlocked step', { type: 'delete', segmentId: 'A' }],
    ['unnaming the only unlocked step', { type: 'rename', segmentId: 'A', label: '' }],
    ['making the only unlocked step an outside range', { type: 'setKind', segmentId: 'A', kind: 'outside' }],
  ])('rejects %s when the locks that remain do not add up to 100%%', (_name, edit) => {
    const r = applyEdit(abc({ B: locked(0.3), C: locked(0.2) }), edit)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(/every named step is locked and the locks add up to 50.0%, not 100%: unlock a step/)
  })

  it('accepts deleting a locked step when all the others are locked at 100%', () => {
    const doc = accept(abc({ A: locked(0.5), B: locked(0.5) }), { type: 'delete', segmentId: 'C', into: 'previous' })
    expect(stepShares(doc).get('A')).toBeCloseTo(0.5, 12)
  })
})

describe('applyEdit: budget edits', () => {
  it('setBudget gives exactly the share and keeps the other steps in proportion', () => {
    const before = stepShares(abc())
    const shares = stepShares(accept(abc(), { type: 'setBudget', segmentId: 'B', share: 0.5 }))
    expect(shares.get('B')).toBeCloseTo(0.5, 12)
    expect(shares.get('A')! / shares.get('C')!).toBeCloseTo(before.get('A')! / before.get('C')!, 12)
  })

  it('setBudget on a locked step moves its lock', () => {
    expect(budgetOf(accept(abc({ B: locked(0.3) }), { type: 'setBudget', segmentId: 'B', share: 0.4 }), 'B')).toEqual(locked(0.4))
  })

  it.each<[string, AnnotationDoc, Edit, RegExp]>([
    ['more than the locks leave', abc({ A: locked(0.7) }), { type: 'setBudget', segmentId: 'B', share: 0.4 }, /locked steps leave less than 40.0%: at most 30.0%/],
    ['the only unlocked step', abc({ A: locked(0.5), C: locked(0.2) }), { type: 'setBudget', segmentId: 'B', share: 0.5 }, /only unlocked step: it takes the 30.0%/],
    ['a lock when all others are locked', abc({ A: locked(0.5), B: locked(0.3), C: locked(0.2) }), { type: 'setBudget', segmentId: 'B', share: 0.2 }, /every other step is locked: this one must take the 30.0%/],
  ])('setBudget rejects %s', (_name, doc, edit, reason) => {
    const r = applyEdit(doc, edit)
    expect(r.ok ? '' : r.reason).toMatch(reason)
  })

  it('lockBudget pins the current share; unlockBudget keeps it as a weight', () => {
    const before = stepShares(abc())
    const lockedDoc = accept(abc(), { type: 'lockBudget', segmentId: 'B' })
    expect(budgetOf(lockedDoc, 'B')).toEqual(locked(before.get('B')!))
    const unlocked = accept(lockedDoc, { type: 'unlockBudget', segmentId: 'B' })
    expect(budgetOf(unlocked, 'B')?.kind).toBe('weight')
    for (const [id, share] of before) expect(stepShares(unlocked).get(id)).toBeCloseTo(share, 12)
  })

  it('locking an already locked step changes nothing', () => {
    const doc = abc({ B: locked(0.3) })
    const r = applyEdit(doc, { type: 'lockBudget', segmentId: 'B' })
    expect(r.ok && r.doc).toBe(doc)
  })

  it('locking the last unlocked step locks everything at 100%', () => {
    const doc = accept(abc({ A: locked(0.5), B: locked(0.3) }), { type: 'lockBudget', segmentId: 'C' })
    expect((budgetOf(doc, 'C') as { share: number }).share).toBeCloseTo(0.2, 12)
  })

  it('resetBudget removes the override', () => {
    const doc = accept(abc({ B: weight(2) }), { type: 'resetBudget', segmentId: 'B' })
    expect(budgetOf(doc, 'B')).toBeUndefined()
    expect(stepShares(doc)).toEqual(stepShares(abc()))
  })
})

describe('applyEdit: an unsound input', () => {
  // Imported by hand: every step locked, but the locks add up to 50%.
  const unsound = abc({ A: locked(0.2), B: locked(0.2), C: locked(0.1) })

  it('accepts an edit that does not make it worse, and one that repairs it', () => {
    expect(checkBudgets(unsound)).toHaveLength(1)
    expect(applyEdit(unsound, { type: 'rename', segmentId: 'A', label: 'Grasp.' }).ok).toBe(true)
    const repaired = applyEdit(unsound, { type: 'unlockBudget', segmentId: 'A' })
    expect(repaired.ok && checkBudgets(repaired.doc)).toEqual([])
  })

  it('rejects an edit that adds a problem', () => {
    const twoTails = docOf([step('A', 0, 40), tail(40, 50), { ...tail(50, 60), id: 't2' }, step('B', 60, 70)])
    expect(checkInvariants(twoTails).length).toBe(2)
    expect(applyEdit(twoTails, { type: 'setKind', segmentId: 'A', kind: 'tail' }).ok).toBe(false)
    expect(applyEdit(twoTails, { type: 'setKind', segmentId: 't2', kind: 'outside' }).ok).toBe(true)
  })
})
