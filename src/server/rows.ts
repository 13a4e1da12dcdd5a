/** Rows as the contract spells them (camelCase, ISO times). */
import type { TeamHead, TeamReview } from '@/data/team/teamClient'

export interface HeadRow {
  dataset: string
  episode: number
  annotator: string
  version: number
  doc: TeamHead['doc']
  updated_at: Date
}

export const HEAD_COLUMNS = 'dataset, episode, annotator, version, doc, updated_at'

export function headOf(r: HeadRow): TeamHead {
  return { dataset: r.dataset, episode: r.episode, annotator: r.annotator, version: r.version, doc: r.doc, updatedAt: r.updated_at.toISOString() }
}

export interface ReviewRow {
  dataset: string
  episode: number
  status: TeamReview['status']
  reason: string
  reviewer: string
  version: number
  updated_at: Date
}

export const REVIEW_COLUMNS = 'dataset, episode, status, reason, reviewer, version, updated_at'

export function reviewOf(r: ReviewRow): TeamReview {
  return { dataset: r.dataset, episode: r.episode, status: r.status, reason: r.reason, reviewer: r.reviewer, version: r.version, updatedAt: r.updated_at.toISOString() }
}
