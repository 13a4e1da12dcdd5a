/**
 * What a reviewer changed: the VLM proposal (`provenance.proposal`, as imported) against the correction (the
 * document as it stands), step by step, and what that does to the progress target.
 *
 * Matching (steps only; the tail and outside ranges are compared as frame regions):
 * 1. by segment id: ids survive moves, renames, budget and state changes, and the left piece of a split or the
 *    survivor of a merge keeps its id (segmentEdits.ts), so this pairs almost everything an editor changed;
 * 2. then by label, for steps left over on both sides: each unmatched correction step, in timeline order, takes
 *    the first unmatched proposal step with the same non-empty label (a re-imported proposal with new ids, a
 *    step deleted and inserted again). Unnamed steps are never paired by label: "" says nothing about identity.
 * Proposal steps still unmatched were removed, correction steps still unmatched were added.
 *
 * ```text
 *  proposal    [ A      ][ B    ][ C ][tail]        A end +3 f (shared with B start: one item)
 *  correction  [ A         ][ B ][ C ][tail]        C renamed → C', B split → B + B2 (added, "were B") ...
 * ```
 */
import type { AnnotationDoc, BudgetOverride, Outcome, Segment, SegmentKind, StepState } from './annotation'
import { segmentIndexAt } from './annotation'
import { stepShares } from './budgets'
import { segmentName } from './docLabels'

/** The proposal side: the segments and outcome of `provenance.proposal`. */
export interface ProposalSide {
  segments: Segment[]
  outcome: Outcome
}

/** Share changes smaller than this (0.05 percentage points) are rounding, not a change worth listing. */
export const SHARE_EPSILON = 0.0005

/** A step as one side has it, with its share of total progress on that side (0 when it carries no budget). */
export interface StepSide {
  id: string
  start: number
  end: number
  label: string
  state: StepState
  share: number
  budget?: BudgetOverride
}

/** A proposal step and the correction step it became. */
export interface StepMatch {
  before: StepSide
  after: StepSide
  by: 'id' | 'label'
}

/** Another segment named in an item: its id, its kind, and its name (a step's label, maybe empty; else `done`, `excluded`…). */
export interface SegmentRef {
  id: string
  kind: SegmentKind
  name: string
}

interface ItemBase {
  /** Where to look: the frame to seek to. */
  frame: number
  /** The correction's segment to select, when there is one. */
  segmentId?: string
}

/**
 * One change, as the Changes list shows it. A boundary shared by two matched steps that moved together is one
 * item (on the earlier step's `end`), not two.
 */
export type DiffItem = ItemBase & (
  | { kind: 'boundary'; stepId: string; label: string; edge: 'start' | 'end'; from: number; to: number; delta: number; neighbour?: SegmentRef }
  | { kind: 'added'; step: StepSide; within?: SegmentRef }
  | { kind: 'removed'; step: StepSide; into?: SegmentRef }
  | { kind: 'renamed'; stepId: string; from: string; to: string }
  | { kind: 'state'; stepId: string; label: string; from: StepState; to: StepState }
  | {
    kind: 'budget'; stepId: string; label: string; shareBefore: number; shareAfter: number
    /** The override itself changed (added, removed, other value); false when only the lengths moved the share. */
    overrideChanged: boolean
    overrideBefore?: BudgetOverride
    overrideAfter?: BudgetOverride
  }
  | { kind: 'region'; start: number; end: number; from: Exclude<SegmentKind, 'step'>; to: Exclude<SegmentKind, 'step'> }
  | { kind: 'outcome'; from: Outcome; to: Outcome }
)

export type DiffItemKind = DiffItem['kind']

/** How far the correction's target moved from the proposal's, over the frames both have. */
export interface TargetChange {
  /** max over frames of |correction − proposal|, in progress units (0..1). */
  maxAbs: number
  /** The first frame where `maxAbs` is reached (0 when nothing moved). */
  maxFrame: number
  /** Both targets at `maxFrame`. */
  before: number
  after: number
  /** The mean of |correction − proposal| over every frame. */
  meanAbs: number
}

export interface DocDiff {
  matches: StepMatch[]
  added: StepSide[]
  removed: StepSide[]
  /** Every change: the outcome first, then the structural changes by frame, then the budget changes by frame. */
  items: DiffItem[]
  /** Undefined when no targets were given. */
  target?: TargetChange
}

function side(s: Segment, shares: ReadonlyMap<string, number>): StepSide {
  return {
    id: s.id, start: s.start, end: s.end, label: s.label, state: s.state, share: shares.get(s.id) ?? 0,
    ...(s.budget === undefined ? {} : { budget: s.budget }),
  }
}

