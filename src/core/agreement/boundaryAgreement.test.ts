import { describe, expect, it } from 'vitest'
import { docBoundaries, matchBoundaries } from './boundaryAgreement'
import { labelled } from '@/test/agreementDocs'

describe('docBoundaries', () => {
  it.each([
    ['three steps and a tail', labelled({ steps: [['A', 30], ['B', 60], ['C', 90]] }), [30, 60, 90]],
    ['outside before the task: its start is a boundary', labelled({ from: 10, steps: [['A', 40], ['B', 90]] }), [10, 40, 90]],
    ['neighbouring steps with one name are one run', labelled({ steps: [['A', 30], ['A', 60], ['B', 100]] }), [60]],
    ['a step to the last frame: no tail, no boundary at the end', labelled({ steps: [['A', 50], ['B', 100]] }), [50]],
    ['a single step', labelled({ steps: [['A', 100]] }), []],
  ])('%s', (_, doc, expected) => {
    expect(docBoundaries(doc)).toEqual(expected)
  })
})

describe('matchBoundaries', () => {
  it.each([
    // [a, b, tolerance, matched, onlyA, onlyB, errorSum, f1]
    [[30, 60, 90], [30, 60, 90], 5, 3, 0, 0, 0, 1],
    [[30, 60, 90], [35, 60, 90], 5, 3, 0, 0, 5, 1], // moved by the tolerance: a hit
    [[30, 60, 90], [36, 60, 90], 5, 2, 1, 1, 0, 4 / 6], // by one frame more: a miss on each side
    [[30, 60, 90], [25, 65, 95], 5, 3, 0, 0, 15, 1], // either direction
    [[30, 60, 90], [60, 90], 5, 2, 1, 0, 0, 0.8], // a missing boundary
    [[30], [30, 31, 32], 5, 1, 0, 2, 0, 0.5], // one to one: extra boundaries nearby do not hit twice
    [[10, 20], [16, 200], 5, 1, 1, 1, 4, 0.5], // most hits first: plain minimum distance (ProcVLM's BF1) finds none
    [[30], [30], 0, 1, 0, 0, 0, 1],
    [[30], [31], 0, 0, 1, 1, 0, 0],
    [[], [], 5, 0, 0, 0, 0, 1], // nothing to place, nothing disagreed on
    [[30], [], 5, 0, 1, 0, 0, 0],
  ])('%j vs %j at ±%i: %i matched', (a, b, tolerance, matched, onlyA, onlyB, errorSum, f1) => {
    const r = matchBoundaries(a, b, tolerance)
    expect({ matched: r.matched, onlyA: r.onlyA, onlyB: r.onlyB, errorSum: r.errorSum }).toEqual({ matched, onlyA, onlyB, errorSum })
    expect(r.f1).toBeCloseTo(f1, 12)
  })

  it('is symmetric: swapping the sides swaps onlyA and onlyB, and keeps F1', () => {
    const ab = matchBoundaries([10, 20, 55], [16, 200], 5)
    const ba = matchBoundaries([16, 200], [10, 20, 55], 5)
    expect([ba.matched, ba.onlyA, ba.onlyB, ba.f1]).toEqual([ab.matched, ab.onlyB, ab.onlyA, ab.f1])
  })
})
