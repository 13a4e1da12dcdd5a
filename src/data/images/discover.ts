/**
 * Finds image-sequence episodes under a root (docs/datasets.md, "Image sequences"):
 * - `dataset.json` at the root lists episode folders (needed where the store cannot list, e.g. plain HTTP);
 * - a folder with `episode.json` is one ProcLens-layout episode;
 * - a folder with `information.json` and `images/` is one DROID-export episode (crowndata layout);
 * - otherwise a folder holding numbered image files is one episode ("plain").
 * The root itself may be an episode. The walk stops descending at an episode and goes 3 levels deep.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { FileStore } from '../fileStore'
import { basename, joinPath } from '../fileStore'
import { isFrameFile } from './frameFiles'

export type ImageLayout = 'proclens' | 'droid' | 'plain'

export interface ImageEpisodeRef {
  name: string
  /** The episode folder, relative to the root (`''` for the root itself). */
  dir: string
  layout: ImageLayout
}

export interface DatasetManifest {
  episodes: string[]
  fps?: number
  name?: string
}

export interface Discovery {
  refs: ImageEpisodeRef[]
  manifest: DatasetManifest | undefined
  problems: Problem[]
}

export const DATASET_JSON = 'dataset.json'
export const EPISODE_JSON = 'episode.json'
export const DROID_INFO = 'information.json'
const SKIP = new Set(['annotation/', 'meta/', 'node_modules/', 'trajectories/'])
const MAX_DEPTH = 3
const MAX_LISTINGS = 20_000
const SAMPLE = 3

function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true })
}

async function readManifest(store: FileStore, problems: Problem[]): Promise<DatasetManifest | undefined> {
  if ((await store.size(DATASET_JSON)) === undefined) return undefined
  try {
    const raw = JSON.parse(await store.readText(DATASET_JSON)) as { episodes?: unknown; fps?: unknown; name?: unknown }
    if (!Array.isArray(raw.episodes)) throw new Error('no "episodes" list')
    const manifest: DatasetManifest = { episodes: raw.episodes.filter((e): e is string => typeof e === 'string') }
    if (typeof raw.fps === 'number' && raw.fps > 0) manifest.fps = raw.fps
    if (typeof raw.name === 'string') manifest.name = raw.name
    return manifest
  } catch (e) {
    problems.push(dataProblem('info-invalid', `${DATASET_JSON} is unusable (${(e as Error).message})`, { file: DATASET_JSON }))
    return undefined
  }
}

function classify(entries: string[]): ImageLayout | undefined {
  if (entries.includes(EPISODE_JSON)) return 'proclens'
  if (entries.includes(DROID_INFO) && entries.includes('images/')) return 'droid'
  if (entries.some(isFrameFile)) return 'plain'
  return undefined
}

/**
 * When a folder has many sub-folders and the first few are episodes of one layout, all of them are taken as
 * episodes without listing each: 400,000 episode folders cost a handful of listings, not 400,000. Episodes
 * that turn out not to match report their problems when loaded.
 */
async function sameLayoutSiblings(store: FileStore, children: string[]): Promise<ImageLayout | undefined> {
  if (children.length <= SAMPLE * 2) return undefined
  const sample = [...children].sort(naturalCompare).slice(0, SAMPLE)
  const layouts = await Promise.all(sample.map(async (c) => {
    const entries = await store.list?.(c)
    return entries === undefined ? undefined : classify(entries)
  }))
  const first = layouts[0]
  return first !== undefined && layouts.every((l) => l === first) ? first : undefined
}

/** Walks the root; `undefined` when nothing looks like an image-sequence episode. */
export async function discoverImageEpisodes(store: FileStore): Promise<Discovery | undefined> {
  const problems: Problem[] = []
  const manifest = await readManifest(store, problems)
  if (manifest !== undefined) {
    const refs = manifest.episodes.map((dir): ImageEpisodeRef => ({ name: basename(dir), dir: joinPath(dir), layout: 'proclens' }))
    return { refs, manifest, problems }
  }
  if ((await store.size(EPISODE_JSON)) !== undefined) {
    return { refs: [{ name: store.name, dir: '', layout: 'proclens' }], manifest, problems }
  }
  if ((await store.size(DROID_INFO)) !== undefined) {
    return { refs: [{ name: store.name, dir: '', layout: 'droid' }], manifest, problems }
  }
  if (store.list === undefined) return undefined
  const refs: ImageEpisodeRef[] = []
  let level = ['']
  let listings = 0
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0 && listings < MAX_LISTINGS; depth++) {
    const next: string[] = []
    for (const dir of level) {
      const entries = await store.list(dir)
      listings += 1
      if (entries === undefined) continue
      const layout = classify(entries)
      if (layout !== undefined) {
        refs.push({ name: dir === '' ? store.name : basename(dir), dir, layout })
        continue
      }
      const children = entries.filter((e) => e.endsWith('/') && !e.startsWith('.') && !SKIP.has(e)).map((e) => joinPath(dir, e))
      const siblings = await sameLayoutSiblings(store, children)
      if (siblings === undefined) next.push(...children)
      else {
        listings += SAMPLE
        refs.push(...children.map((c) => ({ name: basename(c), dir: c, layout: siblings })))
      }
    }
    level = next.sort(naturalCompare)
  }
  if (refs.length === 0) return undefined
  refs.sort((a, b) => naturalCompare(a.dir, b.dir))
  return { refs, manifest, problems }
}
