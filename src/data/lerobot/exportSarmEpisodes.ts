/**
 * The SARM half of the LeRobot export: which document annotates which row of `meta/episodes`, and each episodes
 * file rewritten with the SARM columns added. Rows are matched by their `episode_index` value, never by position,
 * so files whose rows are out of order, or split over several files, are handled (LeRobot's own script is not: it
 * indexes each file with the global episode index).
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { SarmEpisode } from '@/core/exports/lerobotSubtasks'
import { SARM_COLUMNS, sarmColumnKind, sarmColumnValues, sarmEpisode } from '@/core/exports/lerobotSubtasks'
import type { EpisodesFileSnapshot } from '@/core/exports/validateSarmExport'
import type { ProblemLog } from '@/core/problems'
import type { ParquetHandle } from '../parquet'
import { numberCell, readParquetRows } from '../parquet'
import type { ColumnPatch } from '../parquetRewrite'
import { rewriteParquet } from '../parquetRewrite'
import { listColumnSchema } from './exportSchema'

/** What the export needs of one `meta/episodes` row. */
export interface EpisodeRow {
  episodeIndex: number
  length: number
  /** The row's `data/chunk_index` and `data/file_index`: where its frames are. */
  data: { chunk: number; file: number }
}

/** The rows of one episodes file, in file order; rows without a usable index or length are reported and skipped. */
export async function readEpisodeRows(handle: ParquetHandle, log: ProblemLog): Promise<EpisodeRow[]> {
  const rows = await readParquetRows(handle, { columns: ['episode_index', 'length', 'data/chunk_index', 'data/file_index'] })
  const out: EpisodeRow[] = []
  for (const [i, row] of rows.entries()) {
    const episodeIndex = numberCell(row.episode_index)
    const length = numberCell(row.length)
    if (episodeIndex === undefined || length === undefined) {
      log.error('lerobot-export-row-invalid', `${handle.path} row ${i} has no episode_index or length; its episode cannot be annotated`)
      continue
    }
    out.push({ episodeIndex, length, data: { chunk: numberCell(row['data/chunk_index']) ?? 0, file: numberCell(row['data/file_index']) ?? 0 } })
  }
  return out
}

/**
 * The documents that match an episode row, by index: a document without a row, with another frame count or fps, or
 * a second one for the same episode is an error and is left out. Returns them by episode index.
 */
export function matchDocs(args: {
  docs: Iterable<AnnotationDoc>; rows: ReadonlyMap<number, EpisodeRow>; fps: number; log: ProblemLog
}): Map<number, AnnotationDoc> {
  const { docs, rows, fps, log } = args
  const out = new Map<number, AnnotationDoc>()
  for (const doc of docs) {
    const episode = doc.episodeIndex
    const row = rows.get(episode)
    if (out.has(episode)) log.error('lerobot-export-duplicate-doc', 'a second document for the episode was left out', { episode })
    else if (row === undefined) log.error('lerobot-export-unknown-episode', 'the dataset has no such episode in meta/episodes', { episode })
    else if (row.length !== doc.frameCount) {
      log.error('lerobot-export-length-mismatch', `the document has ${doc.frameCount} frames, meta/episodes says ${row.length}; ` +
        'the episode is left out', { episode })
    } else if (Math.abs(doc.fps - fps) > 1e-9) {
      log.error('lerobot-export-fps-mismatch', `the document is at ${doc.fps} fps, the dataset at ${fps}; the episode is left out`, { episode })
    } else out.set(episode, doc)
  }
  return out
}

/** The SARM annotation of every matched document. */
export function sarmEpisodes(docs: ReadonlyMap<number, AnnotationDoc>, log: ProblemLog): Map<number, SarmEpisode> {
  return new Map([...docs].map(([episode, doc]) => [episode, sarmEpisode(doc, log)]))
}

/** INT64 list elements must be BigInt for hyparquet-writer. */
function cell(value: unknown[] | null, kind: ReturnType<typeof sarmColumnKind>): unknown[] | null {
  if (value === null || kind !== 'ints') return value
  return value.map((v) => BigInt(v as number))
}

/**
 * One episodes file with the SARM columns added (replacing columns of the same names), plus what the validator
 * needs of it. Episodes without an annotation get null in every new column.
 */
export async function rewriteEpisodesFile(args: {
  handle: ParquetHandle; sarm: ReadonlyMap<number, SarmEpisode>; log: ProblemLog; signal?: AbortSignal | undefined
}): Promise<{ bytes: Uint8Array; snapshot: EpisodesFileSnapshot }> {
  const { handle, sarm, log, signal } = args
  const replaced = SARM_COLUMNS.filter((c) => handle.columns.includes(c))
  if (replaced.length > 0) {
    log.warn('sarm-columns-replaced', `${handle.path} already had ${replaced.join(', ')}; they are replaced, so no stale ` +
      'annotation survives (episodes without a document get null)')
  }
  const snapshotRows: Record<string, unknown>[] = []
  const columnsOf = (episode: unknown): Record<string, unknown[] | null> => {
    const ep = sarm.get(Number(episode))
    return sarmColumnValues(ep ?? { dense: null, sparse: null })
  }
  const patches: ColumnPatch[] = SARM_COLUMNS.map((column, i) => ({
    ...listColumnSchema(column, sarmColumnKind(column)),
    values(rows) {
      // The first patch records each row once for the validator; every patch reads the same rows.
      if (i === 0) for (const r of rows) snapshotRows.push({ episode_index: r.episode_index, length: r.length, ...columnsOf(r.episode_index) })
      return rows.map((r) => cell(columnsOf(r.episode_index)[column] ?? null, sarmColumnKind(column)))
    },
  }))
  const bytes = await rewriteParquet(handle, patches, signal)
  const { parquetMetadata } = await import('hyparquet')
  const schema = parquetMetadata(bytes.slice().buffer).schema
  return { bytes, snapshot: { path: handle.path, schema, rows: snapshotRows } }
}
