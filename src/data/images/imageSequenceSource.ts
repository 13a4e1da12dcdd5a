/**
 * Image-sequence datasets (ProcLens layout, DROID-style exports, plain frame folders) behind DatasetSource.
 * Episode metadata is read per episode, on demand, so a page of the list costs only that page's episodes.
 */
import type { Problem } from '@/core/problems'
import { AnnotationFinder } from '../annotations/annotationFiles'
import { dataProblem } from '../dataProblems'
import type {
  AnnotationFileRef, CameraInfo, CameraMedia, DatasetSource, EpisodeData, EpisodePresence, EpisodeScan, EpisodeSummary,
  ImageMedia, ScanProgress,
} from '../DatasetSource'
import type { FileStore } from '../fileStore'
import type { Mp4Index } from '../media/mp4Index'
import { probeVideo, VideoIndexCache } from '../media/videoProbe'
import { synthesizeFrameTable } from '../lerobot/frameTable'
import { mapLimited } from '../mapLimited'
import type { Discovery } from './discover'
import type { EpisodeSpec } from './episodeSpec'
import { readEpisodeSpec } from './episodeSpec'
import { readImageSize } from './imageSize'

const CONCURRENCY = 8

class ImageSequenceSource implements DatasetSource {
  readonly format = 'image-sequence' as const
  readonly name: string
  readonly episodeCount: number
  private readonly specs = new Map<number, Promise<EpisodeSpec>>()
  private readonly videos: VideoIndexCache
  private readonly annotations: AnnotationFinder

  readonly store: FileStore
  readonly fps: number
  readonly cameras: CameraInfo[]
  readonly problems: Problem[]
  private readonly discovery: Discovery

  constructor(init: { store: FileStore; discovery: Discovery; fps: number; cameras: CameraInfo[]; problems: Problem[] }) {
    const { store, discovery } = init
    this.store = store
    this.discovery = discovery
    this.fps = init.fps
    this.cameras = init.cameras
    this.problems = init.problems
    this.name = discovery.manifest?.name ?? store.name
    this.episodeCount = discovery.refs.length
    this.videos = new VideoIndexCache(store)
    this.annotations = new AnnotationFinder(store, this.name)
  }

  /** Keeps a spec already read (the first episode, read while opening). */
  seed(spec: EpisodeSpec, index: number): void {
    this.specs.set(index, Promise.resolve(spec))
  }

  spec(index: number): Promise<EpisodeSpec> | undefined {
    const ref = this.discovery.refs[index]
    if (ref === undefined) return undefined
    let entry = this.specs.get(index)
    if (entry === undefined) {
      entry = readEpisodeSpec(this.store, ref, index, this.discovery.manifest?.fps)
      this.specs.set(index, entry)
    }
    return entry
  }

  async listEpisodes(start: number, end: number): Promise<EpisodeSummary[]> {
    const indices: number[] = []
    for (let i = Math.max(0, Math.floor(start)); i < Math.min(end, this.episodeCount); i++) indices.push(i)
    return mapLimited(indices, CONCURRENCY, async (i) => {
      const s = await (this.spec(i) as Promise<EpisodeSpec>)
      return { index: i, name: s.ref.name, length: s.length, task: s.task, ...(s.outcome === undefined ? {} : { outcome: s.outcome }) }
    })
  }

  /** The frame files of an episode are known from its metadata and listings, which the list reads anyway. */
  async checkPresence(start: number, end: number): Promise<EpisodePresence[]> {
    const indices: number[] = []
    for (let i = Math.max(0, Math.floor(start)); i < Math.min(end, this.episodeCount); i++) indices.push(i)
    return mapLimited(indices, CONCURRENCY, async (index) => {
      const spec = await (this.spec(index) as Promise<EpisodeSpec>)
      const missing = spec.problems.filter((p) => p.kind === 'image-missing').map((p) => p.file ?? p.message)
      return {
        index,
        data: undefined,
        cameras: spec.cameras.map((c) => ({ key: c.key, present: c.paths.length > 0 })),
        absent: spec.cameras.length === 0 ? [spec.ref.dir === '' ? '(the root holds no frames)' : `${spec.ref.dir}/ (no frames)`] : missing,
      }
    })
  }

