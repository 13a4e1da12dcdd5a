/**
 * Filtering and sorting the episode list. Pure and index-based: the list holds up to hundreds of thousands
 * of rows, so this works on flat arrays and returns the visible row indices, never copies of rows.
 */
import type { ReviewStatus } from '@/core/review'

export type { ReviewStatus }
export type OutcomeTag = 'done' | 'not-done' | 'failed' | 'unknown'

/** What the list knows about an episode; fields fill in as background scans finish. */
export interface EpisodeRow {
  index: number
  name: string
  /** Frames; undefined until known. */
  length: number | undefined
  task: string | undefined
  status: ReviewStatus
  outcome: OutcomeTag
  hasAnnotations: boolean | undefined
  hasPredictions: boolean | undefined
}

export type PresenceFilter = 'any' | 'yes' | 'no'

export interface EpisodeFilter {
  text: string
  status: ReviewStatus | 'any'
  outcome: OutcomeTag | 'any'
  annotations: PresenceFilter
  predictions: PresenceFilter
  sort: 'index' | 'length-asc' | 'length-desc'
}

export const NO_FILTER: EpisodeFilter = {
  text: '', status: 'any', outcome: 'any', annotations: 'any', predictions: 'any', sort: 'index',
}

export function isFiltering(f: EpisodeFilter): boolean {
  return f.text.trim() !== '' || f.status !== 'any' || f.outcome !== 'any' || f.annotations !== 'any' || f.predictions !== 'any'
}

function presenceMatches(filter: PresenceFilter, value: boolean | undefined): boolean {
  return filter === 'any' || (filter === 'yes' ? value === true : value === false)
}

/**
 * The positions in `rows` to show, in display order. Text matches the task or the episode name/index,
 * case-insensitively, every whitespace-separated word anywhere.
 */
export function filterEpisodes(rows: readonly EpisodeRow[], f: EpisodeFilter): number[] {
  const words = f.text.toLowerCase().split(/\s+/).filter((w) => w !== '')
  const out: number[] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!
    if (f.status !== 'any' && r.status !== f.status) continue
    if (f.outcome !== 'any' && r.outcome !== f.outcome) continue
    if (!presenceMatches(f.annotations, r.hasAnnotations) || !presenceMatches(f.predictions, r.hasPredictions)) continue
    if (words.length > 0) {
      const hay = `${r.task ?? ''} ${r.name} #${r.index}`.toLowerCase()
      if (!words.every((w) => hay.includes(w))) continue
    }
    out.push(i)
  }
  if (f.sort !== 'index') {
    const sign = f.sort === 'length-asc' ? 1 : -1
    // Unknown lengths sort last either way; ties keep index order (stable sort).
    out.sort((a, b) => {
      const la = rows[a]!.length
      const lb = rows[b]!.length
      if (la === undefined || lb === undefined) return la === lb ? 0 : la === undefined ? 1 : -1
      return sign * (la - lb)
    })
  }
  return out
}
