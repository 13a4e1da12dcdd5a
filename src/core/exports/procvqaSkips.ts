/**
 * Why a frame that ProcVLM's generator picked yields no record. ProcVLM logs the first kind as a warning and
 * moves on; the other two cannot happen in its pipeline (a failed episode's tail there repeats its last step)
 * and are how ProcLens treats a `not done` tail, as ProcVLM's one-shot annotator does: no sample.
 */
export type ProcvqaSkip =
  /** A finished frame (progress 1) and the document has no finish reason (ProcVLM: the CoT's second sentence). */
  | 'no-finish-reason'
  /** Family c: nothing is left to do but the task is not finished (a `not done` tail). */
  | 'no-remaining-actions'
  /** Family b: the next frame is not in a named step (a `not done` tail), so there is no next action to name. */
  | 'next-not-a-step'

export const SKIP_TEXT: Record<ProcvqaSkip, string> = {
  'no-finish-reason': 'finished frames need a finish reason (the document has none); ProcVLM skips them too',
  'no-remaining-actions': 'frames in a not-done tail have no remaining action to list; ProcVLM\'s one-shot annotator drops them too',
  'next-not-a-step': 'frames followed by a not-done tail frame have no next action; left out like the tail itself',
}

/** Counts of skipped frames by reason. */
export type ProcvqaSkipCounts = Partial<Record<ProcvqaSkip, number>>

export function countSkip(counts: ProcvqaSkipCounts, reason: ProcvqaSkip): void {
  counts[reason] = (counts[reason] ?? 0) + 1
}
