/**
 * Reads what one image-sequence episode holds (task, fps, frame files per camera) for each layout, reporting
 * what is missing or inconsistent instead of failing.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { DatasetOutcome } from '../DatasetSource'
import { outcomeFromFields } from '../datasetOutcome'
import type { FileStore } from '../fileStore'
import { joinPath } from '../fileStore'
import type { ImageEpisodeRef } from './discover'
import { DROID_INFO, EPISODE_JSON } from './discover'
import { groupFrames, isFrameFile, sortFrames } from './frameFiles'

export const ASSUMED_FPS = 30

export interface EpisodeSpec {
  ref: ImageEpisodeRef
  task: string
  fps: number
  cameras: { key: string; paths: string[] }[]
  length: number
  /** DROID exports carry a preview `video.mp4` of one camera. */
  previewVideo?: string
  /** The `dataLength` the metadata states (DROID), to compare with the frames found. */
  statedLength?: number
  /** The outcome the metadata records (DROID `taskState`, `success` in episode.json). */
  outcome?: DatasetOutcome
  problems: Problem[]
}

type Json = Record<string, unknown>

async function readJson(store: FileStore, path: string, problems: Problem[], episode: number): Promise<Json | undefined> {
  if ((await store.size(path)) === undefined) return undefined
  try {
    const value = JSON.parse(await store.readText(path)) as unknown
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {}
  } catch (e) {
    problems.push(dataProblem('info-invalid', `${path} is not valid JSON (${(e as Error).message})`, { episode, file: path }))
    return undefined
  }
}

function positive(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined
}

async function listFrames(store: FileStore, dir: string): Promise<string[] | undefined> {
  const entries = await store.list?.(dir)
  return entries?.filter(isFrameFile)
}

interface SpecContext {
  store: FileStore
  ref: ImageEpisodeRef
  episode: number
  problems: Problem[]
}

async function proclensCameras({ store, ref, problems, episode }: SpecContext, meta: Json): Promise<EpisodeSpec['cameras']> {
  const files = meta.files
  if (files !== null && typeof files === 'object' && !Array.isArray(files)) {
    return Object.entries(files as Json).map(([key, names]) => ({
      key,
      paths: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string').map((n) => joinPath(ref.dir, key, n)) : [],
    }))
  }
  const entries = await store.list?.(ref.dir)
  if (entries === undefined) {
    problems.push(dataProblem('listing-unavailable',
      `${store.label} cannot list folders, so the frames of ${ref.name} are unknown; add "files" to its ${EPISODE_JSON}`,
      { episode, file: joinPath(ref.dir, EPISODE_JSON) }))
    return []
  }
  const order = Array.isArray(meta.cameras) ? meta.cameras.filter((c): c is string => typeof c === 'string') : undefined
  const dirs = entries.filter((e) => e.endsWith('/')).map((e) => e.slice(0, -1))
  const keys = order ?? dirs.sort()
  const cameras: EpisodeSpec['cameras'] = []
  for (const key of keys) {
    const names = await listFrames(store, joinPath(ref.dir, key))
    if (names !== undefined && names.length > 0) cameras.push({ key, paths: sortFrames(names).map((n) => joinPath(ref.dir, key, n)) })
  }
  for (const group of groupFrames(entries, 'frames')) {
    cameras.push({ key: group.key, paths: group.names.map((n) => joinPath(ref.dir, n)) })
  }
  return cameras
}

