import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, BudgetOverride, Outcome, Segment, SegmentKind } from './annotation'
import { SCHEMA_VERSION, checkInvariants } from './annotation'
import { stepShares } from './budgets'
import { docSegmentLabels } from './docLabels'
import { docProgress, docRemainingActions, docRemainingActionsAt } from './docProgress'
import { docOf } from '@/test/docs'
import { procvlmProgress } from './progress'

type S = [label: string, start: number, end: number, extra?: { incomplete?: true; budget?: BudgetOverride }]

function doc(frameCount: number, outcome: Outcome, segs: S[]): AnnotationDoc {
  const segments: Segment[] = segs.map(([label, start, end, extra], i) => {
    const kind: SegmentKind = label === 'tail' || label === 'outside' ? label : 'step'
    return {
      id: `s${i}`, start, end, kind, label: kind === 'step' ? label : '', notes: '',
      state: extra?.incomplete === true ? 'incomplete' : 'completed',
      ...(extra?.budget === undefined ? {} : { budget: extra.budget }),
    }
  })
  const d: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'episode_000000', episodeIndex: 0, task: 'fold the towel',
    frameCount, fps: 10, segments, outcome, provenance: {},
  }
  const broken = checkInvariants(d)
  if (broken.length > 0) throw new Error(`test document is unsound: ${broken.join('; ')}`)
  return d
}

const DONE: Outcome = { kind: 'done' }
const notDone = (cutoff: number): Outcome => ({ kind: 'not-done', cutoff })
const FAILED: Outcome = { kind: 'failed' }

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol = 1e-9): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((e, i) => {
    if (Math.abs(actual[i]! - e) > tol) throw new Error(`frame ${i}: got ${actual[i]}, expected ${e}`)
  })
}

// procvlm-formats §3.3 as a document: A [0,4), B [4,7), tail [7,9).
const SIMS = [1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 0.3, 1.0]
const CASE1_P = [0, 0, 8 / 63, 24 / 63, 4 / 7, 4 / 7, 43 / 49, 1, 1]
const case1 = (outcome: Outcome, budgets: { A?: BudgetOverride; B?: BudgetOverride } = {}) =>
  doc(9, outcome, [['A', 0, 4, budgets.A === undefined ? {} : { budget: budgets.A }], ['B', 4, 7, budgets.B === undefined ? {} : { budget: budgets.B }], ['tail', 7, 9]])

describe('docProgress, annotator profile', () => {
  it('§3.3 case 1: done', () => {
    expectClose(docProgress(case1(DONE), SIMS).progress, CASE1_P)
  })

  it('§3.3 case 2: not done, cutoff 0.75 scales everything', () => {
    const r = docProgress(case1(notDone(0.75)), SIMS)
    expectClose(r.progress, CASE1_P.map((p) => p * 0.75))
    expect(r.scale).toBe(0.75)
  })

  it('failed: 0 everywhere', () => {
    const r = docProgress(doc(6, FAILED, [['A', 0, 4, { incomplete: true }], ['tail', 4, 6]]), [0.5, 0.5, 0.5, 0.5, 0.5])
    expect([...r.progress]).toEqual([0, 0, 0, 0, 0, 0])
    expect(r.spans.map((s) => s.effective)).toEqual([0, 0])
  })

  it.each([
    ['§3.3 case 1', case1(DONE)],
    ['outside edges, an incomplete step', doc(12, DONE, [['outside', 0, 2], ['Grasp', 2, 5], ['Lift', 5, 6], ['Place', 6, 9, { incomplete: true }], ['tail', 9, 11], ['outside', 11, 12]])],
    ['one long step, clipped weights', doc(15, notDone(0.5), [['A', 0, 2], ['B', 2, 13], ['tail', 13, 15]])],
    ['repeated label in separate runs', doc(9, DONE, [['A', 0, 3], ['B', 3, 5], ['A', 5, 8], ['tail', 8, 9]])],
  ])('without overrides it is bit-identical to p() over the document labels (%s)', (_name, d) => {
    const sims = Array.from({ length: d.frameCount - 1 }, (_, i) => 1 - ((i * 7) % 65) / 64)
    const scale = d.outcome.kind === 'done' ? 1 : d.outcome.kind === 'not-done' ? d.outcome.cutoff : 0
    const expected = [...procvlmProgress({ labels: docSegmentLabels(d), similarities: sims })].map((p) => p * scale)
    expect([...docProgress(d, sims).progress]).toEqual(expected)
  })

  it('adjacent steps with the same name stay two runs (p() would merge them)', () => {
    const d = doc(7, DONE, [['A', 0, 2], ['A', 2, 6], ['tail', 6, 7]])
    const sims = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
    // Two runs: A1 (2 frames, w .75 -> share .375) and A2 (4 frames, w 1.25); p() sees one run of 6.
    expect(docProgress(d, sims).progress[2]).toBeCloseTo(0.75 / 2, 12)
    expect(procvlmProgress({ labels: docSegmentLabels(d), similarities: sims })[2]).toBeCloseTo(0.2, 12)
  })

  it.each([
    ['lock A at 20%', { A: { kind: 'locked', share: 0.2 } }, 0.2],
    ['lock B at 70%', { B: { kind: 'locked', share: 0.7 } }, 0.3],
    ['weight A 3, B default 6/7', { A: { kind: 'weight', weight: 3 } }, 3 / (3 + 6 / 7)],
  ] as const)('overrides move the curve: %s', (_name, budgets, shareA) => {
    const d = case1(DONE, budgets)
    const r = docProgress(d, SIMS)
    // With every step two frames or longer, progress at a step's first frame is the sum of earlier shares.
    expect(r.progress[4]).toBeCloseTo(shareA, 12)
    expect(r.progress[7]).toBe(1)
    expect(r.spans[0]!.share).toBeCloseTo(shareA, 12)
    expect(r.spans[0]!.share).toBeCloseTo(stepShares(d).get('s0')!, 15)
  })

  it('a one-frame step carries nothing: its share goes to the others (effective vs budgeted)', () => {
    const d = doc(8, DONE, [['A', 0, 4], ['B', 4, 5], ['C', 5, 7], ['tail', 7, 8]])
    const r = docProgress(d, Array(7).fill(0.5))
    expect(r.spans[1]!.share).toBeGreaterThan(0)
    expect(r.spans[1]!.effective).toBe(0)
    expect(r.spans.reduce((a, s) => a + s.effective, 0)).toBeCloseTo(1, 12)
  })
})

