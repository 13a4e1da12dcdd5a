/**
 * Which of the three annotation formats a file's text is, from its content (file names are not reliable:
 * ProcVLM names the raw and the flattened files the same, `<episode>.sub_task.jsonl`).
 */
import { ProblemLog } from '../problems'
import { isObject, parseJsonl } from './jsonl'
import { RECORD_FORMAT } from './records'

export type AnnotationFormat = 'vlm-proposal' | 'proccorpus-flat' | 'record'

/** How many leading lines are looked at; a malformed first line does not hide the format. */
const LINES_LOOKED_AT = 5

/**
 * `record` when the text is a ProcLens record (`"format": "proclens.annotation"`, one JSON document or JSON
 * Lines), `vlm-proposal` when a line has `task_start`, `proccorpus-flat` when a line has `frame_id`;
 * undefined when none of these.
 */
export function detectFormat(text: string): AnnotationFormat | undefined {
  try {
    const whole: unknown = JSON.parse(text)
    if (isObject(whole) && whole.format === RECORD_FORMAT) return 'record'
  } catch {
    // Not one JSON document: look at the lines.
  }
  const head = text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, LINES_LOOKED_AT).join('\n')
  for (const { value } of parseJsonl(head, new ProblemLog())) {
    if (!isObject(value)) continue
    if (value.format === RECORD_FORMAT) return 'record'
    if ('task_start' in value) return 'vlm-proposal'
    if ('frame_id' in value) return 'proccorpus-flat'
  }
  return undefined
}
