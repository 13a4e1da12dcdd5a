/**
 * The outcome a dataset records for an episode itself, read from wherever datasets keep it: DROID's
 * `taskState` ("SUCCESS" / "FAILURE"), episode-level fields of a LeRobot episode index (`success`,
 * `is_success`, `task_success`, `episode_success`, `outcome`), and LeRobot's per-frame `next.success`.
 * Values that say neither success nor failure ("UNKNOWN", null) record nothing.
 */
import type { DatasetOutcome } from './DatasetSource'

/** Episode-level field names, in the order they are trusted. */
export const OUTCOME_FIELDS = ['success', 'is_success', 'task_success', 'episode_success', 'outcome', 'taskState', 'task_state'] as const

const SUCCESS_WORDS = new Set(['success', 'succeeded', 'successful', 'true', 'done', 'completed', 'yes'])
const FAILURE_WORDS = new Set(['failure', 'failed', 'fail', 'false', 'not done', 'incomplete', 'no'])

/** true / false for a value that says success / failure, undefined otherwise. */
export function successOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined
  if (typeof value === 'bigint') return value === 1n ? true : value === 0n ? false : undefined
  if (typeof value !== 'string') return undefined
  const word = value.trim().toLowerCase()
  return SUCCESS_WORDS.has(word) ? true : FAILURE_WORDS.has(word) ? false : undefined
}

/** The outcome in the first outcome field of `fields` that says one; `where` names the file for the user. */
export function outcomeFromFields(fields: Record<string, unknown>, where: string): DatasetOutcome | undefined {
  for (const name of OUTCOME_FIELDS) {
    const success = successOf(fields[name])
    if (success !== undefined) return { success, source: `${where} ${name} ${JSON.stringify(fields[name])}` }
  }
  return undefined
}

/**
 * The outcome of LeRobot's per-frame `next.success` (true on the frames after the goal was reached): success
 * when any frame says so. Undefined when no frame carries a value.
 */
export function outcomeFromFrames(values: readonly unknown[], where: string): DatasetOutcome | undefined {
  let seen = false
  for (const v of values) {
    const success = successOf(v)
    if (success === true) return { success: true, source: `${where} next.success (true from some frame on)` }
    if (success === false) seen = true
  }
  return seen ? { success: false, source: `${where} next.success (false on every frame)` } : undefined
}
