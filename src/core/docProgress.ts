/**
 * Progress for an annotation document, under one of two profiles:
 * - `annotator` (the app's default): what the document says. Runs are the document's segments; each named
 *   step carries its share from `stepShares` (ProcVLM's default weights unless the annotator overrode or
 *   locked some); tail and outside frames are flat. The outcome then decides the end: `done` reaches 1 at the
 *   tail, `not-done` scales the whole curve by the cutoff as ProcVLM's one-shot annotator does (§3.3 case 2),
 *   `failed` is 0 everywhere. Without overrides this equals ProcVLM's `p()` over the document's labels,
 *   bit for bit, unless two adjacent steps share a label (`p()` would merge them into one run).
 * - `pipeline`: what ProcVLM's large-scale pipeline (`pick_procedural.py`) computes from ProcLens's flattened
 *   export of the document: `p()` with default weights over the flattened export (`docToFlat`) (incomplete steps absorbed,
 *   a failed episode's tail repeating its last step), no overrides, no cutoff.
 * The gap between the two is exactly what the flattened format cannot carry (procvlm-formats.md §8.2).
 */
import type { AnnotationDoc } from './annotation'
import { segmentIndexAt } from './annotation'
import { budgetedSteps, isValidLabel, procvlmWeights, stepShares } from './budgets'
import { docSegmentLabels, segmentLabel } from './docLabels'
import { docToFlat } from './formats/docToFlat'
import type { WeightedSpan } from './progress'
import { cumulativeProgress, procvlmIncrements, procvlmSpans, runsOf } from './progress'
import type { RemainingActions } from './remainingActions'
import { remainingActions } from './remainingActions'

export type ProgressProfile = 'annotator' | 'pipeline'

export interface DocProgressOptions {
  /** Default `annotator`. */
  profile?: ProgressProfile
}

type Doc = AnnotationDoc

/** One run of the curve, for charts: a document segment (annotator) or a flattened label run (pipeline). */
export interface ProgressSpan {
  start: number
  /** Exclusive. */
  end: number
  label: string | null
  /** The document segment (annotator profile only). */
  segmentId?: string
  /** The share of total progress the span is budgeted (0 for flat spans); budgeted shares sum to 1. */
  share: number
  /**
   * The share it actually carries: `share` renormalised over the spans that add anything (a one-frame step
   * adds nothing, so the others grow), times `scale`. Sums to the final progress.
   */
  effective: number
}

export interface DocProgress {
  profile: ProgressProfile
  /** The label of every frame under this profile (`done` / `not done` for the annotator profile's tail). */
  labels: (string | null)[]
  /** Progress of every frame, in [0, scale]. */
  progress: Float64Array
  /**
   * What each frame adds, already normalised and scaled: `progress[i]` is the sum of `increments[0..i-1]`
   * (up to rounding), so a frame's own increment shows one frame later, as in ProcVLM.
   */
  increments: Float64Array
  spans: ProgressSpan[]
  /** The final factor: the cutoff of a `not-done` episode, 0 for `failed` (annotator profile), else 1. */
  scale: number
  /**
   * Pipeline profile: `no-steps` when ProcVLM's pipeline would skip the episode because no valid label is left
   * (`get_episode_stats`; a failed episode with nothing completed). Its other skip rule, more than one LeRobot
   * task in the episode, depends on the dataset's `task_index` column, which the document does not hold.
   */
  pipelineSkip?: 'no-steps'
}

function finish(dp: Float64Array, scale: number): { progress: Float64Array; increments: Float64Array; total: number } {
  let total = 0
  for (let i = 0; i < dp.length; i++) total += dp[i]!
  const increments = new Float64Array(dp.length)
  if (total > 0) for (let i = 0; i < dp.length; i++) increments[i] = (dp[i]! / total) * scale
  return { progress: cumulativeProgress(dp, scale), increments, total }
}

function effectiveShare(increments: Float64Array, start: number, end: number): number {
  let sum = 0
  for (let i = start; i < end; i++) sum += increments[i]!
  return sum
}

function annotatorProgress(doc: Doc, similarities: ArrayLike<number>): DocProgress {
  const shares = stepShares(doc)
  const budgeted = budgetedSteps(doc)
  // Without overrides, weigh with ProcVLM's own weights rather than the normalised shares: the same curve,
  // but bit-identical to p() instead of equal to within rounding.
  const plain = budgeted.every((s) => s.budget === undefined)
  const defaults = plain ? procvlmWeights(budgeted.map((s) => s.end - s.start)) : []
  const weightOf = new Map(budgeted.map((s, i) => [s.id, plain ? defaults[i]! : (shares.get(s.id) ?? 0)]))
  const spans: WeightedSpan[] = doc.segments.map((s) => ({ start: s.start, end: s.end, weight: weightOf.get(s.id) ?? 0 }))
  const { outcome } = doc
  const scale = outcome.kind === 'done' ? 1 : outcome.kind === 'not-done' ? outcome.cutoff : 0
  const { progress, increments } = finish(procvlmIncrements(spans, similarities, doc.frameCount), scale)
  return {
    profile: 'annotator',
    labels: docSegmentLabels(doc),
    progress,
    increments,
    spans: doc.segments.map((s) => ({
      start: s.start,
      end: s.end,
      label: segmentLabel(s, outcome),
      segmentId: s.id,
      share: shares.get(s.id) ?? 0,
      effective: effectiveShare(increments, s.start, s.end),
    })),
    scale,
  }
}

