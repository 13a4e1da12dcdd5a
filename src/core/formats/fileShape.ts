/**
 * What a file looks like, in one phrase, and whether its first lines are any of the shapes a reader expects:
 * a file of another format (a benchmark's results fed as predictions) is then reported once, saying what was
 * expected and what it looks like, instead of once per line.
 */
import { ProblemLog } from '../problems'
import { isObject, parseJsonl } from './jsonl'

/** How many leading non-blank lines decide; a few malformed ones among them do not hide the shape. */
const LINES_LOOKED_AT = 5
const SHOWN_KEYS = 6

function quoted(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return `"${flat.length > max ? `${flat.slice(0, max)}…` : flat}"`
}

function keyList(value: Record<string, unknown>): string {
  const keys = Object.keys(value)
  if (keys.length === 0) return 'no keys'
  return `keys ${keys.slice(0, SHOWN_KEYS).join(', ')}${keys.length > SHOWN_KEYS ? ', …' : ''}`
}

function headLines(text: string): string[] {
  const out: string[] = []
  for (const line of text.split(/\r?\n/, 10_000)) {
    if (line.trim() === '') continue
    // A huge line is described from its start; parsing megabytes only to name its keys is not worth it.
    out.push(line.length > 100_000 ? line.slice(0, 100_000) : line)
    if (out.length === LINES_LOOKED_AT) break
  }
  return out
}

/** A phrase for what the text looks like: `a JSON object per line with keys id, task_goal, … (1438 lines)`. */
export function describeShape(text: string): string {
  if (text.trim() === '') return 'an empty file'
  const start = text.slice(0, 4096)
  // NUL bytes, or the replacement characters a non-UTF-8 file decodes to, mean it is not text at all.
  let unreadable = 0
  for (const ch of start) if (ch === '\u0000' || ch === '\uFFFD') unreadable++
  if (unreadable > 0 && unreadable * 20 > start.length) return `binary data, not text (starts ${quoted([...start.slice(0, 24)].map((c) => (c >= ' ' && c <= '~' ? c : '.')).join(''), 24)})`
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '').length
  const count = `${lines} line${lines === 1 ? '' : 's'}`
  const first = parseJsonl(headLines(text)[0] ?? '', new ProblemLog())[0]?.value
  if (isObject(first)) return `a JSON object per line with ${keyList(first)} (${count})`
  if (Array.isArray(first)) return `a JSON array per line (${count})`
  if (first !== undefined) return `a JSON ${first === null ? 'null' : typeof first} per line (${count})`
  const head = headLines(text)[0] ?? ''
  if (head.includes(',') || head.includes('\t')) return `a table whose first line is ${quoted(head)} (${count})`
  return `text starting ${quoted(head)} (${count})`
}

/**
 * False when the first lines parse as JSON but none is an object with one of `keys`: the file is some other
 * JSON Lines format. Lines that do not parse at all leave the answer to the per-line reports (a truncated file
 * of the right format must still load its good lines).
 */
export function looksLikeJsonlWith(text: string, keys: readonly string[]): boolean {
  let parsed = 0
  for (const { value } of parseJsonl(headLines(text).join('\n'), new ProblemLog())) {
    parsed++
    if (isObject(value) && keys.some((k) => k in value)) return true
  }
  return parsed === 0
}

/** Logs the one `unrecognised-format` error: what the reader expected and what the file looks like. */
export function reportUnrecognised(text: string, expected: string, log: ProblemLog): void {
  log.error('unrecognised-format', `matches none of the expected formats: expected ${expected}; the file is ${describeShape(text)}`)
}
