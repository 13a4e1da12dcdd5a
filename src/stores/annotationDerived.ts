/**
 * Values derived from the open document, never stored: the procedure-grounded target, the target of the
 * untouched VLM proposal, the time-linear baseline, remaining actions, budgets and the problem list. Each is a
 * pure function of its inputs, memoised on their identity (the reducer shares every unchanged object), so a
 * component can call it on every render and pays only when the document or the similarities changed.
 *
 * Similarities come from the visual-change computation (frames hashed in a worker); until they arrive, the
 * engine counts every pair as "no visual change" (1.0), which spreads each budget by time alone.
 */
import type { AnnotationDoc, Segment } from '@/core/annotation'
import { budgetedSteps, stepShares } from '@/core/budgets'
import type { DocProgress } from '@/core/docProgress'
import { docProgress, docRemainingActions, docRemainingActionsAt } from '@/core/docProgress'
import { checkDocLabels } from '@/core/formats/importOptions'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { RemainingActions } from '@/core/remainingActions'

const NO_SIMILARITIES = new Float64Array(0)

/** One result per key object, recomputed when the second input changes. */
export function memoByObject<K extends object, A, R>(compute: (key: K, arg: A) => R): (key: K, arg: A) => R {
  const cache = new WeakMap<K, { arg: A; value: R }>()
  return (key, arg) => {
    const hit = cache.get(key)
    if (hit !== undefined && hit.arg === arg) return hit.value
    const value = compute(key, arg)
    cache.set(key, { arg, value })
    return value
  }
}

/** The document's own target (annotator profile: its budgets, outcome and cutoff). */
export const targetProgress: (doc: AnnotationDoc, similarities: ArrayLike<number> | undefined) => DocProgress =
  memoByObject((doc: AnnotationDoc, similarities: ArrayLike<number> | undefined) => docProgress(doc, similarities ?? NO_SIMILARITIES))

type Proposal = NonNullable<AnnotationDoc['provenance']['proposal']>
const proposalDocs = new WeakMap<Proposal, AnnotationDoc>()

/**
 * The document as the VLM proposed it, or undefined when it has no stored proposal (a record, an empty start).
 * One object per proposal: edits never change a document's provenance nor anything but its segments and outcome,
 * so the first document seen with this proposal supplies the rest, and every later call returns the same object.
 */
export function proposalDoc(doc: AnnotationDoc): AnnotationDoc | undefined {
  const proposal = doc.provenance.proposal
  if (proposal === undefined) return undefined
  let proposed = proposalDocs.get(proposal)
  if (proposed === undefined) {
    proposed = { ...doc, segments: proposal.segments, outcome: proposal.outcome }
    proposalDocs.set(proposal, proposed)
  }
  return proposed
}

const proposalProgressOf = memoByObject((proposal: AnnotationDoc, similarities: ArrayLike<number> | undefined) =>
  docProgress(proposal, similarities ?? NO_SIMILARITIES))

/** The target the untouched VLM proposal gives, for comparison; undefined without a stored proposal. */
export function proposalProgress(doc: AnnotationDoc, similarities: ArrayLike<number> | undefined): DocProgress | undefined {
  const proposal = proposalDoc(doc)
  return proposal === undefined ? undefined : proposalProgressOf(proposal, similarities)
}

const linearCache = new Map<number, Float64Array>()

/** The time-linear baseline: frame k of n at k / (n - 1), what "progress = elapsed time" would claim. */
export function linearBaseline(frameCount: number): Float64Array {
  let curve = linearCache.get(frameCount)
  if (curve === undefined) {
    curve = new Float64Array(frameCount)
    for (let k = 0; k < frameCount; k++) curve[k] = frameCount > 1 ? k / (frameCount - 1) : 0
    linearCache.clear()
    linearCache.set(frameCount, curve)
  }
  return curve
}

/** Remaining actions per frame, as ProcVLM's one-shot annotator lists them for the document's labels. */
const remainingOf = memoByObject((doc: AnnotationDoc, _: undefined) => docRemainingActions(doc))

export function remainingActionsOf(doc: AnnotationDoc): RemainingActions[] {
  return remainingOf(doc, undefined)
}

/** The remaining actions of one frame (without computing every frame's: a drag changes the document per move). */
export function remainingActionsAt(doc: AnnotationDoc, frame: number): RemainingActions {
  return docRemainingActionsAt(doc, frame)
}

/** One named step's budget: what the formula gives, what the document says, and how it says it. */
export interface StepBudget {
  segment: Segment
  /** Share of total progress now (overrides and locks applied); the budgeted steps' shares sum to 1. */
  share: number
  /** Share under ProcVLM's formula alone, `clip(K·L/T, .75, 1.25)` normalised, for the same segments. */
  formulaShare: number
  override: Segment['budget']
}

function withoutBudget(segment: Segment): Segment {
  if (segment.budget === undefined) return segment
  const { budget: _, ...rest } = segment
  return rest
}

const budgetsOfSegments = memoByObject((segments: readonly Segment[], _: undefined): StepBudget[] => {
  const doc = { segments: segments as Segment[] }
  const shares = stepShares(doc)
  const plain = { segments: segments.map(withoutBudget) }
  const formula = stepShares(plain)
  return budgetedSteps(doc).map((s) => ({ segment: s, share: shares.get(s.id) ?? 0, formulaShare: formula.get(s.id) ?? 0, override: s.budget }))
})

/** The budget of every named step, in timeline order. */
export function budgetsOf(doc: AnnotationDoc): StepBudget[] {
  return budgetsOfSegments(doc.segments, undefined)
}

const problemsOfDoc = memoByObject((doc: AnnotationDoc, _: undefined): Problem[] => {
  const log = new ProblemLog({ episode: doc.episode })
  checkDocLabels(doc, log)
  return log.problems
})

/** What ProcVLM would mishandle in the document as it stands (duplicate names, one-frame steps, …). */
export function problemsOf(doc: AnnotationDoc): Problem[] {
  return problemsOfDoc(doc, undefined)
}
