/**
 * Property tests: random realistic documents and random sequences of random edits (valid and invalid) never
 * break an invariant, and the history restores exactly what it recorded.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc, BudgetOverride, Outcome, Segment, SegmentKind } from './annotation'
import { checkInvariants, SCHEMA_VERSION } from './annotation'
import { applyEdit, checkBudgets } from './applyEdit'
import { stepShares } from './budgets'
import type { Edit } from './edits'
import type { History } from './history'
import { begin, cancel, commit, commitTransaction, createHistory, preview, redo, structurallyEqual, undo } from './history'

/** Runs per property; raise it to hunt (`PROPERTY_RUNS=50000 npx vitest run src/core/editProperties.test.ts`). */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 2500)

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

const LABELS = ['Grasp the cup.', 'Lift the cup.', 'Place the cup onto the plate.', 'Open the drawer.', 'Grasp the cup.', '', 'done', 'Not done']

const stepSpec = fc.record({
  label: fc.constantFrom(...LABELS),
  incomplete: fc.boolean(),
  budget: fc.oneof(
    { weight: 3, arbitrary: fc.constant<'none'>('none') },
    { weight: 1, arbitrary: fc.double({ min: 0.2, max: 3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constant<'lock'>('lock') },
  ),
})

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.constant<Outcome>({ kind: 'done' }),
  fc.constant<Outcome>({ kind: 'failed' }),
  fc.double({ min: 0, max: 1, noNaN: true }).map((cutoff): Outcome => ({ kind: 'not-done', cutoff })),
)

function segment(id: string, start: number, end: number, kind: SegmentKind, label = ''): Segment {
  return { id, start, end, kind, label, notes: '', state: 'completed' }
}

/** A proposal: `count` even steps and a tail over `frameCount`; `broken` makes it one frame too long. */
function proposalOf(frameCount: number, count: number, broken: boolean): Segment[] {
  const n = Math.min(count, frameCount)
  const cuts = Array.from({ length: n + 1 }, (_, i) => Math.round((i * frameCount) / n))
  const segs = cuts.slice(1).map((end, i) => segment(`s${i + 1}`, cuts[i]!, end, i === n - 1 ? 'tail' : 'step', i === n - 1 ? '' : LABELS[i % 4]!))
  return broken ? segs.map((s, i) => (i === segs.length - 1 ? { ...s, end: s.end + 1 } : s)) : segs
}

/**
 * Realistic documents: an optional outside prefix, 0–7 steps (some unnamed or labelled done, a trailing one
 * sometimes incomplete, weight and locked budgets), an optional tail and outside suffix, any outcome, and often
 * a stored proposal (sometimes one that does not fit).
 */
const docArb: fc.Arbitrary<AnnotationDoc> = fc.record({
  prefix: fc.boolean(), steps: fc.array(stepSpec, { maxLength: 7 }), tail: fc.boolean(), suffix: fc.boolean(),
  lengths: fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 10, maxLength: 10 }),
  outcome: outcomeArb,
  proposal: fc.option(fc.record({ count: fc.integer({ min: 1, max: 5 }), broken: fc.boolean(), outcome: outcomeArb }), { freq: 2 }),
}).map((g) => {
  const kinds: Array<{ kind: SegmentKind; spec?: (typeof g.steps)[number] }> = []
  if (g.prefix) kinds.push({ kind: 'outside' })
  for (const spec of g.steps) kinds.push({ kind: 'step', spec })
  if (g.tail || kinds.length === 0) kinds.push({ kind: 'tail' })
  if (g.suffix) kinds.push({ kind: 'outside' })
  let at = 0
  let segments: Segment[] = kinds.map(({ kind, spec }, i) => {
    const start = at
    at += g.lengths[i]!
    const id = kind === 'step' ? `s${i + 1}` : `${kind}${i}`
    const s = segment(id, start, at, kind, spec?.label ?? '')
    const last = i === kinds.length - 1 || kinds[i + 1]!.kind !== 'step'
    return { ...s, state: spec?.incomplete === true && last ? 'incomplete' : 'completed', ...(typeof spec?.budget === 'number' ? { budget: { kind: 'weight', weight: spec.budget } } : {}) }
  })
  // Locks as lockBudget makes them: at the step's current share, so all-locked documents add up to 100%.
  const shares = stepShares({ segments })
  segments = segments.map((s, i) => {
    const share = shares.get(s.id)
    if (share === undefined) return omitBudget(s)
    return kinds[i]!.spec?.budget === 'lock' ? { ...s, budget: { kind: 'locked', share } satisfies BudgetOverride } : s
  })
  const doc: AnnotationDoc = {
    schemaVersion: SCHEMA_VERSION, dataset: 'demo', episode: 'episode_000001', episodeIndex: 1, task: 'put the cup on the plate',
    frameCount: at, fps: 10, segments, outcome: g.outcome,
    provenance: g.proposal === null ? {} : { proposal: { segments: proposalOf(at, g.proposal.count, g.proposal.broken), outcome: g.proposal.outcome } },
  }
  return doc
})

