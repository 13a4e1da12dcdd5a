/**
 * TanStack Query option factories over DatasetSource (house style §11), one per resource, used as they are
 * everywhere. Dataset files are immutable, so nothing is refetched (`staleTime: Infinity`), and the query cache
 * is the only cache: every query of a root reaches the opened dataset through the dataset query itself
 * (`client.ensureQueryData`), so a source's learned offsets and caches are shared.
 *
 * A dataset root is a string: an http(s) URL, a path on the app's origin (`/demo`), or the id
 * {@link registerLocalStore} gave a local folder.
 */
import { queryOptions, skipToken } from '@tanstack/react-query'
import type { QueryClient } from '@tanstack/react-query'
import { similaritiesFromHashes, visualChangeOf } from '@/core/similarities'
import type { EpisodeRef } from '../annotations/episodeAnnotation'
import { loadEpisodeAnnotation } from '../annotations/episodeAnnotation'
import { loadEpisodePredictions } from '../annotations/episodePredictions'
import type { CameraMedia, DatasetSource } from '../DatasetSource'
import { db, predictionFiles } from './db'
import { datasetIdentity } from './datasetIdentity'
import { loadedCurves } from '../annotations/loadedPredictions'
import { computeVisualChange } from './visualChange/computeVisualChange'
import { mediaIdentity, readCachedHashes, writeCachedHashes } from './visualChange/visualChangeCache'
import { readPhashSidecar } from '../phashSidecar'
import type { FileStore } from '../fileStore'
import { createHttpFileStore } from '../httpFileStore'
import { openDataset } from '../openDataset'
import { openDatasetUrl } from '../openDatasetUrl'

export type DatasetRoot = string

const LOCAL = 'local:'
/**
 * The stores of the local folders picked in this page. Not a cache: a folder handle cannot be rebuilt from the
 * root string, so the registry is what lets a string name it (and why a local root does not survive a reload).
 */
const localStores = new Map<DatasetRoot, FileStore>()
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

export const datasetKeys = {
  all: ['dataset'] as const,
  info: (root: DatasetRoot) => [...datasetKeys.all, root] as const,
  episodes: (root: DatasetRoot) => [...datasetKeys.info(root), 'episodes'] as const,
  page: (root: DatasetRoot, start: number, end: number) => [...datasetKeys.episodes(root), start, end] as const,
  presence: (root: DatasetRoot, start: number, end: number) => [...datasetKeys.info(root), 'presence', start, end] as const,
  episode: (root: DatasetRoot, index: number) => [...datasetKeys.info(root), 'episode', index] as const,
  /** Keyed by the frame count and fps the document is built for: a list row and the opened episode share it when they agree. */
  annotation: (root: DatasetRoot, index: number, frames: number | 'auto', fps: number | 'dataset') =>
    [...datasetKeys.episode(root, index), 'annotation', frames, fps] as const,
  predictions: (root: DatasetRoot, index: number) => [...datasetKeys.episode(root, index), 'predictions'] as const,
  visualChange: (root: DatasetRoot, index: number, camera: string) => [...datasetKeys.episode(root, index), 'visual-change', camera] as const,
}

/** The dataset itself: format, name, fps, cameras, episode count, dataset-level problems. */
export function datasetOptions(root: DatasetRoot) {
  return queryOptions({
    queryKey: datasetKeys.info(root),
    // A URL's failure is diagnosed (CORS, refused, 404, …); a local folder's error says what it holds.
    queryFn: () => (isLocalRoot(root) ? openDataset(storeFor(root)) : openDatasetUrl(root)),
    staleTime: Infinity,
    retry: false,
  })
}

/** The opened dataset of a root, from the cache when another query already opened it. */
export function ensureDataset(client: QueryClient, root: DatasetRoot): Promise<DatasetSource> {
  return client.ensureQueryData(datasetOptions(root))
}

/** One page of the episode list (`[start, end)`), for a virtual list. */
export function episodesPageOptions(root: DatasetRoot, start: number, end: number) {
  return queryOptions({
    queryKey: datasetKeys.page(root, start, end),
    queryFn: async ({ client }) => (await ensureDataset(client, root)).listEpisodes(start, end),
    staleTime: Infinity,
  })
}

/** Which files of episodes `[start, end)` exist (`DatasetSource.checkPresence`), for the list and "next episode". */
export function presenceOptions(root: DatasetRoot, start: number, end: number) {
  return queryOptions({
    queryKey: datasetKeys.presence(root, start, end),
    queryFn: async ({ client }) => (await ensureDataset(client, root)).checkPresence(start, end),
    staleTime: Infinity,
  })
}

/** An episode: per-frame table, cameras with media facts, problems. */
export function episodeOptions(root: DatasetRoot, index: number) {
  return queryOptions({
    queryKey: datasetKeys.episode(root, index),
    queryFn: async ({ client }) => (await ensureDataset(client, root)).loadEpisode(index),
    staleTime: Infinity,
  })
}

