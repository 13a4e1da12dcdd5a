/**
 * The one writer of annotation documents: `applyEdit(doc, edit)` is pure and total. It never mutates its input,
 * shares every untouched segment with it, returns the input itself when an edit changes nothing, and rejects an
 * impossible edit with a reason a person can act on. Every accepted result keeps `checkInvariants` empty and the
 * budgets sane (`checkBudgets`). The edit table: docs/edits.md.
 */
import type { AnnotationDoc, Outcome, Segment } from './annotation'
import { checkInvariants } from './annotation'
import type { BudgetResult } from './budgets'
import { budgetedSteps, isValidLabel, lockedOverride, overrideForShare, unlockedOverride } from './budgets'
import type { Edit, EditResult } from './edits'
import { describeSegment, editLabel } from './edits'
import { structurallyEqual } from './history'
import { deleteSegment, insert, merge, moveBoundary, reject, replaceSegments, setKind, split, withBudget } from './segmentEdits'

/**
 * Budget problems `checkInvariants` leaves out, as sentences: shares of the named steps must sum to 1, so when
 * every named step is locked, the locks must add up to exactly 100% (else no share could honour its lock).
 */
export function checkBudgets(doc: Pick<AnnotationDoc, 'segments'>): string[] {
  const budgeted = budgetedSteps(doc)
  if (budgeted.length === 0 || budgeted.some((s) => s.budget?.kind !== 'locked')) return []
  const locked = budgeted.reduce((sum, s) => sum + (s.budget?.kind === 'locked' ? s.budget.share : 0), 0)
  if (Math.abs(locked - 1) <= 1e-9) return []
  return [`every named step is locked and the locks add up to ${(locked * 100).toFixed(1)}%, not 100%: unlock a step so that it takes the rest`]
}

function problemsOf(doc: AnnotationDoc): string[] {
  return [...checkInvariants(doc), ...checkBudgets(doc)]
}

/** `doc` with segment `index` replaced, or `doc` itself when the segment is unchanged. */
function withSegment(doc: AnnotationDoc, index: number, segment: Segment): EditResult {
  if (segment === doc.segments[index]) return { ok: true, doc }
  return { ok: true, doc: { ...doc, segments: replaceSegments(doc.segments, index, 1, [segment]) } }
}

function cutoffProblem(cutoff: number): string | undefined {
  return cutoff >= 0 && cutoff <= 1 ? undefined : `the cutoff must be between 0 and 1, not ${cutoff}`
}

function setOutcome(doc: AnnotationDoc, outcome: Outcome): EditResult {
  let next: Outcome
  switch (outcome.kind) {
    case 'done':
    case 'failed':
      next = { kind: outcome.kind }
      break
    case 'not-done': {
      const bad = cutoffProblem(outcome.cutoff)
      if (bad !== undefined) return reject(bad)
      next = { kind: 'not-done', cutoff: outcome.cutoff }
      break
    }
  }
  const same = next.kind === doc.outcome.kind && (next.kind !== 'not-done' || doc.outcome.kind !== 'not-done' || next.cutoff === doc.outcome.cutoff)
  return { ok: true, doc: same ? doc : { ...doc, outcome: next } }
}

function setCutoff(doc: AnnotationDoc, cutoff: number): EditResult {
  if (doc.outcome.kind !== 'not-done') return reject('the cutoff applies only when the outcome is "not done": set the outcome first')
  const bad = cutoffProblem(cutoff)
  if (bad !== undefined) return reject(bad)
  return { ok: true, doc: cutoff === doc.outcome.cutoff ? doc : { ...doc, outcome: { kind: 'not-done', cutoff } } }
}

function resetToProposal(doc: AnnotationDoc): EditResult {
  const proposal = doc.provenance.proposal
  if (proposal === undefined) return reject('this episode has no stored proposal to reset to')
  // Keep the current objects of segments the proposal restores unchanged, so views keyed by identity stay put.
  const current = new Map(doc.segments.map((s) => [s.id, s]))
  const segments = proposal.segments.map((s) => {
    const kept = current.get(s.id)
    return kept !== undefined && structurallyEqual(kept, s) ? kept : s
  })
  const candidate = { ...doc, segments, outcome: proposal.outcome }
  const problems = problemsOf(candidate)
  if (problems.length > 0) return reject(`the stored proposal does not fit this episode: ${problems.join('; ')}`)
  return { ok: true, doc: candidate }
}

function stepOnly(segment: Segment, index: number, what: string): string | undefined {
  return segment.kind === 'step' ? undefined : `${describeSegment(segment, index)} is not a step: only steps have ${what}`
}

