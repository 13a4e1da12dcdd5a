/**
 * ProcVLM's on-disk record shapes, exactly as its code writes them (docs: procvlm-formats.md §2.3, §2.5).
 * `null` is kept here because the files use it; ProcLens's own types use `undefined`.
 */

/** One sub-task in a raw VLM proposal; frames are already episode-local `frame_index` values. */
export interface RawSubtask {
  id: number
  name: string
  notes?: string
  start_frame: number | null
  complete_frame: number | null
}

/** A raw proposal line the VLM answered (§2.3): one task segment of an episode. */
export interface RawProposalSuccess {
  task_id: number
  task_start: number
  /** Exclusive. */
  task_end: number
  results: { task: string; subtasks: RawSubtask[]; overall_notes?: string }
}

/** A raw proposal line whose output could not be parsed; the flattener skips it. */
export interface RawProposalFailure {
  task_id: number
  task_start: number
  task_end: number
  generated_text: string
}

export type RawProposalLine = RawProposalSuccess | RawProposalFailure

export function isRawSuccess(line: RawProposalLine): line is RawProposalSuccess {
  return 'results' in line
}

/** One line of the flattened ProcCorpus file (§2.5): every frame of the episode, sorted by `frame_id`. */
export interface FlatFrame {
  frame_id: number
  task: string | null
  sub_task: string | null
}
