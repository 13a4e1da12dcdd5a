/**
 * Exports ProcLens documents into a copy of a LeRobot v3.0 dataset's metadata, for SARM (docs/lerobot-export.md).
 *
 * API (everything a CLI command or the app needs):
 * ```ts
 * exportLerobot(store, docs, { emit, language?, onProgress?, signal? }): Promise<Problem[]>
 * ```
 * - `store`: the dataset (any FileStore: a local folder in Node or the browser, HTTP, …). Nothing is written to it.
 * - `docs`: the documents to export, as an iterable or a Map keyed by episode index. Episodes without one get null.
 * - `emit(file)`: receives each output file (`{ path, data }`, paths relative to the export root, e.g.
 *   `meta/episodes/chunk-000/file-000.parquet`) as soon as it is ready; the next file is read only once the promise
 *   resolves, so at most one data file is in memory. Files are emitted in this order: the episodes files, the two
 *   `meta/temporal_proportions_*.json`, the other `meta/` files byte for byte (`info.json` with the language
 *   features when `language`), then with `language` every `data/` parquet file.
 * - `language: true`: also writes LeRobot's `language_persistent` / `language_events` columns into every data file
 *   (a dataset then needs lerobot ≥ 0.6.0 to load).
 * - `onProgress(done, total)`: files done so far; `signal` aborts between files and row groups (the promise rejects
 *   with the signal's reason).
 * - Returns every problem found, each naming its file or episode. A dataset the export cannot read at all (no
 *   `meta/info.json`, not v3.0, no episodes file) gives one error and emits nothing. Otherwise a bad document or file
 *   is reported and the rest continues; the written files are checked with the core validators, whose findings are
 *   returned too.
 * - Videos and the data files (without `language`) are not copied: the emitted files are laid over a copy of the
 *   dataset, or the dataset itself (docs/lerobot-export.md).
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { ExportFile } from '@/core/exports/exportFile'
import { LANGUAGE_COLUMNS, LANGUAGE_FEATURE } from '@/core/exports/lerobotLanguage'
import { AUTO_SPARSE_NAME } from '@/core/exports/lerobotSubtasks'
import type { Proportions } from '@/core/exports/temporalProportions'
import { proportionsJson, temporalProportions } from '@/core/exports/temporalProportions'
import { validateLanguageFeatures, validateLanguageFile } from '@/core/exports/validateLanguageExport'
import type { EpisodesFileSnapshot } from '@/core/exports/validateSarmExport'
import { validateSarmExport } from '@/core/exports/validateSarmExport'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { FileStore } from '../fileStore'
import type { ParquetHandle } from '../parquet'
import { openParquet } from '../parquet'
import { dataFiles, episodesFiles, isEpisodesFile, KNOWN_META_FILES, listTree } from './datasetFiles'
import { parseInfo } from './info'
import { rewriteLanguageFile } from './exportLanguageData'
import type { EpisodeRow } from './exportSarmEpisodes'
import { matchDocs, readEpisodeRows, rewriteEpisodesFile, sarmEpisodes } from './exportSarmEpisodes'

export interface LerobotExportOptions {
  emit: (file: ExportFile) => Promise<void>
  language?: boolean
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

const PROPORTIONS = (level: 'dense' | 'sparse'): string => `meta/temporal_proportions_${level}.json`

function fatal(kind: string, message: string, remedy?: string): Problem[] {
  return [{ severity: 'error', kind, message, file: 'meta/info.json', ...(remedy === undefined ? {} : { remedy }) }]
}

/** info.json with both language features declared (kept when present); everything else as it was. */
function infoWithLanguage(text: string): string {
  const info = JSON.parse(text) as { features?: Record<string, unknown> }
  const features = info.features ?? {}
  for (const column of LANGUAGE_COLUMNS) features[column] ??= { ...LANGUAGE_FEATURE, shape: [...LANGUAGE_FEATURE.shape] }
  info.features = features
  // LeRobot writes info.json with a four-space indent.
  return `${JSON.stringify(info, null, 4)}\n`
}

