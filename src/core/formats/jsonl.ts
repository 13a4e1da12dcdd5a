/**
 * Lenient JSON Lines reading shared by every importer: one bad line becomes a problem and the rest still loads.
 * Python's `json.dumps` writes `NaN`, `Infinity` and `-Infinity`, which JSON.parse rejects; those lines are
 * read with the non-finite numbers as `null` and reported.
 */
import type { ProblemLog } from '../problems'

export interface JsonlRow {
  /** 1-based line number in the file. */
  line: number
  value: unknown
}

const NON_FINITE = /(?<=[:,[]\s*)-?(?:NaN|Infinity)(?=\s*[,}\]])/g

/** Parse every non-blank line; malformed lines are reported to `log` and skipped. */
export function parseJsonl(text: string, log: ProblemLog): JsonlRow[] {
  const rows: JsonlRow[] = []
  const lines = text.split(/\r?\n/)
  for (const [i, raw] of lines.entries()) {
    const trimmed = raw.trim()
    if (trimmed === '') continue
    const line = i + 1
    // The CLI and the app decode files as UTF-8, so bytes that are not UTF-8 arrive as U+FFFD: say so, or a
    // Latin-1 episode name or label would load silently garbled.
    if (trimmed.includes('\uFFFD')) log.warn('invalid-utf8', 'the line has bytes that are not UTF-8 (shown as �); save the file as UTF-8', { line })
    try {
      rows.push({ line, value: JSON.parse(trimmed) })
      continue
    } catch {
      // fall through to the lenient retry
    }
    const repaired = trimmed.replace(NON_FINITE, 'null')
    if (repaired !== trimmed) {
      try {
        rows.push({ line, value: JSON.parse(repaired) })
        log.warn('non-finite-number', 'NaN or Infinity in this line was read as null', { line })
        continue
      } catch {
        // still malformed
      }
    }
    const preview = trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed
    log.error('malformed-json', `not valid JSON, line skipped: ${preview}`, { line })
  }
  return rows
}

/** Serialise rows as JSON Lines with a trailing newline (ProcVLM's `write_jsonlines` layout). */
export function toJsonl(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '')
}

/** True for a plain JSON object (not an array or null). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
