/**
 * Selection lists as ProcVLM reads them (`--selection_path`, `--exception_path`, `--selected_test_file`;
 * procvlm-formats.md §1.5): one `{"dataset_name": …, "episode_name": …}` per line. One file per verdict, so a
 * pipeline can train on the accepted episodes and exclude the rejected ones.
 */
import type { ReviewStatus } from '../review'
import type { ExportFile } from './exportFile'

/** The verdicts that get a list, and the file each goes to. */
export const SELECTION_FILES = {
  accepted: 'selection/accepted.jsonl',
  rejected: 'selection/rejected.jsonl',
  flagged: 'selection/flagged.jsonl',
} as const

/** One line of a selection list, key order as ProcVLM's own files have it. */
export function selectionLine(dataset: string, episode: string): string {
  return `${JSON.stringify({ dataset_name: dataset, episode_name: episode })}\n`
}

/**
 * The three lists for `entries` (in the order given; callers pass episode order). A list with no episode is
 * still written, empty, so that "no rejected episode" reads differently from "not exported".
 */
export function selectionFiles(entries: readonly { dataset: string; episode: string; status: ReviewStatus }[]): ExportFile[] {
  return (Object.keys(SELECTION_FILES) as (keyof typeof SELECTION_FILES)[]).map((status) => ({
    path: SELECTION_FILES[status],
    data: entries.filter((e) => e.status === status).map((e) => selectionLine(e.dataset, e.episode)).join(''),
  }))
}
