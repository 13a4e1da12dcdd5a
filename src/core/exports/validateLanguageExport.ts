/**
 * Checks a language export (convention B) as read back from disk: the §6 "Without Python" rules of
 * `../shared/docs/lerobot-subtask-formats.md` for B. One data file at a time, so a large dataset is never held
 * whole; the features are checked once against `info.json`.
 */
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'
import { LANGUAGE_COLUMNS, SUBTASK_STYLE } from './lerobotLanguage'

/** Both language features must be declared with dtype `language`: LeRobot casts data files to the declared set. */
export function validateLanguageFeatures(features: Readonly<Record<string, unknown>>): Problem[] {
  const log = new ProblemLog({ file: 'meta/info.json' })
  for (const column of LANGUAGE_COLUMNS) {
    const f = features[column] as { dtype?: unknown } | undefined
    if (f?.dtype !== 'language') log.error('language-feature-missing', `features.${column} is not declared with dtype "language"`)
  }
  return log.problems
}

export interface LanguageFileSnapshot {
  path: string
  /** The fields of a `language_events` row struct, from the file's schema. */
  eventFields: readonly string[]
  rows: readonly Readonly<Record<string, unknown>>[]
}

const num = (v: unknown): number | undefined => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined)
const canonical = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x))

interface EpisodeSeen {
  persistent: string
  firstFrame: number
  firstTimestamp: number | undefined
  list: readonly Readonly<Record<string, unknown>>[]
  differs: boolean
}

/** Every rule the file breaks, each naming the file and the episode. */
export function validateLanguageFile(file: LanguageFileSnapshot): Problem[] {
  const log = new ProblemLog({ file: file.path })
  if (file.eventFields.includes('timestamp')) {
    log.error('language-event-timestamp', 'language_events rows carry a timestamp field; LeRobot refuses to cast them')
  }
  const episodes = new Map<number, EpisodeSeen>()
  for (const row of file.rows) {
    const episode = num(row.episode_index) ?? -1
    const frame = num(row.frame_index) ?? Number.POSITIVE_INFINITY
    const raw = row.language_persistent
    if (!Array.isArray(raw)) {
      log.error('language-column-missing', `a row of episode ${episode} has no language_persistent list`, { episode })
      continue
    }
    if (!Array.isArray(row.language_events)) log.error('language-column-missing', `a row of episode ${episode} has no language_events list`, { episode })
    const persistent = canonical(raw)
    const seen = episodes.get(episode)
    if (seen === undefined) {
      episodes.set(episode, { persistent, firstFrame: frame, firstTimestamp: num(row.timestamp), list: raw as Record<string, unknown>[], differs: false })
      continue
    }
    if (seen.persistent !== persistent) seen.differs = true
    if (frame < seen.firstFrame) Object.assign(seen, { firstFrame: frame, firstTimestamp: num(row.timestamp) })
  }
  for (const [episode, seen] of episodes) {
    const where = { episode }
    if (seen.differs) log.error('language-rows-differ', 'language_persistent differs between rows of the episode; it must be the same list on every row', where)
    const starts = seen.list.filter((r) => r.style === SUBTASK_STYLE).map((r) => num(r.timestamp))
    if (starts.length === 0) continue
    if (starts.some((t) => t === undefined)) log.error('language-timestamp-missing', 'a subtask row has no timestamp', where)
    const times = starts.filter((t): t is number => t !== undefined)
    if (new Set(times).size !== times.length) {
      log.error('language-starts-not-distinct', 'two subtask rows share a start; active_at raises "Ambiguous resolver"', where)
    }
    if (times.some((t, i) => i > 0 && t < times[i - 1]!)) log.warn('language-unsorted', 'subtask rows are not in time order', where)
    if (seen.firstTimestamp !== undefined && times[0] !== seen.firstTimestamp) {
      log.error('language-first-start', `the first subtask starts at ${times[0]} s, not at the episode's first frame (${seen.firstTimestamp} s); ` +
        'frames before it have no active subtask', where)
    }
    for (const r of seen.list) {
      if (typeof r.role !== 'string') log.error('language-role-missing', 'a persistent row has no role', where)
      if (r.camera !== null && r.camera !== undefined && r.style === SUBTASK_STYLE) {
        log.error('language-camera', 'a subtask row names a camera; only vqa/trace rows may', where)
      }
    }
  }
  return log.problems
}