function pipelineProgress(doc: Doc, similarities: ArrayLike<number>): DocProgress {
  const labels = docToFlat(doc).frames.map((f) => f.sub_task)
  const runs = runsOf(labels)
  const weighted = procvlmSpans(runs)
  const weightSum = weighted.reduce((a, s) => a + s.weight, 0)
  const { progress, increments } = finish(procvlmIncrements(weighted, similarities, labels.length), 1)
  const result: DocProgress = {
    profile: 'pipeline',
    labels,
    progress,
    increments,
    spans: runs.map((r, i) => ({
      start: r.start,
      end: r.end,
      label: r.label,
      share: weightSum > 0 ? weighted[i]!.weight / weightSum : 0,
      effective: effectiveShare(increments, r.start, r.end),
    })),
    scale: 1,
  }
  if (!runs.some((r) => r.valid)) result.pipelineSkip = 'no-steps'
  return result
}

/**
 * The document's progress curve under a profile (module comment), with per-span shares and per-frame
 * increments for charts. `similarities[i - 1]` = sim(frame i-1, frame i), length `frameCount - 1`; a missing
 * value counts as 1.0 (see `procvlmIncrements`), so a curve can be drawn before the frames are hashed.
 */
export function docProgress(doc: Doc, similarities: ArrayLike<number>, options: DocProgressOptions = {}): DocProgress {
  return (options.profile ?? 'annotator') === 'pipeline' ? pipelineProgress(doc, similarities) : annotatorProgress(doc, similarities)
}

export interface DocRemainingActionsOptions extends DocProgressOptions {
  /** Fix ProcVLM's repeated-name and label-filter bugs (see `RemainingActionsOptions.fix`). Default false. */
  fix?: boolean
}

/**
 * The remaining actions of every frame under a profile: the one-shot annotator's rule over the document's
 * labels (`annotator`), or the data picker's over the flattened export (`pipeline`). With `fix`, the
 * annotator profile lists one entry per remaining named step, even where adjacent steps share a name.
 */
export function docRemainingActions(doc: Doc, options: DocRemainingActionsOptions = {}): RemainingActions[] {
  const fix = options.fix === true
  if ((options.profile ?? 'annotator') === 'pipeline') {
    const flat = docToFlat(doc).frames
    return remainingActions({ labels: flat.map((f) => f.sub_task), tasks: flat.map((f) => f.task) }, { rule: 'data-picker', fix })
  }
  if (!fix) return remainingActions({ labels: docSegmentLabels(doc) }, { rule: 'one-shot' })
  const out = new Array<RemainingActions>(doc.frameCount)
  let list: string[] = []
  for (let k = doc.segments.length - 1; k >= 0; k--) {
    const s = doc.segments[k]!
    const label = segmentLabel(s, doc.outcome)
    if (s.kind === 'step' && isValidLabel(label)) list = [label, ...list]
    out.fill(list, s.start, s.end)
  }
  return out
}

/**
 * The remaining actions of one frame: the same list `docRemainingActions` gives that frame, from the segments at
 * and after it alone (linear in the segments, not the frames), for a view that shows one frame as it changes.
 */
export function docRemainingActionsAt(doc: Doc, frame: number, options: DocRemainingActionsOptions = {}): RemainingActions {
  if ((options.profile ?? 'annotator') === 'pipeline') return docRemainingActions(doc, options)[frame] ?? []
  const at = segmentIndexAt(doc.segments, frame)
  if (at < 0) return []
  let list: (string | null)[] = []
  const seen = new Set<string | null>()
  for (let k = doc.segments.length - 1; k >= at; k--) {
    const s = doc.segments[k]!
    const label = segmentLabel(s, doc.outcome)
    if (options.fix === true) {
      if (s.kind === 'step' && isValidLabel(label)) list = [label, ...list]
    } else if (!oneShotSkips(label) && !seen.has(label)) {
      // ProcVLM's one-shot rule over frames, run over segments: a segment's frames all carry its label.
      seen.add(label)
      list = [label, ...list]
    }
  }
  return list
}

function oneShotSkips(label: string | null): boolean {
  return label === null || label.toLowerCase() === 'done' || label.toLowerCase() === 'not done'
}
