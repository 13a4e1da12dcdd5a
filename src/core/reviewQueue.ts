/**
 * The review queue: which episode a reviewer should open next, under a priority they pick. Pure: the caller
 * gathers one `QueueItem` per episode (its review status, the proposal's outcome, the core's problem list, the
 * shortest segment, and the disagreement with loaded model predictions) and keeps the order it gets back.
 *
 * Every priority sorts by review status first, so work nobody has finished comes before verdicts:
 * unreviewed, then in progress, then flagged, then accepted and rejected. Inside a status the priority's key
 * decides; items without the key (no predictions loaded) come after those with it; ties go by episode index.
 */
import type { Outcome } from './annotation'
import type { ReviewStatus } from './review'

export interface QueueItem {
  episodeIndex: number
  status: ReviewStatus
  /** The proposal's outcome kind (`not-done` and `failed` are failures). */
  outcome: Outcome['kind']
  /** Warnings and errors in the core's problem list for the episode's labels. */
  problemCount: number
  /** Frames of the episode's shortest segment. */
  shortestSegment: number
  /**
   * Largest |proposal target − model prediction| over the predicted frames, on 0..1
   * (`disagreementWithPredictions`); undefined when no predictions are loaded.
   */
  disagreement?: number
}

/**
 * - `disagreement`: the proposal's target furthest from the models' predictions first;
 * - `failures`: episodes the proposal calls not done or failed first;
 * - `suspicious`: most problems first, then the shortest segment first (one-frame steps are the usual slip);
 * - `index`: episode order.
 */
export type QueuePriority = 'disagreement' | 'failures' | 'suspicious' | 'index'

export const QUEUE_PRIORITIES: readonly QueuePriority[] = ['disagreement', 'failures', 'suspicious', 'index']

const STATUS_RANK: Record<ReviewStatus, number> = { unreviewed: 0, 'in-progress': 1, flagged: 2, accepted: 3, rejected: 3 }

/** A priority's key for an item, smaller first; undefined when the item lacks it. */
function keyOf(item: QueueItem, priority: QueuePriority): number[] | undefined {
  switch (priority) {
    case 'disagreement':
      return item.disagreement === undefined || Number.isNaN(item.disagreement) ? undefined : [-item.disagreement]
    case 'failures':
      return [item.outcome === 'done' ? 1 : 0]
    case 'suspicious':
      return [-item.problemCount, item.shortestSegment]
    case 'index':
      return []
  }
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return 0
}

/** The items in review order under `priority` (module comment); a new array, the input is left alone. */
export function orderQueue(items: readonly QueueItem[], priority: QueuePriority): QueueItem[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item, priority) }))
  keyed.sort((x, y) => {
    const status = STATUS_RANK[x.item.status] - STATUS_RANK[y.item.status]
    if (status !== 0) return status
    if (x.key === undefined || y.key === undefined) {
      if (x.key !== y.key) return x.key === undefined ? 1 : -1
    } else {
      const byKey = compareKeys(x.key, y.key)
      if (byKey !== 0) return byKey
    }
    return x.item.episodeIndex - y.item.episodeIndex
  })
  return keyed.map((k) => k.item)
}

/** One model prediction: a frame and the progress there on 0..100, as `formats/predictions.ts` reads them. */
export interface PredictedProgress {
  frame: number
  progress: number
}

/**
 * How far a target (0..1 per frame) is from a model's predictions (0..100, the predictions files' scale): the
 * largest |target − progress / 100| over the predicted frames the target has, on 0..1. Frames outside the
 * target and non-finite values are skipped; predictions are not clipped (a model's 104% is 4 points past done).
 * Undefined when no predicted frame falls inside the target.
 */
export function disagreementWithPredictions(target: ArrayLike<number>, predictions: readonly PredictedProgress[]): number | undefined {
  let max: number | undefined
  for (const { frame, progress } of predictions) {
    if (!Number.isInteger(frame) || frame < 0 || frame >= target.length) continue
    const d = Math.abs(target[frame]! - progress / 100)
    if (Number.isFinite(d)) max = Math.max(max ?? 0, d)
  }
  return max
}
