import { describe, expect, it } from 'vitest'
import { applyEdit } from '@/core/applyEdit'
import type { Edit } from '@/core/edits'
import { docOf } from '@/test/docs'
import { docDiff, targetChangeOf } from './diffDerived'

function edited(doc: ReturnType<typeof docOf>, edit: Edit) {
  const r = applyEdit(doc, edit)
  if (!r.ok) throw new Error(r.reason)
  return r.doc
}

const DOC = docOf([['A', 10], ['B', 10], ['tail', 5]])

describe('the open document\'s diff', () => {
  it('is empty for the proposal itself, and memoised on the document', () => {
    expect(docDiff(DOC)?.items).toEqual([])
    expect(docDiff(DOC)).toBe(docDiff(DOC))
    expect(targetChangeOf(DOC, undefined)?.maxAbs).toBe(0)
  })

  it('follows an edit: the boundary item, and a target change memoised on the document and the similarities', () => {
    const moved = edited(DOC, { type: 'moveBoundary', boundary: 0, frame: 13 })
    expect(docDiff(moved)?.items[0]).toMatchObject({ kind: 'boundary', from: 10, to: 13, delta: 3 })
    const sims = new Float64Array(24).fill(0.5)
    const change = targetChangeOf(moved, sims)
    expect(change?.maxAbs).toBeGreaterThan(0)
    expect(targetChangeOf(moved, sims)).toBe(change)
    expect(targetChangeOf(moved, undefined)).not.toBe(change)
  })

  it('is undefined without a stored proposal', () => {
    const record = docOf([['A', 10]], { proposal: false })
    expect(docDiff(record)).toBeUndefined()
    expect(targetChangeOf(record, undefined)).toBeUndefined()
  })
})