describe('docProgress, pipeline profile', () => {
  it('a not-done document trains as §3.3 case 3 labels: the tail repeats B and climbs to .919485', () => {
    const r = docProgress(case1(notDone(0.75)), SIMS, { profile: 'pipeline' })
    expect(r.labels).toEqual(['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B', 'B'])
    expect(r.progress[8]).toBeCloseTo(0.919485, 6)
    expect(r.scale).toBe(1)
  })

  it('ignores budget overrides: the flat format cannot carry them', () => {
    const plain = docProgress(case1(DONE), SIMS, { profile: 'pipeline' })
    const locked = docProgress(case1(DONE, { A: { kind: 'locked', share: 0.2 } }), SIMS, { profile: 'pipeline' })
    expect([...locked.progress]).toEqual([...plain.progress])
    expect(docProgress(case1(DONE, { A: { kind: 'locked', share: 0.2 } }), SIMS).progress[4]).toBeCloseTo(0.2, 12)
  })

  it('absorbs an incomplete step into the next completed one', () => {
    const d = doc(10, DONE, [['A', 0, 3], ['B', 3, 6, { incomplete: true }], ['C', 6, 8], ['tail', 8, 10]])
    const r = docProgress(d, Array(9).fill(0.5), { profile: 'pipeline' })
    expect(r.labels).toEqual(['A', 'A', 'A', 'C', 'C', 'C', 'C', 'C', 'done', 'done'])
    expect(r.spans.map((s) => [s.start, s.end, s.label])).toEqual([[0, 3, 'A'], [3, 8, 'C'], [8, 10, 'done']])
    expect(r.spans.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12)
  })

  it.each([
    ['outside frames alone do not (their LeRobot task is unknown)', doc(6, DONE, [['outside', 0, 1], ['A', 1, 4], ['tail', 4, 6]]), undefined],
    ['a failed episode has no real step', doc(6, FAILED, [['A', 0, 4, { incomplete: true }], ['tail', 4, 6]]), 'no-steps'],
    ['a plain episode is used', case1(DONE), undefined],
  ])('pipelineSkip: %s', (_name, d, skip) => {
    expect(docProgress(d, Array(d.frameCount - 1).fill(0.5), { profile: 'pipeline' }).pipelineSkip).toBe(skip)
  })
})

