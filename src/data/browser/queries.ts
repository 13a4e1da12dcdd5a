/**
 * TanStack Query option factories over DatasetSource (house style §11). Dataset files are immutable, so nothing
 * is refetched (`staleTime: Infinity`). A dataset root is a string: an http(s) URL, a path on the app's origin
 * (`/demo`), or the id {@link registerLocalStore} gave a local folder.
 */
import { queryOptions } from '@tanstack/react-query'
import type { DatasetSource } from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { createHttpFileStore } from '../httpFileStore'
import { openDataset } from '../openDataset'

export type DatasetRoot = string

const LOCAL = 'local:'
const localStores = new Map<DatasetRoot, FileStore>()
const sources = new Map<DatasetRoot, Promise<DatasetSource>>()
let localCounter = 0

/** Registers a local folder's store and returns its root id (`local:1:<name>`); valid until the page unloads. */
export function registerLocalStore(store: FileStore): DatasetRoot {
  localCounter += 1
  const root = `${LOCAL}${localCounter}:${store.name}`
  localStores.set(root, store)
  return root
}

/** True for roots that name a local folder (they cannot survive a reload). */
export function isLocalRoot(root: DatasetRoot): boolean {
  return root.startsWith(LOCAL)
}

/** The store behind a root. Throws for a local id that is not registered (e.g. after a reload). */
export function storeFor(root: DatasetRoot): FileStore {
  if (isLocalRoot(root)) {
    const store = localStores.get(root)
    if (store === undefined) throw new Error(`the local folder ${root.slice(root.lastIndexOf(':') + 1)} is no longer open; choose it again`)
    return store
  }
  return createHttpFileStore(root)
}

/** The opened dataset, shared by every query of a root (so a source's learned offsets and caches are reused). */
export function datasetSourceFor(root: DatasetRoot): Promise<DatasetSource> {
  let entry = sources.get(root)
  if (entry === undefined) {
    entry = Promise.resolve().then(() => openDataset(storeFor(root)))
    entry.catch(() => sources.delete(root))
    sources.set(root, entry)
  }
  return entry
}

/** Forgets a root (closing a local folder): its source, store and object URLs go. */
export function forgetDataset(root: DatasetRoot): void {
  sources.delete(root)
  localStores.get(root)?.dispose?.()
  localStores.delete(root)
}

export const datasetKeys = {
  all: ['dataset'] as const,
  info: (root: DatasetRoot) => [...datasetKeys.all, root] as const,
  episodes: (root: DatasetRoot) => [...datasetKeys.info(root), 'episodes'] as const,
  page: (root: DatasetRoot, start: number, end: number) => [...datasetKeys.episodes(root), start, end] as const,
  scan: (root: DatasetRoot) => [...datasetKeys.episodes(root), 'scan'] as const,
  episode: (root: DatasetRoot, index: number) => [...datasetKeys.info(root), 'episode', index] as const,
  annotations: (root: DatasetRoot, index: number) => [...datasetKeys.episode(root, index), 'annotations'] as const,
}

/** The dataset itself: format, name, fps, cameras, episode count, dataset-level problems. */
export function datasetOptions(root: DatasetRoot) {
  return queryOptions({
    queryKey: datasetKeys.info(root),
    queryFn: () => datasetSourceFor(root),
    staleTime: Infinity,
    retry: false,
  })
}

/** One page of the episode list (`[start, end)`), for a virtual list. */
export function episodesPageOptions(root: DatasetRoot, start: number, end: number) {
  return queryOptions({
    queryKey: datasetKeys.page(root, start, end),
    queryFn: async () => (await datasetSourceFor(root)).listEpisodes(start, end),
    staleTime: Infinity,
  })
}

/** The whole episode index (filters, sorting, counts); runs in the background, cancelled with its query. */
export function episodeScanOptions(root: DatasetRoot) {
  return queryOptions({
    queryKey: datasetKeys.scan(root),
    queryFn: async ({ signal }) => (await datasetSourceFor(root)).scanAllEpisodes(undefined, signal),
    staleTime: Infinity,
  })
}

/** An episode: per-frame table, cameras with media facts, problems. */
export function episodeOptions(root: DatasetRoot, index: number) {
  return queryOptions({
    queryKey: datasetKeys.episode(root, index),
    queryFn: async () => (await datasetSourceFor(root)).loadEpisode(index),
    staleTime: Infinity,
  })
}

/** Annotation files found next to the dataset for an episode. */
export function annotationFilesOptions(root: DatasetRoot, index: number) {
  return queryOptions({
    queryKey: datasetKeys.annotations(root, index),
    queryFn: async () => (await datasetSourceFor(root)).findAnnotations(index),
    staleTime: Infinity,
  })
}