function omitBudget(s: Segment): Segment {
  const { budget: _b, ...rest } = s
  return rest
}

const TYPES = ['moveBoundary', 'split', 'merge', 'insert', 'delete', 'rename', 'setNotes', 'setState', 'setKind', 'setOutcome',
  'setCutoff', 'setBudget', 'lockBudget', 'unlockBudget', 'resetBudget', 'resetToProposal'] as const satisfies ReadonlyArray<Edit['type']>

const unit = fc.integer({ min: 0, max: 999 }).map((k) => k / 1000)

/** Random numbers that `materialise` turns into an edit against the current document, so sequences stay relevant. */
const seedArb = fc.record({
  // Fractions from integers: fc.double spreads over the float encoding, so most draws would be tiny.
  type: fc.constantFrom(...TYPES), a: unit, b: unit, c: unit,
  pick: fc.integer({ min: 0, max: 19 }), label: fc.constantFrom(...LABELS),
})
type Seed = typeof seedArb extends fc.Arbitrary<infer S> ? S : never

function materialise(doc: AnnotationDoc, seed: Seed): Edit {
  const n = doc.segments.length
  const index = Math.floor(seed.a * n)
  const seg = doc.segments[index]!
  const segmentId = seed.pick === 0 ? 'nope' : seg.id
  const len = seg.end - seg.start
  // Mostly frames inside the chosen segment (edges included), sometimes anywhere, slightly out of range or fractional.
  let frame = seed.pick % 4 === 1 ? Math.floor(seed.b * (doc.frameCount + 4)) - 2 : seg.start + Math.floor(seed.b * (len + 1))
  if (seed.pick === 5) frame += 0.5
  const into = ([undefined, 'next', 'previous'] as const)[seed.pick % 3]
  const share = seed.pick === 2 ? 1.2 : seed.pick === 3 ? 0 : seed.c
  switch (seed.type) {
    case 'moveBoundary': return { type: 'moveBoundary', boundary: seed.pick === 7 ? n - 1 : Math.max(-1, index - (seed.pick % 2)), frame }
    case 'split': return { type: 'split', segmentId, at: frame }
    case 'merge': return { type: 'merge', segmentId, with: seed.pick % 2 === 0 ? 'next' : 'previous' }
    case 'insert': return { type: 'insert', start: frame, end: frame + 1 + Math.floor(seed.c * len), label: seed.label }
    case 'delete': return into === undefined ? { type: 'delete', segmentId } : { type: 'delete', segmentId, into }
    case 'rename': return { type: 'rename', segmentId, label: seed.label }
    case 'setNotes': return { type: 'setNotes', segmentId, notes: seed.label }
    case 'setState': return { type: 'setState', segmentId, state: seed.c < 0.5 ? 'completed' : 'incomplete' }
    case 'setKind': return { type: 'setKind', segmentId, kind: (['step', 'tail', 'outside'] as const)[seed.pick % 3]!, label: seed.label }
    case 'setOutcome': return { type: 'setOutcome', outcome: seed.pick % 3 === 0 ? { kind: 'done' } : seed.pick % 3 === 1 ? { kind: 'failed' } : { kind: 'not-done', cutoff: seed.pick === 5 ? 1.5 : seed.c } }
    case 'setCutoff': return { type: 'setCutoff', cutoff: seed.pick === 4 ? -0.1 : seed.c }
    case 'setBudget': return { type: 'setBudget', segmentId, share }
    case 'lockBudget': return { type: 'lockBudget', segmentId }
    case 'unlockBudget': return { type: 'unlockBudget', segmentId }
    case 'resetBudget': return { type: 'resetBudget', segmentId }
    case 'resetToProposal': return { type: 'resetToProposal' }
  }
}

function expectSound(doc: AnnotationDoc): void {
  expect(checkInvariants(doc)).toEqual([])
  expect(checkBudgets(doc)).toEqual([])
  const shares = [...stepShares(doc).values()]
  if (shares.length > 0) expect(Math.abs(shares.reduce((x, y) => x + y, 0) - 1)).toBeLessThanOrEqual(1e-9)
}

/** Apply the seeds in order: the edits that changed the document, and every distinct document along the way. */
function replay(start: AnnotationDoc, seeds: readonly Seed[]): { docs: AnnotationDoc[]; edits: Edit[] } {
  const docs = [start]
  const edits: Edit[] = []
  for (const seed of seeds) {
    const doc = docs[docs.length - 1]!
    const edit = materialise(doc, seed)
    const r = applyEdit(doc, edit)
    if (r.ok && !structurallyEqual(r.doc, doc)) {
      docs.push(r.doc)
      edits.push(edit)
    }
  }
  return { docs, edits }
}

