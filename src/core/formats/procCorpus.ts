/**
 * The flattened per-frame ProcCorpus file (`annotation/v2/sub_task/<dataset>/<episode>.sub_task.jsonl`,
 * procvlm-formats.md §2.5): one `{frame_id, task, sub_task}` line per frame.
 */
import type { ProblemLog } from '../problems'
import { isObject, parseJsonl, toJsonl } from './jsonl'
import type { FlatFrame } from './procvlmTypes'

const stringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string'

/** A frame line and its 1-based line number in the file. */
export interface FlatRow {
  frame: FlatFrame
  line: number
}

/**
 * Read a flattened file leniently, keeping line numbers: malformed lines and lines without a non-negative
 * integer `frame_id` are reported and skipped; the rest is returned in file order. A missing `task` or
 * `sub_task` reads as `null`, as ProcVLM's loader reads it.
 */
export function parseProcCorpusRows(text: string, log: ProblemLog): FlatRow[] {
  const out: FlatRow[] = []
  for (const { line, value } of parseJsonl(text, log)) {
    if (!isObject(value) || typeof value.frame_id !== 'number' || !Number.isInteger(value.frame_id) || value.frame_id < 0) {
      log.error('bad-frame-id', 'line has no non-negative integer "frame_id"; skipped', { line })
      continue
    }
    const task = value.task ?? null
    const subTask = value.sub_task ?? null
    if (!stringOrNull(task) || !stringOrNull(subTask)) {
      log.error('bad-label', '"task" and "sub_task" must be strings or null; line skipped', { line })
      continue
    }
    out.push({ frame: { frame_id: value.frame_id, task, sub_task: subTask }, line })
  }
  return out
}

/** Read a flattened file leniently (see `parseProcCorpusRows`); the frames in file order. */
export function parseProcCorpus(text: string, log: ProblemLog): FlatFrame[] {
  return parseProcCorpusRows(text, log).map((r) => r.frame)
}

/** The file's text: one line per frame, in the order given. */
export function writeProcCorpus(frames: readonly FlatFrame[]): string {
  return toJsonl(frames.map((f) => ({ frame_id: f.frame_id, task: f.task, sub_task: f.sub_task })))
}
