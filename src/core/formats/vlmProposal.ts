/**
 * The raw VLM proposal file (`sub_task_jsonl/<dataset>/<episode>.sub_task.jsonl` before flattening,
 * procvlm-formats.md §2.3): one line per task segment, either a success line
 * `{task_id, task_start, task_end, results: {task, subtasks, overall_notes}}` or a failure line
 * `{task_id, task_start, task_end, generated_text}`.
 *
 * Read leniently: each line is checked as ProcVLM's flattener would use it. A line or sub-task that
 * ProcVLM would ignore is dropped with a warning (so flattening what is kept gives ProcVLM's result); one that
 * would crash ProcVLM, or that cannot be read, is reported as an error.
 */
import { ProblemLog } from '../problems'
import type { Problem } from '../problems'
import { isObject, parseJsonl, toJsonl } from './jsonl'
import type { RawProposalLine, RawProposalSuccess, RawSubtask } from './procvlmTypes'
import { isRawSuccess } from './procvlmTypes'

/** The lines read, each with its 1-based line number in the file, and the problems. */
export interface ParsedProposal {
  lines: RawProposalLine[]
  /** `lineNumbers[i]` is the file line of `lines[i]`. */
  lineNumbers: number[]
  problems: Problem[]
}

const LINE_KEYS = new Set(['task_id', 'task_start', 'task_end', 'results', 'generated_text'])
const RESULT_KEYS = new Set(['task', 'subtasks', 'overall_notes'])
const SUBTASK_KEYS = new Set(['id', 'name', 'notes', 'start_frame', 'complete_frame'])

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)

/**
 * Read a raw proposal file. `context` names the file and episode in the problems.
 * Malformed lines are skipped; see docs/formats.md for each problem kind.
 */
export function parseVlmProposal(text: string, context: { file?: string; episode?: string } = {}): ParsedProposal {
  const log = new ProblemLog(context)
  const lines: RawProposalLine[] = []
  const lineNumbers: number[] = []
  const starts = new Map<number, number>()
  for (const { line, value } of parseJsonl(text, log)) {
    const parsed = parseLine(value, log, line)
    if (parsed === undefined) continue
    const previous = starts.get(parsed.task_start)
    if (previous !== undefined) {
      log.error('duplicate-task-start', `task_start ${parsed.task_start} also starts line ${previous}; ProcVLM's flatten_sub_task.py asserts unique task starts and stops on this file`, { line })
    } else {
      starts.set(parsed.task_start, line)
    }
    lines.push(parsed)
    lineNumbers.push(line)
  }
  return { lines, lineNumbers, problems: log.problems }
}

function parseLine(value: unknown, log: ProblemLog, line: number): RawProposalLine | undefined {
  if (!isObject(value)) {
    log.error('malformed-line', 'a proposal line must be a JSON object; skipped', { line })
    return undefined
  }
  const { task_start: start, task_end: end } = value
  if (!isInt(start) || !isInt(end) || start < 0) {
    log.error('malformed-line', 'a proposal line needs integer "task_start" >= 0 and "task_end"; skipped', { line })
    return undefined
  }
  if (end <= start) {
    log.error('malformed-line', `task_end ${end} is not after task_start ${start}; skipped`, { line })
    return undefined
  }
  let taskId = 0
  if (isInt(value.task_id)) taskId = value.task_id
  else log.warn('bad-field', `"task_id" is ${JSON.stringify(value.task_id) ?? 'missing'}, not an integer; read as 0`, { line })
  warnUnknownKeys(value, LINE_KEYS, { what: 'the line', log, line })
  const head = { task_id: taskId, task_start: start, task_end: end }
  if ('results' in value) return parseResults(value.results, head, log, line)
  if ('generated_text' in value) {
    const g = value.generated_text
    if (typeof g === 'string') return { ...head, generated_text: g }
    log.warn('bad-field', '"generated_text" is not a string (ProcVLM stores the partly parsed JSON there); kept as its JSON text', { line })
    return { ...head, generated_text: JSON.stringify(g) ?? '' }
  }
  log.error('malformed-line', 'the line has neither "results" nor "generated_text"; skipped', { line })
  return undefined
}

