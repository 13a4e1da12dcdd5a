/**
 * BF1@5 and mMAE: boundary detection for segmentation samples, as ProcVLM's `eval_action_segmentation`
 * and the micro aggregation in `compute_accuracy`.
 */
import { linearSumAssignment } from './hungarian'

/** Counts of one segmentation sample; summed over samples for the micro-averaged scores. */
export interface BoundaryCounts {
  tp: number
  fp: number
  fn: number
  /** Sum of |gt − pred| over the matched pairs within tolerance (= tp pairs). */
  matchedErrorSum: number
}

/** Boundaries and per-sample scores of one segmentation sample. */
export interface BoundarySample extends BoundaryCounts {
  gtBoundaries: number[]
  predBoundaries: number[]
  /** Tolerance used: sigma% of the GT boundary span (of the prediction's span when the GT span is 0). */
  delta: number
  /** Per-sample F1 (ProcVLM reports 1 when both sides have no boundary). */
  f1: number
  /** Mean matched error of this sample; 0 when nothing matched. */
  mae: number
}

const EMPTY: BoundaryCounts = { tp: 0, fp: 0, fn: 0, matchedErrorSum: 0 }

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * The boundaries of a list of segment objects: for each object with at least two numeric values, the min
 * and max of those values; then the sorted set of all of them, so an end shared with the next start counts
 * once. Quirks kept from ProcVLM: *every* numeric field counts (an `"id": 3` next to start/end widens the
 * segment), booleans count as 0/1 (Python's `bool` is an `int`), and non-objects are ignored.
 */
export function extractBoundaries(segments: readonly unknown[]): number[] {
  const all = new Set<number>()
  for (const seg of segments) {
    if (!isRecord(seg)) continue
    const values: number[] = []
    for (const v of Object.values(seg)) {
      if (typeof v === 'number') values.push(v)
      else if (typeof v === 'boolean') values.push(v ? 1 : 0)
    }
    if (values.length >= 2) {
      all.add(Math.min(...values))
      all.add(Math.max(...values))
    }
  }
  return [...all].sort((a, b) => a - b)
}

function span(boundaries: readonly number[]): number {
  if (boundaries.length < 2) return 0
  return (boundaries[boundaries.length - 1] as number) - (boundaries[0] as number)
}

/**
 * Score one segmentation sample. `pred` and `gt` are the parsed JSON answers (ProcVLM parses them with
 * `json_repair`; parse them before calling). Anything that is not an array scores as an empty sample
 * (all counts 0, f1 0), exactly like ProcVLM's parse-failure branch.
 */
export function scoreSegmentationSample(pred: unknown, gt: unknown, sigma = 5): BoundarySample {
  const none = { gtBoundaries: [], predBoundaries: [], delta: 0 }
  if (!Array.isArray(gt) || !Array.isArray(pred)) return { ...EMPTY, ...none, f1: 0, mae: 0 }
  const gtB = extractBoundaries(gt)
  const predB = extractBoundaries(pred)
  let seqLen = span(gtB)
  if (seqLen <= 0) seqLen = span(predB)
  const delta = (sigma / 100) * seqLen
  const base = { gtBoundaries: gtB, predBoundaries: predB, delta }
  if (gtB.length === 0 && predB.length === 0) return { ...EMPTY, ...base, f1: 1, mae: 0 }
  if (gtB.length === 0) return { ...EMPTY, fp: predB.length, ...base, f1: 0, mae: 0 }
  if (predB.length === 0) return { ...EMPTY, fn: gtB.length, ...base, f1: 0, mae: 0 }

  const cost = gtB.map((g) => predB.map((p) => Math.abs(g - p)))
  const assignment = linearSumAssignment(cost) ?? { rows: [], cols: [] }
  const errors: number[] = []
  assignment.rows.forEach((r, k) => {
    const err = cost[r]?.[assignment.cols[k] as number] as number
    if (err <= delta) errors.push(err)
  })
  const tp = errors.length
  const fp = predB.length - tp
  const fn = gtB.length - tp
  const denom = 2 * tp + fp + fn
  const matchedErrorSum = errors.reduce((s, e) => s + e, 0)
  return {
    tp, fp, fn, matchedErrorSum, ...base,
    f1: denom > 0 ? (2 * tp) / denom : 0,
    mae: tp > 0 ? matchedErrorSum / tp : 0,
  }
}

/** Micro-aggregated segmentation scores; undefined when no sample had any boundary (ProcVLM omits both). */
export interface BoundaryScores {
  'BF1@5': number
  mMAE: number
}

/**
 * BF1 = 2ΣTP / (2ΣTP + ΣFP + ΣFN) and mMAE = Σ matched error / Σ matched count over all samples (mMAE is a
 * boundary error in the samples' units, not a progress error; 0 when nothing matched).
 */
export function aggregateBoundaries(samples: readonly BoundaryCounts[]): BoundaryScores | undefined {
  let tp = 0
  let fp = 0
  let fn = 0
  let errorSum = 0
  for (const s of samples) {
    tp += s.tp
    fp += s.fp
    fn += s.fn
    errorSum += s.matchedErrorSum
  }
  const denom = 2 * tp + fp + fn
  if (denom <= 0) return undefined
  return { 'BF1@5': (2 * tp) / denom, mMAE: tp > 0 ? errorSum / tp : 0 }
}
