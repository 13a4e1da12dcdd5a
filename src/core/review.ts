/**
 * Where an episode stands in review. Kept apart from the annotation document: changing it is not an edit to
 * the labels and is never undone with them.
 */
export type ReviewStatus = 'unreviewed' | 'in-progress' | 'reviewed' | 'flagged'

export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'in-progress', 'reviewed', 'flagged']

/** How each status reads in the interface. */
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  unreviewed: 'unreviewed',
  'in-progress': 'in progress',
  reviewed: 'reviewed',
  flagged: 'flagged',
}
