import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, BudgetOverride, Outcome, Segment, SegmentKind } from './annotation'
import { SCHEMA_VERSION, checkInvariants } from './annotation'
import type { DiffItem, DocDiff } from './docDiff'
import { diffDocs, isUntouched, targetChange } from './docDiff'
import { docProgress } from './docProgress'

/** `[id, label, frames, extra]`: a label is a step; `tail` and `outside` are those kinds. */
type Run = [id: string, label: string, frames: number, extra?: { incomplete?: true; budget?: BudgetOverride }]

function segmentsOf(runs: readonly Run[]): Segment[] {
  let start = 0
  return runs.map(([id, label, frames, extra]) => {
    const kind: SegmentKind = label === 'tail' || label === 'outside' ? label : 'step'
    const s: Segment = {
      id, start, end: start + frames, kind, label: kind === 'step' ? label : '', notes: '',
      state: extra?.incomplete === true ? 'incomplete' : 'completed', ...(extra?.budget === undefined ? {} : { budget: extra.budget }),
    }
    start += frames
    return s
  })
}

// The proposal every case corrects: three 30-frame steps and a 10-frame tail, done.
const PROPOSAL: Run[] = [['s1', 'A', 30], ['s2', 'B', 30], ['s3', 'C', 30], ['s4', 'tail', 10]]
const DONE: Outcome = { kind: 'done' }

function correction(runs: readonly Run[], outcome: Outcome = DONE): AnnotationDoc {
  const segments = segmentsOf(runs)
  const doc: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'episode_000000', episodeIndex: 0, task: 'stack the cubes',
    frameCount: 100, fps: 10, segments, outcome,
    provenance: { sourceFormat: 'vlm-proposal', proposal: { segments: segmentsOf(PROPOSAL), outcome: DONE } },
  }
  const broken = checkInvariants(doc)
  if (broken.length > 0) throw new Error(`test document is unsound: ${broken.join('; ')}`)
  return doc
}

// Constant similarities: every step spreads its share evenly over its frames.
const SIMS = new Float64Array(99).fill(0.5)

function diffOf(doc: AnnotationDoc): DocDiff {
  const proposal = doc.provenance.proposal!
  const targets = {
    proposal: docProgress({ ...doc, ...proposal }, SIMS).progress,
    correction: docProgress(doc, SIMS).progress,
  }
  return diffDocs(proposal, doc, targets)
}

/** The items without what every case shares, budget items as `budget <id> <share> → <share>` (1 decimal). */
function brief(items: readonly DiffItem[]): string[] {
  return items.map((i) => {
    switch (i.kind) {
      case 'boundary': return `boundary ${i.label}.${i.edge} ${i.from}→${i.to} (${i.delta > 0 ? '+' : ''}${i.delta})${i.neighbour === undefined ? '' : ` | ${i.neighbour.name}`}`
      case 'added': return `added ${i.step.label} [${i.step.start},${i.step.end})${i.within === undefined ? '' : ` within ${i.within.name}`}`
      case 'removed': return `removed ${i.step.label} [${i.step.start},${i.step.end})${i.into === undefined ? '' : ` into ${i.into.name}`}`
      case 'renamed': return `renamed ${i.from} → ${i.to}`
      case 'state': return `state ${i.label} ${i.from} → ${i.to}`
      case 'budget': return `budget ${i.label} ${(i.shareBefore * 100).toFixed(1)} → ${(i.shareAfter * 100).toFixed(1)}${i.overrideChanged ? ' override' : ''}`
      case 'region': return `region [${i.start},${i.end}) ${i.from} → ${i.to}`
      case 'outcome': return `outcome ${i.from.kind} → ${i.to.kind}${i.to.kind === 'not-done' ? ` ${i.to.cutoff}` : ''}`
    }
  })
}