describe('docProgress: increments and spans on random documents', () => {
  const docs = fc.record({
    steps: fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C', 'Done', ''), fc.integer({ min: 1, max: 6 }), fc.boolean(), fc.option(fc.double({ min: 0.01, max: 3, noNaN: true }), { nil: undefined })), { minLength: 1, maxLength: 7 }),
    tail: fc.integer({ min: 0, max: 3 }),
    outcome: fc.constantFrom<Outcome>(DONE, notDone(0.6), FAILED),
  }).map((r) => {
    const segs: S[] = []
    let f = 0
    for (const [label, len, incomplete, weight] of r.steps) {
      // Only named steps may carry a budget (checkInvariants).
      const budget = weight === undefined || label === 'Done' || label === '' ? {} : { budget: { kind: 'weight' as const, weight } }
      segs.push([label, f, f + len, { ...(incomplete ? { incomplete: true as const } : {}), ...budget }])
      f += len
    }
    if (r.tail > 0) segs.push(['tail', f, f + r.tail])
    return doc(f + r.tail, r.outcome, segs)
  })
  const sims = (n: number) => fc.array(fc.integer({ min: 0, max: 64 }).map((h) => 1 - h / 64), { minLength: n - 1, maxLength: n - 1 })

  it('progress is the running sum of increments, non-decreasing, within [0, scale]; effective shares sum to the end', () => {
    fc.assert(fc.property(docs.chain((d) => fc.tuple(fc.constant(d), sims(d.frameCount), fc.constantFrom('annotator' as const, 'pipeline' as const))), ([d, s, profile]) => {
      const r = docProgress(d, s, { profile })
      const bad: string[] = []
      let sum = 0
      for (let i = 0; i < d.frameCount; i++) {
        const p = r.progress[i]!
        if (Math.abs(p - sum) > 1e-12) bad.push(`frame ${i}: ${p} is not the running sum ${sum}`)
        if (i > 0 && p < r.progress[i - 1]!) bad.push(`frame ${i}: decreases`)
        if (p < 0 || p > r.scale) bad.push(`frame ${i}: ${p} outside [0, ${r.scale}]`)
        sum += r.increments[i]!
      }
      const effective = r.spans.reduce((a, x) => a + x.effective, 0)
      if (Math.abs(effective - sum) > 1e-12) bad.push(`effective shares sum to ${effective}, increments to ${sum}`)
      const shares = r.spans.reduce((a, x) => a + x.share, 0)
      if (shares !== 0 && Math.abs(shares - 1) > 1e-12) bad.push(`shares sum to ${shares}`)
      expect(bad).toEqual([])
    }), { numRuns: 300 })
  })
})

describe('docRemainingActions', () => {
  const d = doc(8, DONE, [['A', 0, 2], ['B', 2, 4], ['A', 4, 6], ['tail', 6, 8]])

  it('reproduces ProcVLM by default: a repeated name keeps only its last place', () => {
    expect(docRemainingActions(d).map((l) => [...l])).toEqual([['B', 'A'], ['B', 'A'], ['B', 'A'], ['B', 'A'], ['A'], ['A'], [], []])
  })

  it('fix lists every remaining step', () => {
    expect(docRemainingActions(d, { fix: true }).map((l) => [...l])).toEqual([['A', 'B', 'A'], ['A', 'B', 'A'], ['B', 'A'], ['B', 'A'], ['A'], ['A'], [], []])
  })

  it('fix keeps adjacent steps with the same name apart', () => {
    const twin = doc(5, DONE, [['A', 0, 2], ['A', 2, 4], ['tail', 4, 5]])
    expect(docRemainingActions(twin, { fix: true }).map((l) => [...l])).toEqual([['A', 'A'], ['A', 'A'], ['A'], ['A'], []])
  })

  it('pipeline: padded frames get [null] from ProcVLM, nothing with the fix', () => {
    const padded = doc(6, DONE, [['A', 0, 2], ['B', 2, 4], ['tail', 4, 5], ['outside', 5, 6]])
    expect(docRemainingActions(padded, { profile: 'pipeline' }).map((l) => [...l])).toEqual([['A', 'B'], ['A', 'B'], ['B'], ['B'], [], [null]])
    expect(docRemainingActions(padded, { profile: 'pipeline', fix: true }).map((l) => [...l])).toEqual([['A', 'B'], ['A', 'B'], ['B'], ['B'], [], []])
  })
})

describe('docRemainingActionsAt', () => {
  it('gives every frame the list docRemainingActions gives it, for random documents, with and without the fix', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.constantFrom('Grasp.', 'Place.', 'Lift.', '', 'done', 'Done'), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 8 }),
      fc.constantFrom<Outcome>({ kind: 'done' }, { kind: 'not-done', cutoff: 0.5 }, { kind: 'failed' }),
      fc.boolean(),
      fc.boolean(),
      (runs, outcome, tail, fix) => {
        const doc = docOf([...runs, ...(tail ? [['tail', 2] as [string, number]] : [])], { outcome })
        const all = docRemainingActions(doc, { fix })
        for (let f = 0; f < doc.frameCount; f++) expect(docRemainingActionsAt(doc, f, { fix })).toEqual(all[f])
      },
    ), { numRuns: 500 })
  })
})