async function droidCameras({ store, ref, problems, episode }: SpecContext): Promise<EpisodeSpec['cameras']> {
  const imagesDir = joinPath(ref.dir, 'images')
  const table = await readJson(store, joinPath(imagesDir, 'camera_images.json'), problems, episode)
  const listed = await store.list?.(imagesDir)
  if (table === undefined || !Array.isArray(table.columns) || !Array.isArray(table.data)) {
    return groupFrames(listed ?? [], 'frames').map((g) => ({ key: g.key, paths: g.names.map((n) => joinPath(imagesDir, n)) }))
  }
  const columns = table.columns.map(String)
  const rows = table.data.filter(Array.isArray) as unknown[][]
  const cameras = columns.map((key, c) => ({
    key,
    paths: rows.map((row) => row[c]).filter((n): n is string => typeof n === 'string').map((n) => joinPath(imagesDir, n)),
  }))
  if (listed !== undefined) {
    const present = new Set(listed.map((n) => joinPath(imagesDir, n)))
    const absent = cameras.flatMap((c) => c.paths.filter((p) => !present.has(p)))
    if (absent.length > 0) {
      problems.push(dataProblem('image-missing',
        `${absent.length} frame file(s) listed in camera_images.json are absent (first: ${absent[0] ?? ''})`, { episode }))
    }
  }
  return cameras
}

/** Reads one episode's metadata and frame lists. `fallbackFps` comes from dataset.json. */
export async function readEpisodeSpec(store: FileStore, ref: ImageEpisodeRef, episode: number, fallbackFps?: number): Promise<EpisodeSpec> {
  const problems: Problem[] = []
  const where = { episode }
  let task = ''
  let fps: number | undefined
  let cameras: EpisodeSpec['cameras']
  let statedLength: number | undefined
  let previewVideo: string | undefined
  let outcome: DatasetOutcome | undefined
  if (ref.layout === 'droid') {
    const info = (await readJson(store, joinPath(ref.dir, DROID_INFO), problems, episode)) ?? {}
    outcome = outcomeFromFields(info, joinPath(ref.dir, DROID_INFO))
    task = typeof info.taskDescription === 'string' ? info.taskDescription : ''
    fps = positive(info.videoSamplingRate) ?? positive(info.sensorSamplingRate) ?? positive(info.armSamplingRate)
    statedLength = positive(info.dataLength)
    cameras = await droidCameras({ store, ref, episode, problems })
    const video = joinPath(ref.dir, 'video.mp4')
    if ((await store.size(video)) !== undefined) previewVideo = video
  } else if (ref.layout === 'proclens') {
    const meta = (await readJson(store, joinPath(ref.dir, EPISODE_JSON), problems, episode)) ?? {}
    outcome = outcomeFromFields(meta, joinPath(ref.dir, EPISODE_JSON))
    task = typeof meta.task === 'string' ? meta.task : ''
    fps = positive(meta.fps)
    cameras = await proclensCameras({ store, ref, episode, problems }, meta)
  } else {
    const names = (await listFrames(store, ref.dir)) ?? []
    cameras = groupFrames(names, 'frames').map((g) => ({ key: g.key, paths: g.names.map((n) => joinPath(ref.dir, n)) }))
  }
  fps ??= fallbackFps
  if (fps === undefined) {
    problems.push(dataProblem('fps-unknown',
      `no frame rate is stated for ${ref.name} (${ref.layout === 'plain' ? 'a plain folder of frames has no metadata' : 'add "fps"'}); ` +
      `assuming ${ASSUMED_FPS} fps, so times in seconds are only nominal`, where))
  }
  if (task === '') problems.push(dataProblem('task-missing', `no task instruction for ${ref.name}`, where))
  const counts = cameras.map((c) => c.paths.length)
  const length = Math.max(0, ...counts)
  if (new Set(counts).size > 1) {
    problems.push(dataProblem('image-count-mismatch',
      `cameras have different frame counts (${cameras.map((c) => `${c.key} ${c.paths.length}`).join(', ')}); ` +
      'frames past the shortest camera show nothing there', where))
  }
  if (statedLength !== undefined && statedLength !== length && cameras.length > 0) {
    problems.push(dataProblem('length-mismatch',
      `${DROID_INFO} says dataLength ${statedLength} but ${length} frames are listed`, where))
  }
  const spec: EpisodeSpec = { ref, task, fps: fps ?? ASSUMED_FPS, cameras, length, problems }
  if (previewVideo !== undefined) spec.previewVideo = previewVideo
  if (statedLength !== undefined) spec.statedLength = statedLength
  if (outcome !== undefined) spec.outcome = outcome
  return spec
}
