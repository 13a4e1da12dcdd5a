/**
 * Filtering and sorting the episode list. Pure and index-based: the list holds up to hundreds of thousands
 * of rows, so this works on flat arrays and returns the visible row indices, never copies of rows.
 */
import type { ReviewStatus } from '@/core/review'
import type { QueueItem, QueuePriority } from '@/core/reviewQueue'
import { orderQueue } from '@/core/reviewQueue'
import type { DatasetOutcome } from '@/data/DatasetSource'

export type { ReviewStatus }
/** The outcome the VLM labels claim. */
export type OutcomeTag = 'done' | 'not-done' | 'failed' | 'unknown'
/**
 * The outcome filter: the VLM's claim, the dataset's own record, or the episodes where they disagree (a
 * failure labelled as a success is one of the VLM mistakes an audit looks for first).
 */
export type OutcomeFilter = OutcomeTag | 'any' | 'dataset-success' | 'dataset-failure' | 'disagree'
/** `playable`: at least one camera's media exists; `missing`: none of the episode's files do. */
export type FilesFilter = 'any' | 'playable' | 'complete' | 'incomplete' | 'missing'

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
  /** The outcome the dataset itself records (DROID's task state, a LeRobot success field), if any. */
  datasetOutcome: DatasetOutcome | undefined
  /** The review queue's facts (`episodeLabels.queueFacts`), once the labels scan has read the episode. */
  problemCount?: number
  shortestSegment?: number
  disagreement?: number
  /** Which of its files exist (`EpisodeData.availability`'s levels); undefined until checked. */
  availability: 'complete' | 'partial' | 'missing' | undefined
  /** At least one camera's media exists. */
  playable: boolean | undefined
  /** The absent files, for the row's tooltip. */
  absent: readonly string[] | undefined
}

export type PresenceFilter = 'any' | 'yes' | 'no'

export interface EpisodeFilter {
  text: string
  status: ReviewStatus | 'any'
  outcome: OutcomeFilter
  annotations: PresenceFilter
  predictions: PresenceFilter
  files: FilesFilter
  /** `queue:<priority>`: the review queue's order (`core/reviewQueue.ts`), work left first. */
  sort: 'index' | 'length-asc' | 'length-desc' | `queue:${QueuePriority}`
}

export const NO_FILTER: EpisodeFilter = {
  text: '', status: 'any', outcome: 'any', annotations: 'any', predictions: 'any', files: 'any', sort: 'index',
}

export function isFiltering(f: EpisodeFilter): boolean {
  return f.text.trim() !== '' || f.status !== 'any' || f.outcome !== 'any' || f.annotations !== 'any' ||
    f.predictions !== 'any' || f.files !== 'any'
}

/** The VLM's claim contradicts the dataset's record (not done or failed vs success counts too). */
export function outcomesDisagree(vlm: OutcomeTag, dataset: DatasetOutcome | undefined): boolean {
  if (dataset === undefined || vlm === 'unknown') return false
  return dataset.success ? vlm !== 'done' : vlm === 'done'
}

function outcomeMatches(f: OutcomeFilter, r: EpisodeRow): boolean {
  switch (f) {
    case 'any': return true
    case 'dataset-success': return r.datasetOutcome?.success === true
    case 'dataset-failure': return r.datasetOutcome?.success === false
    case 'disagree': return outcomesDisagree(r.outcome, r.datasetOutcome)
    default: return r.outcome === f
  }
}

/** Rows whose presence is not known yet match no files filter but `any`. */
function filesMatch(f: FilesFilter, r: EpisodeRow): boolean {
  switch (f) {
    case 'any': return true
    case 'playable': return r.playable === true
    case 'complete': return r.availability === 'complete'
    case 'incomplete': return r.availability === 'partial' || r.availability === 'missing'
    case 'missing': return r.availability === 'missing'
  }
}

function presenceMatches(filter: PresenceFilter, value: boolean | undefined): boolean {
  return filter === 'any' || (filter === 'yes' ? value === true : value === false)
}

/** A row as the review queue sees it; episodes the labels scan has not read yet sort as having no problem. */
function queueItem(r: EpisodeRow): QueueItem {
  const item: QueueItem = {
    episodeIndex: r.index, status: r.status, outcome: r.outcome === 'unknown' ? 'done' : r.outcome,
    problemCount: r.problemCount ?? 0, shortestSegment: r.shortestSegment ?? Number.MAX_SAFE_INTEGER,
  }
  if (r.disagreement !== undefined) item.disagreement = r.disagreement
  return item
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
    if (!outcomeMatches(f.outcome, r) || !filesMatch(f.files, r)) continue
    if (!presenceMatches(f.annotations, r.hasAnnotations) || !presenceMatches(f.predictions, r.hasPredictions)) continue
    if (words.length > 0) {
      const hay = `${r.task ?? ''} ${r.name} #${r.index}`.toLowerCase()
      if (!words.every((w) => hay.includes(w))) continue
    }
    out.push(i)
  }
  if (f.sort.startsWith('queue:')) {
    const priority = f.sort.slice('queue:'.length) as QueuePriority
    const position = new Map(out.map((p) => [rows[p]!.index, p]))
    return orderQueue(out.map((p) => queueItem(rows[p]!)), priority).map((item) => position.get(item.episodeIndex)!)
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
