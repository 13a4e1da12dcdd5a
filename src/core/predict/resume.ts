/**
 * Resuming from a partial output: the complete lines of what a stopped run wrote are kept and their frames are
 * not asked again. A run appends whole lines only, so anything after the last newline is the tail of a write
 * that was cut off, and is dropped.
 */

export interface PartialOutput {
  /** The text to keep: every complete line that is a JSON object. */
  kept: string
  records: Record<string, unknown>[]
  /** Lines dropped (a cut-off tail, or a line that is not a JSON object). */
  dropped: number
}

export function readPartialOutput(text: string): PartialOutput {
  const pieces = text.split('\n')
  const tail = pieces.pop() ?? ''
  let dropped = tail.trim() === '' ? 0 : 1
  const keptLines: string[] = []
  const records: Record<string, unknown>[] = []
  for (const line of pieces) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      value = undefined
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      keptLines.push(line)
      records.push(value as Record<string, unknown>)
    } else dropped++
  }
  return { kept: keptLines.map((l) => `${l}\n`).join(''), records, dropped }
}

/** The metadata fields that must match for a run to continue another's file. */
export const RUN_KEYS = ['model', 'protocol', 'prompt', 'sampling', 'window', 'seed', 'camera'] as const

/**
 * The first field where `record` (a line already written) differs from this run's `meta`, or undefined when
 * the run may continue the file. Fields absent from both are equal.
 */
export function runMismatch(record: Record<string, unknown>, meta: Record<string, unknown>): string | undefined {
  return RUN_KEYS.find((k) => JSON.stringify(record[k]) !== JSON.stringify(meta[k]))
}