/** Pairs proposal steps with correction steps: by id, then by label (module comment). */
function matchSteps(before: readonly StepSide[], after: readonly StepSide[]): { matches: StepMatch[]; added: StepSide[]; removed: StepSide[] } {
  const byId = new Map(before.map((s) => [s.id, s]))
  const taken = new Set<string>()
  const pairs = new Map<string, StepMatch>()
  for (const a of after) {
    const b = byId.get(a.id)
    if (b === undefined) continue
    pairs.set(a.id, { before: b, after: a, by: 'id' })
    taken.add(b.id)
  }
  for (const a of after) {
    if (pairs.has(a.id) || a.label === '') continue
    const b = before.find((s) => !taken.has(s.id) && s.label === a.label)
    if (b === undefined) continue
    pairs.set(a.id, { before: b, after: a, by: 'label' })
    taken.add(b.id)
  }
  const matches = after.flatMap((a) => pairs.get(a.id) ?? [])
  return { matches, added: after.filter((a) => !pairs.has(a.id)), removed: before.filter((b) => !taken.has(b.id)) }
}

/** The segment of `segments` that shares the most frames with `[start, end)` (the first of equals). */
function mostOverlap(segments: readonly Segment[], start: number, end: number): Segment | undefined {
  let best: Segment | undefined
  let bestFrames = 0
  for (let i = Math.max(0, segmentIndexAt(segments, start)); i < segments.length && segments[i]!.start < end; i++) {
    const s = segments[i]!
    const frames = Math.min(end, s.end) - Math.max(start, s.start)
    if (frames > bestFrames) {
      best = s
      bestFrames = frames
    }
  }
  return best
}

function ref(s: Segment | undefined, outcome: Outcome): SegmentRef | undefined {
  return s === undefined ? undefined : { id: s.id, kind: s.kind, name: s.kind === 'step' ? s.label : segmentName(s, outcome) }
}

function sameBudget(a: BudgetOverride | undefined, b: BudgetOverride | undefined): boolean {
  if (a === undefined || b === undefined) return a === b
  return a.kind === 'weight' ? b.kind === 'weight' && a.weight === b.weight : b.kind === 'locked' && a.share === b.share
}

function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.kind === b.kind && (a.kind !== 'not-done' || a.cutoff === (b as typeof a).cutoff)
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>

/** Boundary moves of matched steps; an edge two matched neighbours shared before and after is listed once. */
function boundaryItems(matches: readonly StepMatch[], correction: AnnotationDoc): DiffItem[] {
  const out: DiffItem[] = []
  const byAfterEnd = new Map(matches.map((m) => [m.after.end, m]))
  const neighbourAt = (frame: number) => ref(correction.segments[segmentIndexAt(correction.segments, frame)], correction.outcome)
  for (const m of matches) {
    const { before: b, after: a } = m
    const previous = byAfterEnd.get(a.start)
    const sharedStart = previous !== undefined && previous.before.end === b.start
    if (a.start !== b.start && !sharedStart) {
      const neighbour = a.start > 0 ? neighbourAt(a.start - 1) : undefined
      out.push({ kind: 'boundary', stepId: a.id, label: a.label, edge: 'start', from: b.start, to: a.start, delta: a.start - b.start, frame: a.start, segmentId: a.id, ...optional('neighbour', neighbour) })
    }
    if (a.end !== b.end) {
      const neighbour = a.end < correction.frameCount ? neighbourAt(a.end) : undefined
      out.push({ kind: 'boundary', stepId: a.id, label: a.label, edge: 'end', from: b.end, to: a.end, delta: a.end - b.end, frame: a.end, segmentId: a.id, ...optional('neighbour', neighbour) })
    }
  }
  return out
}

/** Name, state and budget changes of matched steps. */
function stepItems(matches: readonly StepMatch[]): DiffItem[] {
  const out: DiffItem[] = []
  for (const { before: b, after: a } of matches) {
    const at = { frame: a.start, segmentId: a.id }
    if (a.label !== b.label) out.push({ kind: 'renamed', stepId: a.id, from: b.label, to: a.label, ...at })
    if (a.state !== b.state) out.push({ kind: 'state', stepId: a.id, label: a.label, from: b.state, to: a.state, ...at })
    const overrideChanged = !sameBudget(a.budget, b.budget)
    if (Math.abs(a.share - b.share) >= SHARE_EPSILON || overrideChanged) {
      out.push({
        kind: 'budget', stepId: a.id, label: a.label, shareBefore: b.share, shareAfter: a.share, overrideChanged, ...at,
        ...optional('overrideBefore', b.budget), ...optional('overrideAfter', a.budget),
      })
    }
  }
  return out
}

