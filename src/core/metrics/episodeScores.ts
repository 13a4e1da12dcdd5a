/**
 * Everything the corpus view shows about one episode and one model curve: the curve metrics of
 * `episodeMetrics` (VOC, KT, CCC, EPR@50, MAE, monotonicity violations, restated nowhere here), how far the
 * last prediction ends from where the outcome says the episode ends, and the frame where the prediction is
 * furthest from the target (where a reviewer should look first). docs/metrics.md, "Corpus metrics in the app".
 */
import type { Outcome } from '../annotation'
import { episodeMetrics } from '../metrics'
import type { CurveMetricOptions, EpisodeMetrics } from '../metrics'
import { pairByFrame } from './pairByFrame'

/** One model sample: a frame index and the predicted progress there, on 0..100. */
export interface PredictedSample {
  frame: number
  progress: number
}

/** An episode's scores for one curve; progress values and errors on 0..100. */
export interface EpisodeScores extends EpisodeMetrics {
  /** Where the outcome says the curve should end: 100 done, cutoff × 100 not done, 0 failed. */
  finalTarget: number
  /** The last scored prediction (the highest frame with both values finite). */
  finalPrediction: number
  /** |finalPrediction − finalTarget|. */
  finalError: number
  /** The scored frame with the largest |prediction − target| (the earliest of equals). */
  worstFrame: number
  worstError: number
}

/** Where a curve should end given the episode's outcome, on 0..100 (the end of `docProgress`'s annotator curve). */
export function outcomeFinalProgress(outcome: Outcome): number {
  if (outcome.kind === 'done') return 100
  if (outcome.kind === 'not-done') return outcome.cutoff * 100
  return 0
}

/**
 * Scores one model curve against the episode's target. The target is per frame on 0..1 (`docProgress(...)
 * .progress`) and is put on 0..100 here; the samples are paired with it by frame (`pairByFrame`, the CLI's
 * rule), so a sample outside the episode is ignored. Undefined with fewer than 2 frames where both values are
 * finite: ProcVLM leaves such an episode out of every mean.
 */
export function episodeScores(
  samples: readonly PredictedSample[],
  target: ArrayLike<number>,
  outcome: Outcome,
  options: CurveMetricOptions = {},
): EpisodeScores | undefined {
  const pairs = pairByFrame(
    samples.map((s) => [s.frame, s.progress] as const),
    Array.from(target, (t, frame) => [frame, t * 100] as const),
  )
  const metrics = episodeMetrics(pairs.pred, pairs.target, options)
  if (metrics === undefined) return undefined
  const finalTarget = outcomeFinalProgress(outcome)
  let finalPrediction = NaN
  let worstFrame = -1
  let worstError = -1
  pairs.frames.forEach((frame, i) => {
    const p = pairs.pred[i] as number
    const error = Math.abs(p - (pairs.target[i] as number))
    // The same frames the metrics count: both values finite.
    if (!Number.isFinite(error)) return
    finalPrediction = p
    if (error > worstError) {
      worstError = error
      worstFrame = frame
    }
  })
  return { ...metrics, finalTarget, finalPrediction, finalError: Math.abs(finalPrediction - finalTarget), worstFrame, worstError }
}