function parseResults(results: unknown, head: Omit<RawProposalSuccess, 'results'>, log: ProblemLog, line: number): RawProposalSuccess | undefined {
  if (!isObject(results) || !Array.isArray(results.subtasks)) {
    log.error('malformed-line', '"results" must be an object with a "subtasks" list (ProcVLM\'s flattener fails without it); skipped', { line })
    return undefined
  }
  warnUnknownKeys(results, RESULT_KEYS, { what: '"results"', log, line })
  let task = ''
  if (typeof results.task === 'string') task = results.task
  else log.warn('missing-task', '"results.task" is missing or not a string (ProcVLM\'s flattener fails on it); read as ""', { line })
  const out: RawProposalSuccess = { ...head, results: { task, subtasks: [] } }
  const notes = results.overall_notes
  if (typeof notes === 'string') out.results.overall_notes = notes
  else if (notes !== undefined) log.warn('bad-field', '"overall_notes" is not a string (ProcVLM\'s flattener fails on it); ignored', { line })
  for (const [i, raw] of results.subtasks.entries()) {
    const s = parseSubtask(raw, i, log, line)
    if (s !== undefined) out.results.subtasks.push(s)
  }
  return out
}

function parseSubtask(raw: unknown, index: number, log: ProblemLog, line: number): RawSubtask | undefined {
  const where = `sub-task ${index + 1}`
  if (!isObject(raw)) {
    log.warn('missing-field', `${where} is not an object; ProcVLM's flattener ignores it; dropped`, { line })
    return undefined
  }
  const missing = ['name', 'start_frame', 'complete_frame'].filter((k) => !(k in raw))
  if (missing.length > 0) {
    log.warn('missing-field', `${where} has no ${missing.map((k) => `"${k}"`).join(', ')}; ProcVLM's flattener ignores it; dropped`, { line })
    return undefined
  }
  if (typeof raw.name !== 'string') {
    log.error('bad-field', `${where}: "name" is ${JSON.stringify(raw.name)}, not a string; dropped`, { line })
    return undefined
  }
  warnUnknownKeys(raw, SUBTASK_KEYS, { what: where, log, line })
  let id = index + 1
  if (isInt(raw.id)) id = raw.id
  else log.warn('bad-field', `${where}: "id" is ${JSON.stringify(raw.id) ?? 'missing'}, not an integer; numbered ${id}`, { line })
  const s: RawSubtask = {
    id,
    name: raw.name,
    start_frame: frameField(raw.start_frame, `${where} ("${raw.name}") start_frame`, log, line),
    complete_frame: frameField(raw.complete_frame, `${where} ("${raw.name}") complete_frame`, log, line),
  }
  if (typeof raw.notes === 'string') s.notes = raw.notes
  else if (raw.notes !== undefined) log.warn('bad-field', `${where}: "notes" is not a string; ignored`, { line })
  return s
}

function frameField(v: unknown, what: string, log: ProblemLog, line: number): number | null {
  if (v === null || isInt(v)) return v
  log.error('bad-field', `${what} is ${JSON.stringify(v)}, not an integer frame or null; read as null`, { line })
  return null
}

function warnUnknownKeys(obj: Record<string, unknown>, known: ReadonlySet<string>, at: { what: string; log: ProblemLog; line: number }): void {
  const extra = Object.keys(obj).filter((k) => !known.has(k))
  if (extra.length > 0) at.log.warn('unknown-field', `${at.what} has fields ProcLens does not keep: ${extra.join(', ')}`, { line: at.line })
}

/**
 * The file's text. Keys are written in the order of ProcVLM's prompt (`id, notes, start_frame, complete_frame,
 * name`); `notes` and `overall_notes` only when present.
 */
export function writeVlmProposal(lines: readonly RawProposalLine[]): string {
  return toJsonl(lines.map((l) => {
    const head = { task_id: l.task_id, task_start: l.task_start, task_end: l.task_end }
    if (!isRawSuccess(l)) return { ...head, generated_text: l.generated_text }
    const subtasks = l.results.subtasks.map((s) => ({
      id: s.id,
      ...(s.notes === undefined ? {} : { notes: s.notes }),
      start_frame: s.start_frame,
      complete_frame: s.complete_frame,
      name: s.name,
    }))
    const results = {
      task: l.results.task,
      subtasks,
      ...(l.results.overall_notes === undefined ? {} : { overall_notes: l.results.overall_notes }),
    }
    return { ...head, results }
  }))
}
