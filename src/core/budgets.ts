/**
 * Progress budgets: how much of the episode's total progress each step carries.
 *
 * ProcVLM gives every valid run the weight `w_k = clip(K * L_k / T, 0.75, 1.25)` (K valid runs, T their total
 * length) and normalises: close to equal, nudged by length, bounded at ±25% (procvlm-formats.md §3.2 step 3).
 * ProcLens lets an annotator correct that per step:
 * - a `weight` override replaces the default weight; the step still renormalises with the others;
 * - a `locked` share stays exactly as set while the unlocked steps share what is left:
 *   `share_u = (1 - Σ locked) * w_u / Σ_unlocked w`.
 * Shares of the valid steps always sum to 1. Steps that ProcVLM would treat as invalid (empty label, or a
 * `done` / `not done` label) get no budget.
 */
import type { AnnotationDoc, BudgetOverride, Segment } from './annotation'

export const MIN_WEIGHT = 0.75
export const MAX_WEIGHT = 1.25

const INVALID_LABELS = new Set(['done', 'done.', 'not done', 'not done.'])

/** ProcVLM's validity rule for a run's label: non-empty and not a done / not-done marker (any case). */
export function isValidLabel(label: string | null | undefined): label is string {
  return label != null && label !== '' && !INVALID_LABELS.has(label.toLowerCase())
}

/** ProcVLM's default weights for runs of the given lengths: `clip(K * L_k / T, 0.75, 1.25)`. */
export function procvlmWeights(lengths: readonly number[]): number[] {
  const k = lengths.length
  const t = lengths.reduce((a, b) => a + b, 0)
  if (t === 0) return lengths.map(() => 0)
  return lengths.map((l) => Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, (k * l) / t)))
}

/** The steps that carry a budget, in order. */
export function budgetedSteps(doc: Pick<AnnotationDoc, 'segments'>): Segment[] {
  return doc.segments.filter((s) => s.kind === 'step' && isValidLabel(s.label))
}

/** Each budgeted step's weight before locks: its override, else ProcVLM's default. */
function weightsOf(budgeted: readonly Segment[]): number[] {
  const defaults = procvlmWeights(budgeted.map((s) => s.end - s.start))
  return budgeted.map((s, i) => (s.budget?.kind === 'weight' ? s.budget.weight : defaults[i]!))
}

/**
 * The share of total progress of every budgeted step, keyed by segment id; the shares sum to 1 (an empty map
 * when no step carries a budget).
 */
export function stepShares(doc: Pick<AnnotationDoc, 'segments'>): Map<string, number> {
  const budgeted = budgetedSteps(doc)
  const weights = weightsOf(budgeted)
  const locked = budgeted.reduce((sum, s) => sum + (s.budget?.kind === 'locked' ? s.budget.share : 0), 0)
  const unlockedWeight = budgeted.reduce((sum, s, i) => sum + (s.budget?.kind === 'locked' ? 0 : weights[i]!), 0)
  const shares = new Map<string, number>()
  if (unlockedWeight > 0) {
    const free = Math.max(0, 1 - locked)
    // If locks overshoot (only possible in a hand-edited file), scale them down so the total stays 1.
    const lockScale = locked > 1 ? 1 / locked : 1
    for (const [i, s] of budgeted.entries()) {
      shares.set(s.id, s.budget?.kind === 'locked' ? s.budget.share * lockScale : (free * weights[i]!) / unlockedWeight)
    }
  } else if (locked > 0) {
    // Everything is locked: the locks are the whole budget, normalised so they sum to 1.
    for (const s of budgeted) shares.set(s.id, s.budget?.kind === 'locked' ? s.budget.share / locked : 0)
  }
  return shares
}

export type BudgetResult = { ok: true; budget: BudgetOverride | undefined } | { ok: false; reason: string }

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/**
 * The override that gives step `id` exactly `share` of total progress while the other unlocked steps renormalise
 * and locked steps stay. Rejects a share the locks leave no room for.
 */
export function overrideForShare(doc: Pick<AnnotationDoc, 'segments'>, id: string, share: number): BudgetResult {
  const budgeted = budgetedSteps(doc)
  const target = budgeted.find((s) => s.id === id)
  if (target === undefined) return { ok: false, reason: 'only named steps carry a budget' }
  if (!(share > 0 && share <= 1)) return { ok: false, reason: `a share must be in (0, 100%], not ${pct(share)}` }
  const weights = weightsOf(budgeted)
  const otherLocked = budgeted.reduce((sum, s) => sum + (s.id !== id && s.budget?.kind === 'locked' ? s.budget.share : 0), 0)
  const otherUnlockedWeight = budgeted.reduce((sum, s, i) => sum + (s.id !== id && s.budget?.kind !== 'locked' ? weights[i]! : 0), 0)
  const room = 1 - otherLocked
  if (target.budget?.kind === 'locked') {
    if (share > room + 1e-12) return { ok: false, reason: `locked steps leave ${pct(room)} for this step` }
    if (otherUnlockedWeight === 0 && Math.abs(share - room) > 1e-9) {
      return { ok: false, reason: `every other step is locked: this one must take the ${pct(room)} they leave` }
    }
    return { ok: true, budget: { kind: 'locked', share } }
  }
  if (otherUnlockedWeight === 0) {
    if (Math.abs(share - room) <= 1e-9) return { ok: true, budget: target.budget }
    return { ok: false, reason: `this is the only unlocked step: it takes the ${pct(room)} the locked steps leave; unlock another step to change it` }
  }
  if (share >= room - 1e-12) return { ok: false, reason: `locked steps leave less than ${pct(share)}: at most ${pct(room)} minus a little for the other steps` }
  return { ok: true, budget: { kind: 'weight', weight: (share * otherUnlockedWeight) / (room - share) } }
}

/** Lock step `id` at its current share. */
export function lockedOverride(doc: Pick<AnnotationDoc, 'segments'>, id: string): BudgetResult {
  const share = stepShares(doc).get(id)
  if (share === undefined) return { ok: false, reason: 'only named steps carry a budget' }
  return { ok: true, budget: { kind: 'locked', share } }
}

/** Unlock step `id`, keeping its current share as a weight so nothing moves until something else changes. */
export function unlockedOverride(doc: Pick<AnnotationDoc, 'segments'>, id: string): BudgetResult {
  const budgeted = budgetedSteps(doc)
  const target = budgeted.find((s) => s.id === id)
  if (target === undefined) return { ok: false, reason: 'only named steps carry a budget' }
  if (target.budget?.kind !== 'locked') return { ok: true, budget: target.budget }
  const share = stepShares(doc).get(id) ?? 0
  const weights = weightsOf(budgeted)
  const locked = budgeted.reduce((sum, s) => sum + (s.budget?.kind === 'locked' ? s.budget.share : 0), 0)
  const unlockedWeight = budgeted.reduce((sum, s, i) => sum + (s.budget?.kind !== 'locked' ? weights[i]! : 0), 0)
  if (unlockedWeight === 0 || locked >= 1) return { ok: true, budget: undefined }
  return { ok: true, budget: { kind: 'weight', weight: (share * unlockedWeight) / (1 - locked) } }
}
