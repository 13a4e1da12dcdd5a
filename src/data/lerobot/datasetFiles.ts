/**
 * Which files a LeRobot v3.0 export reads: the episodes files, the other `meta/` files, the data files. A store
 * that can list folders is walked; one that cannot (plain HTTP) is probed along LeRobot's file numbering, and its
 * unknown extra `meta/` files are missed (the caller says so).
 */
import type { FileStore } from '../fileStore'
import { joinPath } from '../fileStore'
import { formatTemplate } from './info'
import { EPISODES_PARQUET } from './v30Episodes'

/** Every file under `dir`, recursively, sorted; undefined when the store cannot list. */
export async function listTree(store: FileStore, dir: string): Promise<string[] | undefined> {
  if (store.list === undefined) return undefined
  const entries = await store.list(dir)
  if (entries === undefined) return []
  const out: string[] = []
  for (const entry of entries) {
    if (entry.endsWith('/')) out.push(...((await listTree(store, joinPath(dir, entry))) ?? []))
    else out.push(joinPath(dir, entry))
  }
  return out.sort()
}

const EPISODES_FILE = /^meta\/episodes\/chunk-\d+\/file-\d+\.parquet$/

/** `meta/episodes/chunk-XXX/file-YYY.parquet` in the sorted order LeRobot concatenates them. */
export async function episodesFiles(store: FileStore, metaTree: readonly string[] | undefined): Promise<string[]> {
  if (metaTree !== undefined) return metaTree.filter((p) => EPISODES_FILE.test(p))
  // Probing: the next file of the same chunk, else the first of the next chunk, as LeRobot numbers them.
  const found: string[] = []
  let [chunk, file] = [0, 0]
  for (;;) {
    const here = formatTemplate(EPISODES_PARQUET, { chunk_index: chunk, file_index: file })
    const next = formatTemplate(EPISODES_PARQUET, { chunk_index: chunk + 1, file_index: 0 })
    if ((await store.size(here)) !== undefined) {
      found.push(here)
      file++
    } else if (file > 0 && (await store.size(next)) !== undefined) {
      found.push(next);
      [chunk, file] = [chunk + 1, 1]
    } else {
      return found
    }
  }
}

/** Whether a path is one of the episodes files the export rewrites. */
export function isEpisodesFile(path: string): boolean {
  return EPISODES_FILE.test(path)
}

/** The `meta/` files known without a listing. */
export const KNOWN_META_FILES = ['meta/info.json', 'meta/stats.json', 'meta/tasks.parquet', 'meta/tasks.jsonl', 'meta/README.md']

/** The data files: the listing's parquet files under `data/`, else the files the episodes rows point to. */
export async function dataFiles(
  store: FileStore,
  dataPath: string,
  pointers: readonly { chunk: number; file: number }[],
): Promise<string[]> {
  const tree = await listTree(store, 'data')
  if (tree !== undefined && tree.length > 0) return tree.filter((p) => p.endsWith('.parquet'))
  const paths = new Set(pointers.map((p) => formatTemplate(dataPath, { chunk_index: p.chunk, file_index: p.file })))
  return [...paths].sort()
}