/** The export (see the file's header for the contract). */
export async function exportLerobot(
  store: FileStore,
  docs: Iterable<AnnotationDoc> | ReadonlyMap<number, AnnotationDoc>,
  options: LerobotExportOptions,
): Promise<Problem[]> {
  const { emit, signal } = options
  const language = options.language === true
  const log = new ProblemLog()
  if ((await store.size('meta/info.json')) === undefined) {
    return fatal('lerobot-export-no-info', `${store.label} has no meta/info.json; it is not a LeRobot dataset`)
  }
  const infoText = await store.readText('meta/info.json')
  const { info } = parseInfo(infoText)
  if (info === undefined) return fatal('lerobot-export-no-info', 'meta/info.json is unusable (no fps or total_episodes)')
  if (!info.codebaseVersion.startsWith('v3')) {
    return fatal('lerobot-export-version', `the dataset is LeRobot ${info.codebaseVersion === '' ? '(no version)' : info.codebaseVersion}; SARM reads v3.0 ` +
      'datasets only (meta/episodes/*.parquet, dataset_from_index)',
    'convert it with LeRobot\'s `python -m lerobot.datasets.v30.convert_dataset_v21_to_v30 --repo-id=…` first, then export again')
  }
  const metaTree = await listTree(store, 'meta')
  const episodePaths = await episodesFiles(store, metaTree)
  if (episodePaths.length === 0) return fatal('lerobot-export-no-episodes', 'no meta/episodes/chunk-*/file-*.parquet file was found')

  const handles: ParquetHandle[] = []
  const rows = new Map<number, EpisodeRow>()
  for (const path of episodePaths) {
    try {
      const handle = await openParquet(store, path)
      handles.push(handle)
      for (const row of await readEpisodeRows(handle, log)) {
        if (rows.has(row.episodeIndex)) log.error('lerobot-export-duplicate-row', `${path} repeats episode ${row.episodeIndex}`, { episode: row.episodeIndex })
        else rows.set(row.episodeIndex, row)
      }
    } catch (e) {
      log.error('lerobot-export-unreadable', `${path} cannot be read (${(e as Error).message}); the export lacks it`)
    }
  }
  const all = docs instanceof Map ? (docs as ReadonlyMap<number, AnnotationDoc>).values() : (docs as Iterable<AnnotationDoc>)
  const matched = matchDocs({ docs: all, rows, fps: info.fps, log })
  const sarm = sarmEpisodes(matched, log)
  const dense = temporalProportions([...sarm.values()].map((e) => ({ episodeIndex: e.episodeIndex, subtasks: e.dense })), log)
  const annotated = [...sarm.values()].some((e) => e.dense !== null)
  const sparse: Proportions | undefined = annotated ? [[AUTO_SPARSE_NAME, 1]] : undefined

  const data = language ? await dataFiles(store, info.dataPath, [...rows.values()].map((r) => r.data)) : []
  const metaCopies = (metaTree ?? (await presentKnownMeta(store, log))).filter((p) =>
    !isEpisodesFile(p) && p !== PROPORTIONS('dense') && p !== PROPORTIONS('sparse'))
  const total = handles.length + 1 + metaCopies.length + data.length
  let done = 0
  const step = async (file: ExportFile): Promise<void> => {
    await emit(file)
    options.onProgress?.(++done, total)
  }

  const snapshots: EpisodesFileSnapshot[] = []
  for (const handle of handles) {
    signal?.throwIfAborted()
    try {
      const { bytes, snapshot } = await rewriteEpisodesFile({ handle, sarm, log, signal })
      snapshots.push(snapshot)
      await step({ path: handle.path, data: bytes })
    } catch (e) {
      if (signal?.aborted === true) throw e
      log.error('lerobot-export-unwritable', `${handle.path} cannot be rewritten (${(e as Error).message}); the export lacks it`)
    }
  }
  if (sparse !== undefined) {
    await emit({ path: PROPORTIONS('dense'), data: proportionsJson(dense) })
    await step({ path: PROPORTIONS('sparse'), data: proportionsJson(sparse) })
  } else {
    log.error('sarm-nothing-annotated', 'no document gave a usable annotation, so no temporal proportions were written; SARM cannot train on this export')
    options.onProgress?.(++done, total)
  }
  log.problems.push(...validateSarmExport({ fps: info.fps, files: snapshots, proportions: { dense: sparse && dense, sparse } })
    .filter((p) => sparse !== undefined || p.kind !== 'sarm-none-usable'))

  for (const path of metaCopies) {
    signal?.throwIfAborted()
    if (path === 'meta/info.json' && language) {
      const text = infoWithLanguage(infoText)
      log.problems.push(...validateLanguageFeatures((JSON.parse(text) as { features: Record<string, unknown> }).features))
      await step({ path, data: text })
    } else {
      await step({ path, data: await store.readBytes(path) })
    }
  }

  for (const path of data) {
    signal?.throwIfAborted()
    try {
      const handle = await openParquet(store, path)
      const { bytes, snapshot } = await rewriteLanguageFile({ handle, docs: matched, log, signal })
      log.problems.push(...validateLanguageFile(snapshot))
      await step({ path, data: bytes })
    } catch (e) {
      if (signal?.aborted === true) throw e
      log.error('language-file-unwritable', `${path} cannot be rewritten (${(e as Error).message}); the export lacks it, so LeRobot will not load the dataset`)
    }
  }
  return log.problems
}

/** Without a listing, the known `meta/` files that exist, with a warning that others may be missed. */
async function presentKnownMeta(store: FileStore, log: ProblemLog): Promise<string[]> {
  log.warn('lerobot-export-unlisted', `${store.label} cannot list folders; only ${KNOWN_META_FILES.join(', ')} were copied from meta/ ` +
    '(besides the episodes files); copy any other meta/ file by hand')
  const present: string[] = []
  for (const path of KNOWN_META_FILES) if ((await store.size(path)) !== undefined) present.push(path)
  return present
}
