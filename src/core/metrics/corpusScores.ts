/**
 * The corpus view's aggregates over per-episode scores: each model's means (ProcVLM's rule: an unweighted mean
 * over the scored episodes, an episode with fewer than 2 frames left out) and fixed-bin histograms, so the same
 * metric draws on the same axis for every model and every dataset.
 */
import type { EpisodeScores } from './episodeScores'

/** The columns the corpus view scores, in its order. */
export const SCORE_KEYS = ['VOC', 'KT', 'CCC', 'EPR@50', 'MAE', 'monotonicityViolations', 'finalError'] as const
export type ScoreKey = (typeof SCORE_KEYS)[number]

/** One scored (or unscorable) episode × model. */
export interface ScoredCurve {
  /** The curve's name: `<model>` or `<model> · <tag>`. */
  model: string
  /** Undefined when the curve has fewer than 2 scorable frames. */
  scores: EpisodeScores | undefined
}

/** A row of the corpus table: one episode × model curve, with where its target came from. */
export interface CorpusScoreRow extends ScoredCurve {
  /** The episode's index, to open it. */
  index: number
  name: string
  /** `hashed`: the target used the episode's visual change; `time`: each step's budget spread by time. */
  targetKind: 'hashed' | 'time'
  /** The target is a saved correction's (else the proposal's). */
  corrected: boolean
}

export interface ModelMeans {
  model: string
  /** Episodes scored (in the means). */
  episodes: number
  /** Episodes left out (fewer than 2 scorable frames). */
  excluded: number
  /** 0 for every key when no episode was scored, as ProcVLM's means. */
  mean: Record<ScoreKey, number>
}

/** Means per model, models in order of first appearance. */
export function meansByModel(rows: readonly ScoredCurve[]): ModelMeans[] {
  const byModel = new Map<string, ScoredCurve[]>()
  for (const r of rows) byModel.set(r.model, [...(byModel.get(r.model) ?? []), r])
  return [...byModel].map(([model, list]) => {
    const scored = list.flatMap((r) => (r.scores === undefined ? [] : [r.scores]))
    const mean = Object.fromEntries(SCORE_KEYS.map((k) => [k, scored.length === 0 ? 0 : scored.reduce((s, m) => s + m[k], 0) / scored.length])) as Record<ScoreKey, number>
    return { model, episodes: scored.length, excluded: list.length - scored.length, mean }
  })
}

/** A metric's histogram axis: `bins` equal bins over [min, max]. */
export interface BinSpec {
  min: number
  max: number
  bins: number
}

/**
 * Fixed axes per metric. Correlations live on [−1, 1]; EPR@50 on [0, 10] (its largest value, with k = 1000, is
 * log2 1000 ≈ 9.97); errors on [0, 100] points. The drop count has no upper bound: its last bin also takes
 * everything above 20.
 */
export const BIN_SPECS: Record<ScoreKey, BinSpec> = {
  VOC: { min: -1, max: 1, bins: 10 },
  KT: { min: -1, max: 1, bins: 10 },
  CCC: { min: -1, max: 1, bins: 10 },
  'EPR@50': { min: 0, max: 10, bins: 10 },
  MAE: { min: 0, max: 100, bins: 10 },
  monotonicityViolations: { min: 0, max: 20, bins: 10 },
  finalError: { min: 0, max: 100, bins: 10 },
}

export interface Histogram extends BinSpec {
  /** `counts[i]` holds the values in [min + i·w, min + (i+1)·w), the last bin closed (w = (max − min) / bins). */
  counts: number[]
}

/**
 * Counts the finite values into the spec's bins. Values outside the axis fall into the end bin on their side
 * (a count never disappears); non-finite values are skipped.
 */
export function histogram(values: readonly number[], spec: BinSpec): Histogram {
  const counts = new Array<number>(spec.bins).fill(0)
  const width = (spec.max - spec.min) / spec.bins
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    const bin = Math.min(spec.bins - 1, Math.max(0, Math.floor((v - spec.min) / width)))
    counts[bin] = (counts[bin] as number) + 1
  }
  return { ...spec, counts }
}