/**
 * The VLM labels of an episode as a document (`loadEpisodeAnnotation`), for a list row or the opened episode.
 * Its problems come back as data; only an unreadable dataset rejects.
 */
export function episodeAnnotationOptions(root: DatasetRoot, episode: EpisodeRef) {
  return queryOptions({
    queryKey: datasetKeys.annotation(root, episode.index, episode.length ?? 'auto', episode.fps ?? 'dataset'),
    queryFn: async ({ client }) => loadEpisodeAnnotation(await ensureDataset(client, root), episode),
    staleTime: Infinity,
  })
}

/**
 * Every model's predictions for an episode: the inference files its annotation lookup found next to the
 * dataset, then the files loaded for the dataset (IndexedDB, `loadedPredictions.ts`). Loading or removing a
 * file invalidates these queries (`invalidatePredictions`).
 */
export function episodePredictionsOptions(root: DatasetRoot, episode: EpisodeRef) {
  return queryOptions({
    queryKey: datasetKeys.predictions(root, episode.index),
    queryFn: async ({ client }) => {
      const source = await ensureDataset(client, root)
      const { files } = await client.fetchQuery(episodeAnnotationOptions(root, episode))
      const found = await loadEpisodePredictions(source, files)
      const loaded = await predictionFiles(db, datasetIdentity(root, source.name, globalThis.location?.href ?? 'http://localhost/')).catch(() => [])
      if (loaded.length === 0) return found
      const extra = loadedCurves(loaded, { index: episode.index, name: episode.name })
      return { curves: [...found.curves, ...extra.curves], problems: [...found.problems, ...extra.problems] }
    },
    staleTime: Infinity,
  })
}

/** Every episode's predictions are read again (a prediction file was loaded or removed). */
export function invalidatePredictions(client: QueryClient, root: DatasetRoot): Promise<void> {
  return client.invalidateQueries({ queryKey: datasetKeys.info(root), predicate: (q) => q.queryKey.includes('predictions') })
}

/** A camera's visual change: similarities for the progress engine and the timeline's waveform. */
export interface VisualChange {
  camera: string
  /** `similarities[k - 1]` = sim(frame k-1, frame k), as the progress engine takes them. */
  similarities: Float64Array
  /** `1 - similarity` per frame (0 for frame 0): the waveform. */
  peaks: Float32Array
  /** Frames that could not be hashed (their similarities count as 1.0). */
  unhashed: number
  /** Read from the browser's cache rather than computed now. */
  cached: boolean
}

/**
 * The visual change of a camera of an episode (ProcVLM hashes the reference camera): read from IndexedDB, or
 * hashed in a worker and kept there (`identity` is the dataset's storage identity). `onProgress` reports
 * frames hashed while it computes; leaving the episode cancels the computation.
 */
export function visualChangeOptions(args: {
  root: DatasetRoot
  identity: string
  episode: { index: number; length: number }
  /** Undefined when the episode has no camera: the query then never runs. */
  camera: CameraMedia | undefined
  onProgress?: (done: number, total: number) => void
}) {
  const { root, identity, episode, camera } = args
  return queryOptions({
    queryKey: datasetKeys.visualChange(root, episode.index, camera?.key ?? ''),
    queryFn: camera === undefined ? skipToken : async ({ client, signal }): Promise<VisualChange> => {
      const source = await ensureDataset(client, root)
      const key = { dataset: identity, episode: episode.index, camera: camera.key }
      const media = await mediaIdentity(source, camera)
      let hashes = await readCachedHashes(db, key, media, episode.length).catch(() => undefined)
      const cached = hashes !== undefined
      if (hashes === undefined) {
        // A pHash sidecar next to the dataset (`proclens phash DATASET --sidecar`) made from this very media spares
        // the decoding; a missing, stale or damaged one only means computing as before.
        const sidecar = await readPhashSidecar(source.store, camera, episode.index, media).catch(() => undefined)
        hashes = sidecar?.length === episode.length
          ? { camera: camera.key, frames: sidecar }
          : await computeVisualChange({ source, camera, frameCount: episode.length, signal, ...(args.onProgress !== undefined ? { onProgress: args.onProgress } : {}) })
        // A cache that cannot be written only means hashing again next time.
        await writeCachedHashes(db, key, media, hashes).catch(() => undefined)
      }
      const similarities = similaritiesFromHashes(hashes.frames)
      return {
        camera: camera.key, similarities, peaks: visualChangeOf(similarities, episode.length),
        unhashed: hashes.frames.filter((f) => f.phash === undefined).length, cached,
      }
    },
    staleTime: Infinity,
    retry: false,
  })
}
