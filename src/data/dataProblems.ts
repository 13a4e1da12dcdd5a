/**
 * The catalogue of problems the dataset readers report (docs/datasets.md lists the same kinds with what the
 * user can do). One table fixes each kind's severity, so a kind never means "error" in one reader and
 * "warning" in another.
 */
import type { Problem } from '@/core/problems'

const SEVERITY = {
  // dataset level
  'info-invalid': 'error',
  'unsupported-version': 'warning',
  'episodes-index-missing': 'error',
  'episodes-index-malformed': 'warning',
  'episodes-unsorted': 'warning',
  'episode-count-mismatch': 'warning',
  'splits-mismatch': 'warning',
  'feature-names-mismatch': 'warning',
  'tasks-missing': 'warning',
  'listing-unavailable': 'error',
  'annotation-index-invalid': 'warning',
  // episode level: presence
  'episode-missing': 'error',
  'data-missing': 'error',
  'data-unreadable': 'error',
  'video-missing': 'error',
  'video-path-mismatch': 'warning',
  'embedded-images': 'warning',
  'image-missing': 'error',
  // episode level: content
  'length-mismatch': 'warning',
  'frame-index-gap': 'warning',
  'episode-rows-mismatch': 'error',
  'task-missing': 'warning',
  'fps-unknown': 'warning',
  'fps-mismatch': 'warning',
  'image-count-mismatch': 'warning',
  // video files
  'codec-unsupported': 'error',
  'codec-mismatch': 'warning',
  'variable-frame-rate': 'warning',
  'frame-count-mismatch': 'warning',
  'non-square-pixels': 'warning',
  'audio-track': 'warning',
  'video-corrupt': 'error',
  'video-truncated': 'error',
  'video-size-mismatch': 'warning',
} as const satisfies Record<string, Problem['severity']>

/** Every problem kind the dataset readers emit. */
export type DataProblemKind = keyof typeof SEVERITY

/** The severity of a kind, as catalogued. */
export function severityOf(kind: DataProblemKind): Problem['severity'] {
  return SEVERITY[kind]
}

/** Every catalogued kind (for docs and tests). */
export function allDataProblemKinds(): DataProblemKind[] {
  return Object.keys(SEVERITY) as DataProblemKind[]
}

/** Builds a problem with the catalogued severity. `episode` is the episode index. */
export function dataProblem(
  kind: DataProblemKind,
  message: string,
  where: { episode?: number; file?: string; line?: number } = {},
): Problem {
  return { severity: SEVERITY[kind], kind, message, ...where }
}