const sequenceArb = fc.tuple(docArb, fc.array(seedArb, { maxLength: 25 }))

describe('applyEdit properties', () => {
  it('generates sound documents', () => {
    fc.assert(fc.property(docArb, (doc) => expectSound(doc)), { numRuns: 500 })
  })

  it('never breaks an invariant, never mutates its (frozen) input, and keeps untouched segments', () => {
    fc.assert(fc.property(sequenceArb, ([start, seeds]) => {
      let doc = deepFreeze(start)
      for (const seed of seeds) {
        const edit = materialise(doc, seed)
        const snapshot = structuredClone(doc)
        const r = applyEdit(doc, edit)
        expect(doc).toEqual(snapshot)
        if (!r.ok) {
          expect(r.reason.length).toBeGreaterThan(0)
          continue
        }
        expectSound(r.doc)
        const before = new Map(doc.segments.map((s) => [s.id, s]))
        for (const s of r.doc.segments) {
          const old = before.get(s.id)
          if (old !== undefined && structurallyEqual(old, s)) expect(s).toBe(old)
        }
        doc = deepFreeze(r.doc)
      }
    }), { numRuns: RUNS })
  })

  it('is deterministic: replaying the accepted edits rebuilds an identical document', () => {
    fc.assert(fc.property(sequenceArb, ([start, seeds]) => {
      const { docs, edits } = replay(start, seeds)
      const again = edits.reduce((doc, edit) => {
        const r = applyEdit(doc, edit)
        if (!r.ok) throw new Error(`replay rejected: ${r.reason}`)
        return r.doc
      }, start)
      expect(again).toEqual(docs[docs.length - 1])
    }), { numRuns: RUNS })
  })

  it('exercises both outcomes of most edit kinds', () => {
    const seen = new Map<string, { ok: number; rejected: number }>()
    fc.assert(fc.property(sequenceArb, ([start, seeds]) => {
      let doc = start
      for (const seed of seeds) {
        const edit = materialise(doc, seed)
        const r = applyEdit(doc, edit)
        const tally = seen.get(edit.type) ?? { ok: 0, rejected: 0 }
        seen.set(edit.type, r.ok ? { ...tally, ok: tally.ok + 1 } : { ...tally, rejected: tally.rejected + 1 })
        if (r.ok) doc = r.doc
      }
    }), { numRuns: 500, seed: 7 })
    for (const type of TYPES) {
      expect(seen.get(type)?.ok ?? 0, `${type} accepted`).toBeGreaterThan(5)
      expect(seen.get(type)?.rejected ?? 0, `${type} rejected`).toBeGreaterThan(5)
    }
  })
})

describe('history properties', () => {
  it('undo after N commits restores the exact earlier document, redo returns to the same one', () => {
    fc.assert(fc.property(sequenceArb, fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 40 }), ([start, seeds], undos, cap) => {
      const { docs } = replay(start, seeds)
      const snapshots = docs.map((d) => structuredClone(d))
      let h: History<AnnotationDoc> = createHistory(docs[0]!, { cap })
      docs.slice(1).forEach((doc, i) => { h = commit(h, `edit ${i + 1}`, doc) })
      const final = h.present
      const steps = Math.min(undos, docs.length - 1, cap)
      for (let k = 1; k <= steps; k++) {
        h = undo(h)
        expect(h.present).toBe(docs[docs.length - 1 - k])
        expect(h.present).toEqual(snapshots[docs.length - 1 - k])
      }
      expect(h.past).toHaveLength(Math.min(docs.length - 1, cap) - steps)
      for (let k = 0; k < steps; k++) h = redo(h)
      expect(h.present).toBe(final)
      expect(h.future).toHaveLength(0)
    }), { numRuns: RUNS })
  })

  it('a gesture records one entry from its base to its final document, or none when cancelled', () => {
    fc.assert(fc.property(sequenceArb, fc.boolean(), ([start, seeds], cancelIt) => {
      const { docs } = replay(start, seeds)
      let h = commit(createHistory(docs[0]!), 'first', docs[0]!)
      h = begin(h)
      for (const doc of docs.slice(1)) h = preview(h, doc)
      expect(h.past).toHaveLength(0)
      const final = docs[docs.length - 1]!
      if (cancelIt) {
        h = cancel(h)
        expect(h.present).toBe(docs[0])
        expect(h.past).toHaveLength(0)
        return
      }
      h = commitTransaction(h, 'Drag')
      const changed = !structurallyEqual(docs[0], final)
      expect(h.past).toHaveLength(changed ? 1 : 0)
      expect(h.present).toBe(changed ? final : docs[0])
      expect(undo(h).present).toBe(docs[0])
    }), { numRuns: RUNS })
  })
})