/** Frames whose non-step kind changed (the tail became excluded, or the other way round), merged into runs. */
function regionItems(proposal: ProposalSide, correction: AnnotationDoc): DiffItem[] {
  const out: DiffItem[] = []
  const p = proposal.segments
  const c = correction.segments
  let i = 0
  let j = 0
  while (i < p.length && j < c.length) {
    const ps = p[i]!
    const cs = c[j]!
    const start = Math.max(ps.start, cs.start)
    const end = Math.min(ps.end, cs.end)
    if (end > start && ps.kind !== 'step' && cs.kind !== 'step' && ps.kind !== cs.kind) {
      const last = out[out.length - 1]
      if (last?.kind === 'region' && last.end === start && last.from === ps.kind && last.to === cs.kind) last.end = end
      else out.push({ kind: 'region', start, end, from: ps.kind, to: cs.kind, frame: start, segmentId: cs.id })
    }
    if (ps.end <= cs.end) i++
    else j++
  }
  return out
}

/** Largest and mean |correction − proposal| over the frames both targets have. */
export function targetChange(proposal: ArrayLike<number>, correction: ArrayLike<number>): TargetChange {
  const n = Math.min(proposal.length, correction.length)
  let maxAbs = 0
  let maxFrame = 0
  let sum = 0
  for (let k = 0; k < n; k++) {
    const d = Math.abs(correction[k]! - proposal[k]!)
    sum += d
    if (d > maxAbs) {
      maxAbs = d
      maxFrame = k
    }
  }
  return { maxAbs, maxFrame, before: proposal[maxFrame] ?? 0, after: correction[maxFrame] ?? 0, meanAbs: n > 0 ? sum / n : 0 }
}

// Within a frame: what went, what moved, what came. Budgets follow every structural change: most are its
// consequence (new lengths, new weights), and read better as one group.
const KIND_ORDER: Record<DiffItemKind, number> = { outcome: 0, removed: 1, boundary: 2, added: 3, renamed: 4, state: 5, region: 6, budget: 7 }
const group = (i: DiffItem) => (i.kind === 'outcome' ? 0 : i.kind === 'budget' ? 2 : 1)

function byPlace(x: DiffItem, y: DiffItem): number {
  if (group(x) !== group(y)) return group(x) - group(y)
  if (x.frame !== y.frame) return x.frame - y.frame
  return KIND_ORDER[x.kind] - KIND_ORDER[y.kind]
}

/**
 * The diff of a correction against its proposal (module comment for the matching). Pass both targets (the
 * proposal's and the correction's, e.g. `docProgress(...).progress`) to measure how far the target moved.
 */
export function diffDocs(proposal: ProposalSide, correction: AnnotationDoc, targets?: { proposal: ArrayLike<number>; correction: ArrayLike<number> }): DocDiff {
  const beforeShares = stepShares(proposal)
  const afterShares = stepShares(correction)
  const before = proposal.segments.filter((s) => s.kind === 'step').map((s) => side(s, beforeShares))
  const after = correction.segments.filter((s) => s.kind === 'step').map((s) => side(s, afterShares))
  const { matches, added, removed } = matchSteps(before, after)
  const items: DiffItem[] = [
    ...(sameOutcome(proposal.outcome, correction.outcome) ? [] : [{ kind: 'outcome' as const, from: proposal.outcome, to: correction.outcome, frame: 0 }]),
    ...removed.map((step): DiffItem => {
      const into = ref(mostOverlap(correction.segments, step.start, step.end), correction.outcome)
      return { kind: 'removed', step, frame: step.start, ...optional('into', into), ...optional('segmentId', into?.id) }
    }),
    ...added.map((step): DiffItem => {
      const within = ref(mostOverlap(proposal.segments, step.start, step.end), proposal.outcome)
      return { kind: 'added', step, frame: step.start, segmentId: step.id, ...optional('within', within) }
    }),
    ...boundaryItems(matches, correction),
    ...stepItems(matches),
    ...regionItems(proposal, correction),
  ]
  items.sort(byPlace)
  return { matches, added, removed, items, ...(targets === undefined ? {} : { target: targetChange(targets.proposal, targets.correction) }) }
}

/** True when the correction changes nothing the diff looks at (notes are not compared): the proposal as it was. */
export function isUntouched(diff: DocDiff): boolean {
  return diff.items.length === 0
}