function budgetProblem(doc: AnnotationDoc, segment: Segment, index: number): string | undefined {
  if (budgetedSteps(doc).some((s) => s.id === segment.id)) return undefined
  const name = describeSegment(segment, index)
  return segment.kind === 'step'
    ? `${name} carries no budget: name it first (an empty, "done" or "not done" label carries none)`
    : `${name} is not a step: only named steps carry a budget`
}

function fromBudget(doc: AnnotationDoc, index: number, result: BudgetResult): EditResult {
  if (!result.ok) return reject(result.reason)
  return withSegment(doc, index, withBudget(doc.segments[index]!, result.budget))
}

/** The edits that name one segment by id, once it is found at `index`. */
function applyToSegment(doc: AnnotationDoc, edit: Extract<Edit, { segmentId: string }>, index: number): EditResult {
  const segment = doc.segments[index]!
  switch (edit.type) {
    case 'split':
      return split(doc, edit, index)
    case 'merge':
      return merge(doc, edit, index)
    case 'delete':
      return deleteSegment(doc, edit, index)
    case 'setKind':
      return setKind(doc, edit, index)
    case 'rename': {
      const bad = stepOnly(segment, index, 'a label')
      if (bad !== undefined) return reject(bad)
      if (edit.label === segment.label) return { ok: true, doc }
      // A label ProcVLM treats as invalid carries no budget, so an override on it would be dead weight.
      const renamed: Segment = { ...segment, label: edit.label }
      return withSegment(doc, index, isValidLabel(edit.label) ? renamed : withBudget(renamed, undefined))
    }
    case 'setNotes':
      return withSegment(doc, index, edit.notes === segment.notes ? segment : { ...segment, notes: edit.notes })
    case 'setState': {
      const bad = stepOnly(segment, index, 'a state')
      if (bad !== undefined) return reject(bad)
      return withSegment(doc, index, edit.state === segment.state ? segment : { ...segment, state: edit.state })
    }
    case 'setBudget':
    case 'lockBudget':
    case 'unlockBudget': {
      const bad = budgetProblem(doc, segment, index)
      if (bad !== undefined) return reject(bad)
      if (edit.type === 'setBudget') return fromBudget(doc, index, overrideForShare(doc, segment.id, edit.share))
      if (edit.type === 'unlockBudget') return fromBudget(doc, index, unlockedOverride(doc, segment.id))
      return segment.budget?.kind === 'locked' ? { ok: true, doc } : fromBudget(doc, index, lockedOverride(doc, segment.id))
    }
    case 'resetBudget': {
      const bad = stepOnly(segment, index, 'a budget')
      if (bad !== undefined) return reject(bad)
      return withSegment(doc, index, withBudget(segment, undefined))
    }
  }
}

function candidate(doc: AnnotationDoc, edit: Edit): EditResult {
  switch (edit.type) {
    case 'moveBoundary':
      return moveBoundary(doc, edit)
    case 'insert':
      return insert(doc, edit)
    case 'setOutcome':
      return setOutcome(doc, edit.outcome)
    case 'setCutoff':
      return setCutoff(doc, edit.cutoff)
    case 'resetToProposal':
      return resetToProposal(doc)
    case 'split':
    case 'merge':
    case 'delete':
    case 'rename':
    case 'setNotes':
    case 'setState':
    case 'setKind':
    case 'setBudget':
    case 'lockBudget':
    case 'unlockBudget':
    case 'resetBudget': {
      const index = doc.segments.findIndex((s) => s.id === edit.segmentId)
      if (index < 0) return reject(`there is no segment ${edit.segmentId} in this episode`)
      return applyToSegment(doc, edit, index)
    }
  }
}

/**
 * Apply one edit. Returns the new document (the input itself when nothing changes) or the reason the edit is
 * impossible. The result always passes `checkInvariants` and `checkBudgets` when the input did; an input that
 * was already unsound is never made worse (fewer or as many problems), so edits can repair it.
 */
export function applyEdit(doc: AnnotationDoc, edit: Edit): EditResult {
  const result = candidate(doc, edit)
  if (!result.ok || result.doc === doc) return result
  const problems = problemsOf(result.doc)
  if (problems.length === 0) return result
  const before = problemsOf(doc)
  if (before.length > 0 && problems.length <= before.length) return result
  return reject(`${editLabel(edit, doc)} would break the document: ${problems.join('; ')}`)
}

/** Whether `doc` is sound: no invariant or budget problem. */
export function isSound(doc: AnnotationDoc): boolean {
  return problemsOf(doc).length === 0
}
