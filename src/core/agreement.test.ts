import { describe, expect, it } from 'vitest'
import type { AnnotationDoc } from './annotation'
import { compareAnnotators, DEFAULT_TOLERANCE, uniqueNames } from './agreement'
import type { AnnotatorDocs } from './agreement'
import { labelled, THREE_STEPS } from '@/test/agreementDocs'

const A = labelled({ steps: THREE_STEPS })
const NOT_DONE = { kind: 'not-done', cutoff: 0.75 } as const

/** The Grasp | Lift boundary moved from 30 to `to`. */
const moved = (to: number) => labelled({ steps: [['Grasp the cup.', to], ['Lift the cup.', 60], ['Place the cup.', 90]] })

function two(b: AnnotationDoc, a: AnnotationDoc = A, tolerance = DEFAULT_TOLERANCE) {
  return compareAnnotators([{ name: 'ann', docs: [a] }, { name: 'bob', docs: [b] }], { tolerance })
}

describe('compareAnnotators: two annotators, one 100-frame episode (steps of 30 frames, a 10-frame tail), ±5 frames', () => {
  it.each([
    // [case, B, A, boundary counts [matched, onlyA, onlyB], F1, label agreement, budget [mean, max] |Δshare|, steps only A, only B, outcome agree, cutoff Δ]
    ['identical', A, A, [3, 0, 0], 1, 1, [0, 0], [], [], true, undefined],
    // Grasp 35 frames, Lift 25: weights 3·35/90 and 3·25/90 → shares 7/18, 5/18, 6/18 against 1/3 each.
    ['a boundary moved by the tolerance', moved(35), A, [3, 0, 0], 1, 0.95, [1 / 27, 1 / 18], [], [], true, undefined],
    // Shares 0.4, 0.8/3, 1/3.
    ['a boundary moved by the tolerance + 1', moved(36), A, [2, 1, 1], 4 / 6, 0.94, [(2 / 15) / 3, 1 / 15], [], [], true, undefined],
    ['a renamed step', labelled({ steps: [['Pick up the cup.', 30], ['Lift the cup.', 60], ['Place the cup.', 90]] }), A,
      [3, 0, 0], 1, 0.7, [0, 0], ['Grasp the cup.'], ['Pick up the cup.'], true, undefined],
    // B has two steps, 60 and 30 frames: weights clip to 1.25 and 0.75 → shares 0.625 and 0.375.
    ['a missing step', labelled({ steps: [['Grasp the cup.', 60], ['Place the cup.', 90]] }), A,
      [2, 1, 0], 0.8, 0.7, [(0.625 - 1 / 3 + 0.375 - 1 / 3) / 2, 0.625 - 1 / 3], ['Lift the cup.'], [], true, undefined],
    // The tail reads "not done" instead of "done": its 10 frames disagree, its boundary does not move.
    ['the outcome differs', labelled({ steps: THREE_STEPS, outcome: NOT_DONE }), A, [3, 0, 0], 1, 0.9, [0, 0], [], [], false, undefined],
    ['both not done, other cutoffs', labelled({ steps: THREE_STEPS, outcome: { kind: 'not-done', cutoff: 0.5 } }), labelled({ steps: THREE_STEPS, outcome: NOT_DONE }),
      [3, 0, 0], 1, 1, [0, 0], [], [], true, 0.25],
    // Both tails read "not done": the labels agree, the outcomes do not.
    ['not done against failed', labelled({ steps: THREE_STEPS, outcome: { kind: 'failed' } }), labelled({ steps: THREE_STEPS, outcome: NOT_DONE }),
      [3, 0, 0], 1, 1, [0, 0], [], [], false, undefined],
  ] as const)('%s', (_, b, a, [matched, onlyA, onlyB], f1, labels, [budgetMean, budgetMax], stepsOnlyA, stepsOnlyB, outcomeAgrees, cutoff) => {
    const report = two(b, a)
    expect(report.problems).toEqual([])
    expect(report.episodes).toHaveLength(1)
    const e = report.episodes[0]!
    const pair = e.pairs[0]!
    expect([pair.a, pair.b]).toEqual(['ann', 'bob'])
    expect([pair.boundaries.matched, pair.boundaries.onlyA, pair.boundaries.onlyB]).toEqual([matched, onlyA, onlyB])
    expect(e.boundaryF1).toBeCloseTo(f1, 12)
    expect(e.labelAgreement).toBeCloseTo(labels, 12)
    expect(e.budgetMeanAbsDifference).toBeCloseTo(budgetMean, 12)
    expect(e.budgetMaxAbsDifference).toBeCloseTo(budgetMax, 12)
    expect([pair.budgets.onlyA, pair.budgets.onlyB]).toEqual([stepsOnlyA, stepsOnlyB])
    expect(e.unmatchedSteps).toBe(stepsOnlyA.length + stepsOnlyB.length)
    expect(e.outcomeAgreement).toBe(outcomeAgrees ? 1 : 0)
    if (cutoff === undefined) expect(e.cutoffDifference).toBeUndefined()
    else expect(e.cutoffDifference).toBeCloseTo(cutoff, 12)
    // One pair: the overall numbers are the pair's.
    expect(report.overall?.boundaryF1).toBeCloseTo(f1, 12)
    expect(report.overall?.labelAgreement).toBeCloseTo(labels, 12)
  })

  it('a wider tolerance turns the miss into a hit', () => {
    expect(two(moved(36), A, 6).episodes[0]?.boundaryF1).toBe(1)
    expect(two(moved(36), A, 6).tolerance).toBe(6)
  })

  it('signs each step\'s difference as B − A, per label', () => {
    const steps = two(moved(35)).episodes[0]!.pairs[0]!.budgets.steps
    expect(steps.map((s) => [s.label, s.occurrence])).toEqual([['Grasp the cup.', 0], ['Lift the cup.', 0], ['Place the cup.', 0]])
    expect(steps.map((s) => s.difference)).toEqual([expect.closeTo(1 / 18, 12), expect.closeTo(-1 / 18, 12), expect.closeTo(0, 12)])
  })

  it('pairs a repeated step by occurrence: the second "Wipe." with the second', () => {
    const a = labelled({ steps: [['Wipe.', 20], ['Rinse.', 40], ['Wipe.', 60]] })
    const b = labelled({ steps: [['Wipe.', 20], ['Rinse.', 40]] })
    const budgets = two(b, a).episodes[0]!.pairs[0]!.budgets
    expect(budgets.steps.map((s) => `${s.label}#${s.occurrence}`)).toEqual(['Wipe.#0', 'Rinse.#0'])
    expect(budgets.onlyA).toEqual(['Wipe.'])
  })
})

