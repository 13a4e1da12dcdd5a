/**
 * How far two annotations of the same episode agree: boundaries, per-frame labels, step budgets and the outcome.
 * Both documents must have the same frame count (the caller checks; `compareAnnotators` skips such pairs).
 * docs/agreement.md gives every definition with a worked example.
 */
import type { AnnotationDoc, Outcome } from '../annotation'
import { budgetedSteps, stepShares } from '../budgets'
import { docSegmentLabels } from '../docLabels'
import type { BoundaryAgreement } from './boundaryAgreement'
import { boundaryAgreement } from './boundaryAgreement'

/** Frames whose labels are the same string in both documents. */
export interface LabelAgreement {
  agree: number
  frames: number
  /** agree / frames. */
  rate: number
}

/** One step label found in both documents, and its share of total progress in each. */
export interface StepShareDifference {
  label: string
  /** 0 for the label's first step in the document, 1 for its second (a repeated step), … */
  occurrence: number
  shareA: number
  shareB: number
  /** shareB − shareA. */
  difference: number
}

export interface BudgetAgreement {
  steps: StepShareDifference[]
  /** Budgeted step labels only one side has (a repeated label once per unmatched occurrence). */
  onlyA: string[]
  onlyB: string[]
  /** Mean and max of |difference| over `steps`; absent when no step label is shared. */
  meanAbsDifference?: number
  maxAbsDifference?: number
}

export interface OutcomeAgreement {
  a: Outcome['kind']
  b: Outcome['kind']
  /** Same kind. A cutoff difference between two `not-done` outcomes does not break agreement: it is reported. */
  agree: boolean
  /** |cutoffA − cutoffB| when both are `not-done`. */
  cutoffDifference?: number
}

export interface PairAgreement {
  a: string
  b: string
  boundaries: BoundaryAgreement
  labels: LabelAgreement
  budgets: BudgetAgreement
  outcome: OutcomeAgreement
}

/**
 * Per-frame label agreement over every frame of the episode, labels as the document shows them
 * (`docSegmentLabels`): step names compared as exact, case-sensitive strings, as ProcVLM compares run labels;
 * the tail is `done` or `not done` by the outcome; frames outside the task are `null`, and two `null`s agree.
 * Frames beyond the shorter document (never, for a checked pair) count as disagreeing.
 */
export function labelAgreement(a: AnnotationDoc, b: AnnotationDoc): LabelAgreement {
  const la = docSegmentLabels(a)
  const lb = docSegmentLabels(b)
  const frames = Math.max(la.length, lb.length)
  let agree = 0
  // Past the shorter document one side is `undefined`, which equals no label, not even `null`.
  for (let f = 0; f < frames; f++) if (la[f] === lb[f]) agree++
  return { agree, frames, rate: frames === 0 ? 1 : agree / frames }
}

/** Each budgeted step's label, occurrence and share, in document order. */
function sharesByLabel(doc: AnnotationDoc): Map<string, number[]> {
  const shares = stepShares(doc)
  const out = new Map<string, number[]>()
  for (const s of budgetedSteps(doc)) {
    const list = out.get(s.label) ?? []
    list.push(shares.get(s.id) ?? 0)
    out.set(s.label, list)
  }
  return out
}

/**
 * Budget differences: steps are paired by label, the k-th step named L in A with the k-th named L in B; each
 * pair's shares (`stepShares`, overrides included) are compared. Unnamed and `done` steps carry no budget and
 * take no part.
 */
export function budgetAgreement(a: AnnotationDoc, b: AnnotationDoc): BudgetAgreement {
  const sharesA = sharesByLabel(a)
  const sharesB = sharesByLabel(b)
  const steps: StepShareDifference[] = []
  const onlyA: string[] = []
  const onlyB: string[] = []
  for (const [label, listA] of sharesA) {
    const listB = sharesB.get(label) ?? []
    listA.forEach((shareA, occurrence) => {
      const shareB = listB[occurrence]
      if (shareB === undefined) onlyA.push(label)
      else steps.push({ label, occurrence, shareA, shareB, difference: shareB - shareA })
    })
  }
  for (const [label, listB] of sharesB) {
    for (let k = (sharesA.get(label) ?? []).length; k < listB.length; k++) onlyB.push(label)
  }
  if (steps.length === 0) return { steps, onlyA, onlyB }
  const abs = steps.map((s) => Math.abs(s.difference))
  return { steps, onlyA, onlyB, meanAbsDifference: abs.reduce((x, y) => x + y, 0) / abs.length, maxAbsDifference: Math.max(...abs) }
}

export function outcomeAgreement(a: Outcome, b: Outcome): OutcomeAgreement {
  const base = { a: a.kind, b: b.kind, agree: a.kind === b.kind }
  return a.kind === 'not-done' && b.kind === 'not-done' ? { ...base, cutoffDifference: Math.abs(a.cutoff - b.cutoff) } : base
}

/** Every measure for annotators `a` and `b` (by name) of one episode. */
export function pairAgreement(a: { name: string; doc: AnnotationDoc }, b: { name: string; doc: AnnotationDoc }, tolerance: number): PairAgreement {
  return {
    a: a.name,
    b: b.name,
    boundaries: boundaryAgreement(a.doc, b.doc, tolerance),
    labels: labelAgreement(a.doc, b.doc),
    budgets: budgetAgreement(a.doc, b.doc),
    outcome: outcomeAgreement(a.doc.outcome, b.doc.outcome),
  }
}