  async scanAllEpisodes(onProgress?: (p: ScanProgress) => void, signal?: AbortSignal): Promise<EpisodeScan> {
    const annotated = await this.annotations.index()
    let done = 0
    const all = Array.from({ length: this.episodeCount }, (_, i) => i)
    const episodes = await mapLimited(all, CONCURRENCY, async (i) => {
      signal?.throwIfAborted()
      const [summary] = await this.listEpisodes(i, i + 1)
      done += 1
      onProgress?.({ done, total: this.episodeCount })
      const s = summary as EpisodeSummary
      return annotated === undefined ? s : { ...s, hasAnnotations: (annotated.get(s.name)?.length ?? 0) > 0 }
    })
    return { episodes, episodeCount: episodes.length, problems: [...this.annotations.problems] }
  }

  async loadEpisode(index: number): Promise<EpisodeData> {
    const pending = this.spec(index)
    if (pending === undefined) {
      return {
        index, name: `episode ${index}`, length: 0, fps: this.fps, task: '', tasks: [], availability: 'missing', cameras: [],
        frames: synthesizeFrameTable(0, this.fps),
        problems: [dataProblem('episode-missing', `there is no episode ${index} (the dataset has ${this.episodeCount})`, { episode: index })],
      }
    }
    const spec = await pending
    const problems = [...spec.problems]
    const cameras: CameraMedia[] = await Promise.all(spec.cameras.filter((c) => c.paths.length > 0).map(async (c) => {
      const media: ImageMedia = { key: c.key, kind: 'images', paths: c.paths, problems: [] }
      const size = c.paths[0] === undefined ? undefined : await readImageSize(this.store, c.paths[0])
      if (size !== undefined) {
        media.width = size.width
        media.height = size.height
      }
      return media
    }))
    if (spec.previewVideo !== undefined) {
      const probe = await probeVideo(this.store, this.videos, {
        key: 'video.mp4', path: spec.previewVideo, episode: index, fps: spec.fps, frames: spec.length,
        fpsNote: 'it is a preview video of one camera; ProcLens shows the image frames at the metadata rate',
      })
      problems.push(...probe.problems)
    }
    const missing = problems.some((p) => p.kind === 'image-missing')
    if (cameras.length === 0) {
      problems.unshift(dataProblem('episode-missing', `${spec.ref.dir === '' ? 'the root' : spec.ref.dir} holds no frames`, { episode: index }))
    }
    return {
      ...(spec.outcome === undefined ? {} : { outcome: spec.outcome }),
      index, name: spec.ref.name, length: spec.length, fps: spec.fps, task: spec.task, tasks: spec.task === '' ? [] : [spec.task],
      availability: cameras.length === 0 ? 'missing' : missing ? 'partial' : 'complete',
      cameras, frames: synthesizeFrameTable(spec.length, spec.fps), problems,
    }
  }

  findAnnotations(episodeIndex: number): Promise<AnnotationFileRef[]> {
    const ref = this.discovery.refs[episodeIndex]
    return ref === undefined ? Promise.resolve([]) : this.annotations.forEpisode(ref.name)
  }

  videoIndex(path: string): Promise<Mp4Index> {
    return this.videos.index(path)
  }
}

/** Opens an image-sequence dataset from a discovery; reads the first episode for the dataset's fps and cameras. */
export async function openImageSequence(store: FileStore, discovery: Discovery): Promise<DatasetSource> {
  const first = discovery.refs[0] === undefined ? undefined : await readEpisodeSpec(store, discovery.refs[0], 0, discovery.manifest?.fps)
  const fps = discovery.manifest?.fps ?? first?.fps ?? 30
  const cameras: CameraInfo[] = (first?.cameras ?? []).map((c) => ({ key: c.key, kind: 'images' }))
  const source = new ImageSequenceSource({ store, discovery, fps, cameras, problems: [...discovery.problems] })
  if (first !== undefined) source.seed(first, 0)
  return source
}