describe('compareAnnotators: many annotators and episodes', () => {
  it('three annotators: every pair, the episode the mean over pairs', () => {
    const report = compareAnnotators([{ name: 'ann', docs: [A] }, { name: 'bob', docs: [moved(36)] }, { name: 'cy', docs: [A] }])
    const e = report.episodes[0]!
    expect(e.annotators).toEqual(['ann', 'bob', 'cy'])
    expect(e.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['ann-bob', 'ann-cy', 'bob-cy'])
    expect(e.pairs.map((p) => p.boundaries.f1)).toEqual([4 / 6, 1, 4 / 6])
    expect(e.boundaryF1).toBeCloseTo((4 / 6 + 1 + 4 / 6) / 3, 12)
    expect(e.labelAgreement).toBeCloseTo((0.94 + 1 + 0.94) / 3, 12)
    expect(report.overall).toMatchObject({ episodes: 1, pairs: 3 })
  })

  it('overall: boundary F1 micro-averaged and label agreement weighted by frames, not plain means of episodes', () => {
    const short = (end: number) => labelled({ episode: 'episode_000001', frameCount: 50, steps: [['Grasp the cup.', end]] })
    const report = compareAnnotators([
      { name: 'ann', docs: [A, short(20)] },
      { name: 'bob', docs: [A, short(40)] },
    ])
    expect(report.episodes.map((e) => e.boundaryF1)).toEqual([1, 0])
    // 3 matched in the first episode, a miss on each side in the second: 2·3 / (2·3 + 2) = 0.75, not (1 + 0) / 2.
    expect(report.overall?.boundaryF1).toBeCloseTo(0.75, 12)
    // 100 of 100 and 30 of 50 frames agree: 130 / 150, not (1 + 0.6) / 2.
    expect(report.overall?.labelAgreement).toBeCloseTo(130 / 150, 12)
    expect(report.overall).toMatchObject({ episodes: 2, pairs: 2, outcomeAgreement: 1, boundaryMeanError: 0 })
  })

  it('pools the budget differences of every shared step of every pair', () => {
    const report = compareAnnotators([{ name: 'ann', docs: [A] }, { name: 'bob', docs: [moved(35)] }, { name: 'cy', docs: [A] }])
    // Steps differ by 1/18, 1/18, 0 in two pairs and not at all in the third: 4/18 over 9 steps.
    expect(report.overall?.budgetMeanAbsDifference).toBeCloseTo(4 / 18 / 9, 12)
    expect(report.overall?.budgetMaxAbsDifference).toBeCloseTo(1 / 18, 12)
  })

  it('lists an episode only one annotator labelled as unmatched, with a warning', () => {
    const only = labelled({ episode: 'episode_000007', steps: THREE_STEPS })
    const report = compareAnnotators([{ name: 'ann', docs: [A, only] }, { name: 'bob', docs: [A] }])
    expect(report.unmatched).toEqual([{ dataset: 'demo', episode: 'episode_000007', annotator: 'ann' }])
    expect(report.episodes.map((e) => e.episode)).toEqual(['episode_000000'])
    expect(report.problems).toMatchObject([{ severity: 'warning', kind: 'unmatched-episode', episode: 'episode_000007' }])
  })

  it('matches by dataset too: the same episode name in two datasets is two episodes', () => {
    const other = labelled({ dataset: 'other', steps: THREE_STEPS })
    const report = compareAnnotators([{ name: 'ann', docs: [A] }, { name: 'bob', docs: [other] }])
    expect(report.episodes).toEqual([])
    expect(report.unmatched.map((u) => [u.dataset, u.annotator])).toEqual([['demo', 'ann'], ['other', 'bob']])
    expect(report.overall).toBeUndefined()
  })

  it('does not compare annotations of different lengths: the episode is skipped with a warning naming it', () => {
    const longer = labelled({ frameCount: 120, steps: THREE_STEPS })
    const report = compareAnnotators([{ name: 'ann', docs: [A] }, { name: 'bob', docs: [longer] }])
    expect(report.episodes).toEqual([])
    expect(report.skipped).toEqual([{ dataset: 'demo', episode: 'episode_000000' }])
    expect(report.problems).toMatchObject([{ severity: 'warning', kind: 'frame-count-mismatch', episode: 'episode_000000' }])
    expect(report.problems[0]?.message).toContain('ann 100, bob 120')
  })

  it('with three annotators, compares the pairs of equal length and leaves the odd one out', () => {
    const longer = labelled({ frameCount: 120, steps: THREE_STEPS })
    const report = compareAnnotators([{ name: 'ann', docs: [A] }, { name: 'bob', docs: [longer] }, { name: 'cy', docs: [moved(35)] }])
    expect(report.episodes[0]?.annotators).toEqual(['ann', 'cy'])
    expect(report.episodes[0]?.pairs).toHaveLength(1)
    expect(report.problems.map((p) => p.kind)).toEqual(['frame-count-mismatch'])
  })

  it('uses the later of two records of one episode by one annotator, with a warning', () => {
    const report = compareAnnotators([{ name: 'ann', docs: [moved(45), A] }, { name: 'bob', docs: [A] }])
    expect(report.episodes[0]?.boundaryF1).toBe(1)
    expect(report.problems).toMatchObject([{ kind: 'duplicate-episode', episode: 'episode_000000' }])
  })

  it('sorts episodes by dataset, then by the numbers in their names', () => {
    const ep = (dataset: string, episode: string) => labelled({ dataset, episode, steps: THREE_STEPS })
    const docs = [ep('b', 'episode_2'), ep('a', 'episode_10'), ep('a', 'episode_9')]
    const annotators: AnnotatorDocs[] = [{ name: 'ann', docs }, { name: 'bob', docs: [...docs].reverse() }]
    expect(compareAnnotators(annotators).episodes.map((e) => `${e.dataset}/${e.episode}`)).toEqual(['a/episode_9', 'a/episode_10', 'b/episode_2'])
  })

  it('gives two annotators of the same name distinct names', () => {
    expect(uniqueNames(['x', 'y', 'x', 'x', 'x (2)'])).toEqual(['x', 'y', 'x (2)', 'x (3)', 'x (2) (2)'])
    const report = compareAnnotators([{ name: 'x', docs: [A] }, { name: 'x', docs: [A] }])
    expect(report.annotators).toEqual(['x', 'x (2)'])
    expect(report.episodes[0]?.pairs[0]).toMatchObject({ a: 'x', b: 'x (2)' })
  })
})
