/**
 * Progress-curve evaluation per episode and over a corpus: ProcVLM's VOC, KT, CCC and EPR@50 (defined in
 * `metrics/progressMetrics.ts`), plus ProcLens's MAE and monotonicity violations. Segmentation (BF1@5,
 * mMAE) lives in `metrics/boundaries.ts`, MCC@95 in `metrics/mcc.ts`, and the text-level replica of ProcVLM's
 * evaluation in `metrics/procvlmEval.ts`. docs/metrics.md gives every definition with worked examples.
 */
import { finitePairs, ccc, epr, kt, mae, monotonicityViolations, voc } from './metrics/progressMetrics'
import type { EprOptions } from './metrics/progressMetrics'

/** The curve metrics, in the order reports list them. */
export const CURVE_METRIC_KEYS = ['VOC', 'KT', 'CCC', 'EPR@50', 'MAE', 'monotonicityViolations'] as const

/** A metric name from {@link CURVE_METRIC_KEYS}. */
export type CurveMetricKey = (typeof CURVE_METRIC_KEYS)[number]

/** One episode's scores. Progress values are on 0..100. */
export type EpisodeMetrics = Record<CurveMetricKey, number> & {
  /** Frames with both a finite prediction and a finite target. */
  frames: number
}

/** Options shared by the episode and corpus functions. */
export interface CurveMetricOptions {
  /** Drops smaller than this do not count as monotonicity violations (0..100 scale). Default 0. */
  monotonicityTolerance?: number
  epr?: EprOptions
}

/** Minimum number of usable frames for an episode to be scored (ProcVLM's rule). */
export const MIN_EPISODE_FRAMES = 2

/**
 * Score one episode from its predicted and target progress per frame (0..100, frame order). Only frames
 * where both values are finite count. Undefined with fewer than {@link MIN_EPISODE_FRAMES} such frames:
 * ProcVLM leaves such an episode out of every mean.
 */
export function episodeMetrics(
  pred: readonly number[],
  target: readonly number[],
  options: CurveMetricOptions = {},
): EpisodeMetrics | undefined {
  const p = finitePairs(pred, target)
  if (p.pred.length < MIN_EPISODE_FRAMES) return undefined
  const tolerance = options.monotonicityTolerance ?? 0
  return {
    VOC: voc(p.pred, p.target) ?? 0,
    KT: kt(p.pred, p.target) ?? 0,
    CCC: ccc(p.pred, p.target) ?? 0,
    'EPR@50': epr(p.pred, options.epr) ?? 0,
    MAE: mae(p.pred, p.target) ?? 0,
    monotonicityViolations: monotonicityViolations(p.pred, { tolerance }),
    frames: p.pred.length,
  }
}

/** One episode of a corpus. */
export interface CorpusEpisode {
  episode: string
  pred: readonly number[]
  target: readonly number[]
}

/** Per-episode scores, their means, and the episodes left out. */
export interface CorpusMetrics {
  episodes: Record<string, EpisodeMetrics>
  /** Unweighted mean over the scored episodes (each episode counts once, whatever its length). */
  mean: Record<CurveMetricKey, number>
  /** Episodes with fewer than {@link MIN_EPISODE_FRAMES} usable frames, in input order. */
  excluded: string[]
}

/**
 * Score every episode and average over those that could be scored. With no scored episode every mean is 0,
 * as in ProcVLM's `compute_*` functions.
 */
export function corpusMetrics(episodes: readonly CorpusEpisode[], options: CurveMetricOptions = {}): CorpusMetrics {
  return corpusMetricsOf(episodes.map((e) => ({ episode: e.episode, metrics: episodeMetrics(e.pred, e.target, options) })))
}

/**
 * The corpus result from episodes already scored (undefined: too few frames), in input order: how a sharded run
 * (`proclens metrics --shard`) is merged, with the means summed in the same order as the unsharded run.
 */
export function corpusMetricsOf(scoredEpisodes: readonly { episode: string; metrics: EpisodeMetrics | undefined }[]): CorpusMetrics {
  const out: CorpusMetrics = { episodes: {}, mean: zeroMeans(), excluded: [] }
  const scored: EpisodeMetrics[] = []
  for (const { episode, metrics: m } of scoredEpisodes) {
    if (m === undefined) out.excluded.push(episode)
    else {
      out.episodes[episode] = m
      scored.push(m)
    }
  }
  if (scored.length > 0) {
    for (const key of CURVE_METRIC_KEYS) {
      out.mean[key] = scored.reduce((s, m) => s + m[key], 0) / scored.length
    }
  }
  return out
}

function zeroMeans(): Record<CurveMetricKey, number> {
  return { VOC: 0, KT: 0, CCC: 0, 'EPR@50': 0, MAE: 0, monotonicityViolations: 0 }
}