describe('diffDocs', () => {
  const cases: { name: string; runs: Run[]; outcome?: Outcome; items: string[]; matchedBy?: string[] }[] = [
    { name: 'identical: nothing', runs: PROPOSAL, items: [] },
    {
      name: 'a boundary moved by 3: one item for the shared edge, and the shares the new lengths give',
      runs: [['s1', 'A', 33], ['s2', 'B', 27], ['s3', 'C', 30], ['s4', 'tail', 10]],
      items: ['boundary A.end 30→33 (+3) | B', 'budget A 33.3 → 36.7', 'budget B 33.3 → 30.0'],
    },
    {
      name: 'a split: the left piece keeps the id and ends earlier, the right piece is added within the old step',
      runs: [['s1', 'A', 30], ['s2', 'B', 15], ['s5', 'B2', 15], ['s3', 'C', 30], ['s4', 'tail', 10]],
      // Four steps now: K·L/T clips 30-frame steps to 1.25 and 15-frame ones to 0.75, over a total of 4.
      items: ['boundary B.end 60→45 (-15) | B2', 'added B2 [45,60) within B', 'budget A 33.3 → 31.3', 'budget B 33.3 → 18.8', 'budget C 33.3 → 31.3'],
    },
    {
      name: 'a merge: the survivor grows, the other is removed into it',
      runs: [['s1', 'A', 60], ['s3', 'C', 30], ['s4', 'tail', 10]],
      // Two steps: 60 frames clip to weight 1.25, 30 to 0.75.
      items: ['removed B [30,60) into A', 'boundary A.end 30→60 (+30) | C', 'budget A 33.3 → 62.5', 'budget C 33.3 → 37.5'],
    },
    {
      name: 'a rename keeps the step (matched by id)',
      runs: [['s1', 'A', 30], ['s2', 'Grasp B', 30], ['s3', 'C', 30], ['s4', 'tail', 10]],
      items: ['renamed B → Grasp B'],
    },
    {
      name: 'a deleted step: its frames go to the next step, whose start moves',
      runs: [['s1', 'A', 30], ['s3', 'C', 60], ['s4', 'tail', 10]],
      items: ['removed B [30,60) into C', 'boundary C.start 60→30 (-30) | A', 'budget A 33.3 → 37.5', 'budget C 33.3 → 62.5'],
    },
    {
      name: 'an outcome change: not done with the default cutoff, the last step started but not completed',
      runs: [['s1', 'A', 30], ['s2', 'B', 30], ['s3', 'C', 30, { incomplete: true }], ['s4', 'tail', 10]],
      outcome: { kind: 'not-done', cutoff: 0.75 },
      items: ['outcome done → not-done 0.75', 'state C completed → incomplete'],
    },
    {
      name: 'a budget override: the locked step and the two that make room for it',
      runs: [['s1', 'A', 30], ['s2', 'B', 30, { budget: { kind: 'locked', share: 0.5 } }], ['s3', 'C', 30], ['s4', 'tail', 10]],
      items: ['budget A 33.3 → 25.0', 'budget B 33.3 → 50.0 override', 'budget C 33.3 → 25.0'],
    },
    {
      name: 'new ids with the old labels (a re-imported proposal) are matched by label',
      runs: [['x1', 'A', 30], ['x2', 'B', 30], ['x3', 'C', 30], ['x4', 'tail', 10]],
      items: [],
      matchedBy: ['label', 'label', 'label'],
    },
    {
      name: 'the tail made excluded: a region, not a step change',
      runs: [['s1', 'A', 30], ['s2', 'B', 30], ['s3', 'C', 30], ['s4', 'outside', 10]],
      items: ['region [90,100) tail → outside'],
    },
  ]
  it.each(cases)('$name', ({ runs, outcome, items, matchedBy }) => {
    const diff = diffOf(correction(runs, outcome))
    expect(brief(diff.items)).toEqual(items)
    expect(isUntouched(diff)).toBe(items.length === 0)
    if (matchedBy !== undefined) expect(diff.matches.map((m) => m.by)).toEqual(matchedBy)
  })

  it('identical: the target does not move', () => {
    expect(diffOf(correction(PROPOSAL)).target).toEqual({ maxAbs: 0, maxFrame: 0, before: 0, after: 0, meanAbs: 0 })
  })

  it('a boundary moved by 3: the target moves most just after the old boundary', () => {
    const t = diffOf(correction([['s1', 'A', 33], ['s2', 'B', 27], ['s3', 'C', 30], ['s4', 'tail', 10]])).target!
    // Constant similarities: a step's share rises by equal increments over its frames after the first, and frame
    // i shows the increments before it. The proposal's A (1/3) is complete at frame 30 and stays there at 31 (B's
    // first frame adds nothing); the correction's A (weight 1.1 of 3: 11/30, over 32 increments) is then at
    // 30 · 11/960 = 11/32 and still rising; from frame 32 the proposal's B rises too and the gap narrows.
    expect(t.maxFrame).toBe(31)
    expect(t.before).toBeCloseTo(1 / 3, 12)
    expect(t.after).toBeCloseTo(11 / 32, 12)
    expect(t.maxAbs).toBeCloseTo(11 / 32 - 1 / 3, 12)
    expect(t.meanAbs).toBeGreaterThan(0)
    expect(t.meanAbs).toBeLessThan(t.maxAbs)
  })

  it('an outcome change to not done at 0.75: the target loses a quarter, most where it reached 1', () => {
    const t = diffOf(correction(PROPOSAL, { kind: 'not-done', cutoff: 0.75 })).target!
    expect(t.maxAbs).toBeCloseTo(0.25, 12)
    expect(t.maxFrame).toBe(90)
    expect([t.before, t.after]).toEqual([1, 0.75])
    const proposalTarget = docProgress(correction(PROPOSAL), SIMS).progress
    expect(t.meanAbs).toBeCloseTo((0.25 * proposalTarget.reduce((a, b) => a + b, 0)) / 100, 12)
  })

  it('items carry where to look: the frame and the correction segment to select', () => {
    const diff = diffOf(correction([['s1', 'A', 30], ['s3', 'C', 60], ['s4', 'tail', 10]]))
    const removed = diff.items.find((i) => i.kind === 'removed')
    expect(removed).toMatchObject({ frame: 30, segmentId: 's3' })
    expect(diff.removed.map((s) => s.id)).toEqual(['s2'])
  })
})

describe('targetChange', () => {
  it('takes the first frame of the largest difference and the mean over every frame', () => {
    expect(targetChange([0, 0.5, 0.5, 1], [0, 0.25, 0.75, 1])).toEqual({ maxAbs: 0.25, maxFrame: 1, before: 0.5, after: 0.25, meanAbs: 0.125 })
  })
})
