import { describe, expect, it } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import { procvlmProgress } from '@/core/progress'
import { docOf } from '@/test/docs'
import { budgetsOf, linearBaseline, problemsOf, proposalProgress, remainingActionsOf, targetProgress } from './annotationDerived'

function edited<T extends Parameters<typeof applyEdit>[1]>(doc: ReturnType<typeof docOf>, edit: T) {
  const r = applyEdit(doc, edit)
  if (!r.ok) throw new Error(r.reason)
  return r.doc
}

// §3.3 case 1: labels A×4, B×3, done×2 and the similarities of the test vector.
const CASE1 = docOf([['A', 4], ['B', 3], ['tail', 2]])
const SIMS = Float64Array.from([1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 0.3, 1.0])

describe('derived values of the open document', () => {
  it('the target is ProcVLM\'s p() for an untouched document, and is memoised on the document and similarities', () => {
    const target = targetProgress(CASE1, SIMS)
    expect(Array.from(target.progress)).toEqual(Array.from(procvlmProgress({ labels: ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'done', 'done'], similarities: SIMS })))
    expect(targetProgress(CASE1, SIMS)).toBe(target)
    expect(targetProgress(CASE1, Float64Array.from(SIMS))).not.toBe(target)
  })

  it('the proposal\'s target stays as the VLM proposed while the document changes', () => {
    const moved = edited(CASE1, { type: 'moveBoundary', boundary: 0, frame: 2 })
    expect(Array.from(proposalProgress(moved, SIMS)!.progress)).toEqual(Array.from(targetProgress(CASE1, SIMS).progress))
    expect(Array.from(targetProgress(moved, SIMS).progress)).not.toEqual(Array.from(targetProgress(CASE1, SIMS).progress))
    expect(proposalProgress(docOf([['A', 4]], { proposal: false }), SIMS)).toBeUndefined()
  })

  it('without similarities yet, every pair counts as no visual change (time only)', () => {
    const p = targetProgress(docOf([['A', 5], ['tail', 1]]), undefined).progress
    expect(Array.from(p)).toEqual([0, 0, 0.25, 0.5, 0.75, 1])
  })

  it('budgets: the formula\'s share and the document\'s, side by side', () => {
    const doc = docOf([['A', 8], ['B', 2], ['tail', 1]])
    const locked = edited(doc, { type: 'setBudget', segmentId: 's2', share: 0.5 })
    const rows = budgetsOf(locked)
    expect(rows.map((r) => r.segment.label)).toEqual(['A', 'B'])
    // clip(2·8/10) = 1.25 and clip(2·2/10) = 0.75: 62.5% / 37.5% by the formula.
    expect(rows.map((r) => r.formulaShare)).toEqual([0.625, 0.375])
    expect(rows.map((r) => r.share)).toEqual([0.5, 0.5])
    expect(rows[1]!.override).toMatchObject({ kind: 'weight' })
  })

  it('remaining actions and problems follow the document', () => {
    const doc = docOf([['Grasp.', 3], ['Place.', 3], ['Grasp.', 3], ['tail', 1]])
    expect(remainingActionsOf(doc)[0]).toEqual(['Place.', 'Grasp.'])
    expect(problemsOf(doc).map((p) => p.kind)).toEqual(['duplicate-name'])
  })

  it('the time-linear baseline', () => {
    expect(Array.from(linearBaseline(5))).toEqual([0, 0.25, 0.5, 0.75, 1])
  })
})
