/**
 * Where an episode stands in review. Kept apart from the annotation document: changing it is not an edit to
 * the labels and is never undone with them.
 *
 * - `unreviewed`: nobody has looked yet (the default; nothing is stored).
 * - `in-progress`: someone opened it and edited, without a verdict.
 * - `accepted`: the labels as they stand (the proposal, or the correction) are fit for training.
 * - `rejected`: the episode should not be trained on (bad recording, wrong task).
 * - `flagged`: needs someone else's eyes; carries a reason.
 */
export type ReviewStatus = 'unreviewed' | 'in-progress' | 'accepted' | 'rejected' | 'flagged'

export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'in-progress', 'accepted', 'rejected', 'flagged']

/** How each status reads in the interface. */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  unreviewed: 'unreviewed',
  'in-progress': 'in progress',
  accepted: 'accepted',
  rejected: 'rejected',
  flagged: 'flagged',
}

/** An episode's review: its status, why (for flagged and rejected), who, and when. */
export interface ReviewState {
  status: ReviewStatus
  /** Why it was flagged or rejected; empty otherwise. */
  reason?: string
  /** The reviewer's name as they gave it (settings), not an account. */
  reviewer?: string
  /** When review first began (ms since the epoch). */
  startedAt?: number
  /** When the status last changed (ms since the epoch). */
  updatedAt?: number
}

export const UNREVIEWED: ReviewState = { status: 'unreviewed' }

/** Statuses that end a review: the queue moves past them, selection lists are written for them. */
export function isVerdict(status: ReviewStatus): status is 'accepted' | 'rejected' | 'flagged' {
  return status === 'accepted' || status === 'rejected' || status === 'flagged'
}

/** Read a status stored by an older ProcLens: `reviewed` (schema 1–2) became `accepted`. */
export function migrateStatus(status: string): ReviewStatus {
  if (status === 'reviewed') return 'accepted'
  return (REVIEW_STATUSES as readonly string[]).includes(status) ? (status as ReviewStatus) : 'unreviewed'
}
