/**
 * Per-episode progress metrics, defined as ProcVLM's `evqa/eval/compute_metrics.py` computes them
 * (procvlm-formats.md §6.2; docs/metrics.md has worked examples). Inputs are a prediction and a target per
 * frame, on ProcVLM's 0..100 scale, in frame order. A frame counts only when both values are finite.
 * Each metric returns undefined where ProcVLM would leave the episode out of its mean (fewer than 2 frames).
 */
import { averageRanks, kendallTauA, mean, pearson, populationVariance } from './correlation'

interface Pairs {
  pred: number[]
  target: number[]
}

/** The frames where both values are finite, in the given order. */
export function finitePairs(pred: readonly number[], target: readonly number[]): Pairs {
  const out: Pairs = { pred: [], target: [] }
  const n = Math.min(pred.length, target.length)
  for (let i = 0; i < n; i++) {
    const p = pred[i] as number
    const t = target[i] as number
    if (Number.isFinite(p) && Number.isFinite(t)) {
      out.pred.push(p)
      out.target.push(t)
    }
  }
  return out
}

const clip100 = (x: number): number => Math.max(0, Math.min(100, x))

/**
 * Value-order correlation: order the frames by **target** value (stable, so tied targets keep frame order),
 * then Spearman's ρ between the position 0…T−1 and the predictions in that order. A constant prediction
 * (ρ undefined) scores 0. Values are not clipped (ProcVLM clips only for CCC and EPR).
 */
export function voc(pred: readonly number[], target: readonly number[]): number | undefined {
  const p = finitePairs(pred, target)
  if (p.pred.length < 2) return undefined
  const order = p.target.map((_, i) => i).sort((a, b) => (p.target[a] as number) - (p.target[b] as number))
  const positions = order.map((_, i) => i + 1)
  const rho = pearson(positions, averageRanks(order.map((i) => p.pred[i] as number)))
  return Number.isNaN(rho) || rho < -1 || rho > 1 ? 0 : rho
}

/**
 * Kendall's τ-a between target and prediction: (C − D) / (n(n−1)/2); pairs tied in either variable count in
 * neither C nor D but stay in the denominator, so a step-shaped prediction cannot reach 1. Not clipped.
 */
export function kt(pred: readonly number[], target: readonly number[]): number | undefined {
  const p = finitePairs(pred, target)
  if (p.pred.length < 2) return undefined
  const tau = kendallTauA(p.target, p.pred)
  return Number.isNaN(tau) ? undefined : tau
}

/**
 * Lin's concordance correlation coefficient on values clipped to [0, 100], with population variances:
 * 2ρσₚσₜ / (σₚ² + σₜ² + (μₚ − μₜ)² + 1e-8). 0 when either variance is below 1e-8 or ρ is undefined.
 */
export function ccc(pred: readonly number[], target: readonly number[]): number | undefined {
  const p = finitePairs(pred, target)
  if (p.pred.length < 2) return undefined
  const gts = p.target.map(clip100)
  const preds = p.pred.map(clip100)
  const varGt = populationVariance(gts)
  const varPred = populationVariance(preds)
  if (varPred < 1e-8 || varGt < 1e-8) return 0
  const corr = pearson(gts, preds)
  if (Number.isNaN(corr)) return 0
  const diff = mean(preds) - mean(gts)
  return (2 * corr * Math.sqrt(varPred) * Math.sqrt(varGt)) / (varPred + varGt + diff ** 2 + 1e-8)
}

/** Options of {@link epr}. */
export interface EprOptions {
  /** Coverage threshold τ (ProcVLM: 0.5, hence "EPR@50"). */
  tau?: number
  /** Finest resolution considered, δ = 1/kMax (ProcVLM: 1000). */
  kMax?: number
}

/**
 * Effective progress resolution: predictions clipped to [0, 100] and scaled to [0, 1]; for k = kMax…1
 * (δ = 1/k) the first δ with δ·|unique(floor(p/δ))| ≥ τ gives −log2 δ. n well-spread distinct values give
 * about log2(2n); a constant curve gives 1. Needs ≥ 2 finite predictions (targets are not used).
 */
export function epr(pred: readonly number[], options: EprOptions = {}): number | undefined {
  const tau = options.tau ?? 0.5
  const kMax = options.kMax ?? 1000
  const finite = pred.filter((x) => Number.isFinite(x))
  if (finite.length < 2) return undefined
  // floor(p/δ) depends only on the value, so duplicates never change the count; and it is monotone in p,
  // so over sorted values the distinct bins are counted by the changes.
  const norm = [...new Set(finite.map((x) => clip100(x) / 100))].sort((a, b) => a - b)
  for (let k = kMax; k >= 1; k--) {
    const delta = 1.0 / k
    // The bin count is at most the number of distinct values: skip δ that cannot reach τ even then.
    if (delta * norm.length < tau) continue
    let bins = 0
    let last = NaN
    for (const x of norm) {
      const bin = Math.floor(x / delta)
      if (bin !== last) bins++
      last = bin
    }
    // `+ 0` turns -0 (δ = 1) into 0.
    if (delta * bins >= tau) return -Math.log2(delta) + 0
  }
  return undefined
}

/**
 * Mean absolute error between prediction and target on the shared frames, on the 0..100 scale (a ProcLens
 * addition; ProcVLM has no per-frame progress error). Not clipped. Undefined with no shared frame.
 */
export function mae(pred: readonly number[], target: readonly number[]): number | undefined {
  const p = finitePairs(pred, target)
  if (p.pred.length === 0) return undefined
  return mean(p.pred.map((x, i) => Math.abs(x - (p.target[i] as number))))
}

/** Options of {@link monotonicityViolations}. */
export interface MonotonicityOptions {
  /** A drop counts only when it is larger than this (same scale as the values). Default 0. */
  tolerance?: number
}

/**
 * How many times the prediction drops, in frame order: frames whose value is lower than the previous finite
 * value by more than the tolerance (a ProcLens addition; each drop is a negative delta reward in RL).
 */
export function monotonicityViolations(pred: readonly number[], options: MonotonicityOptions = {}): number {
  const tolerance = options.tolerance ?? 0
  let previous: number | undefined
  let count = 0
  for (const x of pred) {
    if (!Number.isFinite(x)) continue
    if (previous !== undefined && x < previous - tolerance) count++
    previous = x
  }
  return count
}
