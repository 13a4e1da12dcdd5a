/**
 * ProcLens documents as LeRobot language rows (convention B, `../shared/docs/lerobot-subtask-formats.md` §3): each
 * named step becomes one `style: "subtask"` row of `language_persistent` stamped with its start, and the same list
 * is written on every frame of the episode. Read back, a subtask is active from its start until the next one's.
 *
 * ```text
 *  doc        [ outside ][ reach ][ grasp ][ lift ][ tail ]
 *  rows       reach@t(0)  grasp@t(s1)  lift@t(s2)            t(f) = the data's timestamp of frame f
 *  active     reach ...... grasp ..... lift ................ (leading frames join the first, the tail the last)
 * ```
 * Unlike the SARM export, incomplete steps are kept (the robot is doing them) and the outcome does not matter.
 */
import type { AnnotationDoc } from '../annotation'
import type { ProblemLog } from '../problems'
import { frameToSeconds } from '../time'

/** One row of `language_persistent`, fields in LeRobot's order (a type, so it reads as a stored row). */
export type LanguageRow = {
  role: string
  content: string | null
  style: string | null
  timestamp: number
  camera: string | null
  tool_calls: string[] | null
}

export const SUBTASK_STYLE = 'subtask'

/** The two columns and their `info.json` feature entry (the same for both). */
export const LANGUAGE_COLUMNS = ['language_persistent', 'language_events'] as const
export const LANGUAGE_FEATURE = { dtype: 'language', shape: [1], names: null } as const

export type LanguageDocInput = Pick<AnnotationDoc, 'episodeIndex' | 'fps' | 'segments'>

/**
 * The subtask rows of one document, or null when it has none to give (no named step, or an unnamed one, which is an
 * error). `timestampOf(frame)` is the data's own `timestamp` of an episode frame (float32); a frame it does not know
 * falls back to `frame / fps` in float32, with a warning. The first row is moved to the episode's first frame, so no
 * frame is left without an active subtask (as `lerobot-annotate` stitches).
 */
export function subtaskLanguageRows(
  doc: LanguageDocInput,
  timestampOf: (frame: number) => number | undefined,
  log: ProblemLog,
): LanguageRow[] | null {
  const episode = doc.episodeIndex
  const steps = doc.segments.filter((s) => s.kind === 'step')
  const unnamed = steps.filter((s) => s.label.trim() === '')
  if (unnamed.length === steps.length) {
    log.warn('language-no-named-step', 'no step has a name; the episode gets no subtask rows', { episode })
    return null
  }
  if (unnamed.length > 0) {
    log.error('language-unnamed-step', `${unnamed.length} step(s) have no name (frames ${unnamed.map((s) => `${s.start}–${s.end - 1}`).join(', ')}); ` +
      'name them or merge them into a neighbour. The episode gets no subtask rows', { episode })
    return null
  }
  const missing: number[] = []
  const stamp = (frame: number): number => {
    const t = timestampOf(frame)
    if (t !== undefined) return t
    missing.push(frame)
    return Math.fround(frameToSeconds(frame, doc.fps))
  }
  const rows = steps.map((s, k): LanguageRow => ({
    role: 'assistant', content: s.label, style: SUBTASK_STYLE, timestamp: stamp(k === 0 ? 0 : s.start), camera: null, tool_calls: null,
  }))
  if (missing.length > 0) {
    log.warn('language-frame-missing', `the data has no row for frame(s) ${missing.join(', ')}; their timestamps are ` +
      'taken as frame / fps', { episode })
  }
  return rows
}

/** Code-point order, as Python compares strings (localeCompare would depend on the locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** A stored row, as read back: the fields of {@link LanguageRow}, or more in a newer LeRobot. */
export type StoredLanguageRow = Readonly<Record<string, unknown>>

function sortKey(row: StoredLanguageRow): [number, string, string] {
  const text = (v: unknown): string => (typeof v === 'string' ? v : '')
  return [Number(row.timestamp ?? 0), text(row.style), text(row.role)]
}

/**
 * A row's new persistent list: its other styles kept (plan, memory, task_aug…), its old subtask rows replaced by
 * `subtasks` (none when null), sorted by (timestamp, style, role) as LeRobot's writer sorts them.
 */
export function mergeSubtaskRows(existing: readonly StoredLanguageRow[] | null, subtasks: readonly LanguageRow[] | null): StoredLanguageRow[] {
  const kept = (existing ?? []).filter((r) => r.style !== SUBTASK_STYLE)
  return [...kept, ...(subtasks ?? [])].sort((a, b) => {
    const [ta, sa, ra] = sortKey(a)
    const [tb, sb, rb] = sortKey(b)
    if (ta !== tb) return ta - tb
    const style = compareText(sa, sb)
    return style !== 0 ? style : compareText(ra, rb)
  })
}
