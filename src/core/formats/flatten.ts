/**
 * ProcVLM's flattening of raw proposals into per-frame labels, reproduced rule for rule
 * (`ecot/postprocess/flatten_sub_task.py::sub_task_json_to_flattened_list` + `pad_with_null`,
 * procvlm-formats.md §2.4). Quirks are kept on purpose so exported files train exactly as ProcVLM's own.
 */
import type { FlatFrame, RawProposalLine, RawProposalSuccess, RawSubtask } from './procvlmTypes'
import { isRawSuccess } from './procvlmTypes'

type CompleteSubtask = RawSubtask & { start_frame: number; complete_frame: number }

function hasBothFrames(s: RawSubtask): s is CompleteSubtask {
  return s.start_frame !== null && s.complete_frame !== null
}

/** The sub-tasks ProcVLM's flattener considers: those with `start_frame`, `complete_frame` and `name` keys. */
function keyedSubtasks(line: RawProposalSuccess): RawSubtask[] {
  return line.results.subtasks.filter((s) => 'start_frame' in s && 'complete_frame' in s && 'name' in s)
}

/**
 * ProcVLM's outcome rule (§2.4 step 3): not done if `overall_notes` says "not completed" (any case), or if at
 * least half of the keyed sub-tasks lack a start or complete frame (so a proposal with none is not done).
 */
export function proposalIsDone(line: RawProposalSuccess): boolean {
  if ((line.results.overall_notes ?? '').toLowerCase().includes('not completed')) return false
  const subtasks = keyedSubtasks(line)
  const failed = subtasks.filter((s) => s.complete_frame === null || s.start_frame === null).length
  return !(failed >= subtasks.length / 2)
}

/**
 * The per-frame labels of one task segment (frames `task_start ... task_end - 1`), as
 * `sub_task_json_to_flattened_list` builds them:
 * - keyed sub-tasks sorted by `complete_frame` (null last, stable); those missing a start or complete frame skipped;
 * - runs are `[cursor, min(task_end - 1, complete_frame))`, so the completion frame starts the next run;
 * - trailing frames get `done`, else the last completed name, else `not done`.
 */
export function flattenTaskSegment(line: RawProposalSuccess): FlatFrame[] {
  const sorted = keyedSubtasks(line)
    .map((s, i) => ({ s, i }))
    .sort((a, b) => {
      const ka = a.s.complete_frame ?? Number.POSITIVE_INFINITY
      const kb = b.s.complete_frame ?? Number.POSITIVE_INFINITY
      return ka === kb ? a.i - b.i : ka - kb
    })
    .map(({ s }) => s)
  // A frame -> label map, like Python's frame2note: a later write wins, and a cursor that moves backwards
  // (a complete_frame before the previous one's, after clamping) relabels frames.
  const labels = new Map<number, string>()
  let lastEnd = line.task_start
  let lastTask: string | undefined
  for (const s of sorted) {
    if (!hasBothFrames(s)) continue
    const end = Math.min(line.task_end - 1, s.complete_frame)
    for (let f = lastEnd; f < end; f++) labels.set(f, s.name)
    lastEnd = end
    lastTask = s.name
  }
  const tail = proposalIsDone(line) ? 'done' : (lastTask ?? 'not done')
  for (let f = lastEnd; f < line.task_end; f++) labels.set(f, tail)
  const out: FlatFrame[] = []
  for (let f = line.task_start; f < line.task_end; f++) {
    out.push({ frame_id: f, task: line.results.task, sub_task: labels.get(f) ?? null })
  }
  return out
}

/**
 * The whole flattened file for an episode of `frameCount` frames: success lines flattened in `task_start`
 * order (failure lines skipped), then `pad_with_null` appends each missing frame `0 ... frameCount - 1` as
 * `{task: null, sub_task: null}` and stable-sorts by `frame_id`. Overlapping task segments keep duplicate
 * frame ids, as ProcVLM's list does.
 */
export function flattenProposal(lines: readonly RawProposalLine[], frameCount: number): FlatFrame[] {
  const ordered = lines.filter(isRawSuccess).map((l, i) => ({ l, i }))
    .sort((a, b) => (a.l.task_start === b.l.task_start ? a.i - b.i : a.l.task_start - b.l.task_start))
  const out: FlatFrame[] = ordered.flatMap(({ l }) => flattenTaskSegment(l))
  const present = new Set(out.map((f) => f.frame_id))
  for (let f = 0; f < frameCount; f++) {
    if (!present.has(f)) out.push({ frame_id: f, task: null, sub_task: null })
  }
  // Array.prototype.sort is stable, as Python's sorted is.
  return out.sort((a, b) => a.frame_id - b.frame_id)
}
