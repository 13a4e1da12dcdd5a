/**
 * The language half of the LeRobot export (convention B): one data file rewritten with `language_persistent` and
 * `language_events`. Each episode's subtask rows are stamped with the file's own `timestamp` values (float32), and
 * the same list is written on every row of the episode. A file that already has the columns keeps its other
 * styles and its events; only `style: "subtask"` rows are replaced.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { LanguageRow, StoredLanguageRow } from '@/core/exports/lerobotLanguage'
import { mergeSubtaskRows, subtaskLanguageRows } from '@/core/exports/lerobotLanguage'
import type { LanguageFileSnapshot } from '@/core/exports/validateLanguageExport'
import type { ProblemLog } from '@/core/problems'
import type { ParquetHandle } from '../parquet'
import { numberCell, readParquetRows } from '../parquet'
import type { ColumnPatch } from '../parquetRewrite'
import { columnSchema, rewriteParquet } from '../parquetRewrite'
import { languageEventsSchema, languagePersistentSchema } from './exportSchema'

/** Each episode's frame timestamps in this file, by frame index. */
async function frameTimestamps(handle: ParquetHandle): Promise<Map<number, Map<number, number>>> {
  const rows = await readParquetRows(handle, { columns: ['episode_index', 'frame_index', 'timestamp'] })
  const out = new Map<number, Map<number, number>>()
  for (const row of rows) {
    const [episode, frame, t] = [numberCell(row.episode_index), numberCell(row.frame_index), numberCell(row.timestamp)]
    if (episode === undefined || frame === undefined || t === undefined) continue
    let frames = out.get(episode)
    if (frames === undefined) out.set(episode, (frames = new Map<number, number>()))
    frames.set(frame, t)
  }
  return out
}

function storedRows(value: unknown): StoredLanguageRow[] | null {
  return Array.isArray(value) ? (value as StoredLanguageRow[]) : null
}

/** The file rewritten, plus the light rows the validator checks (lists shared by reference, not copied). */
export async function rewriteLanguageFile(args: {
  handle: ParquetHandle; docs: ReadonlyMap<number, AnnotationDoc>; log: ProblemLog; signal?: AbortSignal | undefined
}): Promise<{ bytes: Uint8Array; snapshot: LanguageFileSnapshot }> {
  const { handle, docs, log, signal } = args
  if (!['episode_index', 'frame_index', 'timestamp'].every((c) => handle.columns.includes(c))) {
    throw new Error('it lacks episode_index, frame_index or timestamp')
  }
  const stamps = await frameTimestamps(handle)
  const subtasks = new Map<number, LanguageRow[] | null>()
  for (const episode of stamps.keys()) {
    const doc = docs.get(episode)
    const frames = stamps.get(episode)
    subtasks.set(episode, doc === undefined ? null : subtaskLanguageRows(doc, (f) => frames?.get(f), log))
  }
  const hadPersistent = handle.columns.includes('language_persistent')
  const hadEvents = handle.columns.includes('language_events')
  // A whole episode shares one list object when nothing per-row is kept, so the validator's rows cost no copies.
  const fresh = new Map<number, StoredLanguageRow[]>()
  const persistentOf = (row: Readonly<Record<string, unknown>>): StoredLanguageRow[] => {
    const episode = Number(row.episode_index)
    if (hadPersistent) return mergeSubtaskRows(storedRows(row.language_persistent), subtasks.get(episode) ?? null)
    let list = fresh.get(episode)
    if (list === undefined) fresh.set(episode, (list = mergeSubtaskRows(null, subtasks.get(episode) ?? null)))
    return list
  }
  const rows: Record<string, unknown>[] = []
  const own = hadPersistent ? await columnSchema(handle, 'language_persistent') : undefined
  const patches: ColumnPatch[] = [{
    ...(own === undefined ? languagePersistentSchema() : { schema: own, arrow: 'keep' as const }),
    values(group) {
      const lists = group.map(persistentOf)
      for (const [i, r] of group.entries()) {
        rows.push({ episode_index: r.episode_index, frame_index: r.frame_index, timestamp: r.timestamp, language_persistent: lists[i],
          language_events: hadEvents ? r.language_events : [] })
      }
      return lists
    },
  }]
  if (!hadEvents) patches.push({ ...languageEventsSchema(), values: (group) => group.map(() => []) })
  const bytes = await rewriteParquet(handle, patches, signal)
  const { parquetMetadata, parquetSchema } = await import('hyparquet')
  const tree = parquetSchema(parquetMetadata(bytes.slice().buffer))
  const events = tree.children.find((c) => c.element.name === 'language_events')
  const eventFields = events?.children[0]?.children[0]?.children.map((c) => c.element.name) ?? []
  return { bytes, snapshot: { path: handle.path, eventFields, rows } }
}
