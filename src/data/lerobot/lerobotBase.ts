/**
 * What LeRobot v2.1 and v3.0 sources share: metadata, the video index cache, the video locator, annotation
 * lookup, and the rule that turns what was found for an episode into its availability and problems.
 */
import type { Problem } from '@/core/problems'
import { AnnotationFinder } from '../annotations/annotationFiles'
import { dataProblem } from '../dataProblems'
import type { AnnotationFileRef, CameraInfo, CameraMedia, DatasetOutcome, EpisodeData, FrameTable } from '../DatasetSource'
import type { FileStore } from '../fileStore'
import type { Mp4Index } from '../media/mp4Index'
import { VideoIndexCache } from '../media/videoProbe'
import { FileChecker } from '../presence'
import type { LeRobotInfo } from './info'
import { camerasFromInfo, episodeName } from './info'
import { synthesizeFrameTable } from './frameTable'
import { VideoLocator } from './videoLocator'

/** What a source found for one episode, before availability is decided. */
export interface EpisodeFindings {
  index: number
  tasks: string[]
  /** Length from the episode index (metadata), when known. */
  metadataLength: number | undefined
  dataPath: string
  frames: FrameTable | undefined
  cameras: CameraMedia[]
  /** Video cameras whose file is nowhere. */
  missingVideos: string[]
  problems: Problem[]
  /** The dataset's own record of success (an index field, or the per-frame `next.success`). */
  outcome: DatasetOutcome | undefined
}

export abstract class LeRobotBase {
  readonly name: string
  readonly fps: number
  readonly cameras: CameraInfo[]
  readonly episodeCount: number
  protected readonly videos: VideoIndexCache
  protected readonly locator: VideoLocator
  protected readonly annotations: AnnotationFinder
  protected readonly files: FileChecker
  /** Presence checks that looked beyond the template, and how many found the video there. */
  private nearbySearches = 0
  private nearbyFinds = 0

  constructor(
    readonly store: FileStore,
    protected readonly info: LeRobotInfo,
    readonly problems: Problem[],
  ) {
    this.name = store.name
    this.fps = info.fps
    this.cameras = camerasFromInfo(info)
    this.episodeCount = info.totalEpisodes
    this.videos = new VideoIndexCache(store)
    this.locator = new VideoLocator(store)
    this.annotations = new AnnotationFinder(store, store.name)
    this.files = new FileChecker(store)
    for (const camera of this.cameras.filter((c) => c.kind === 'images')) {
      problems.push(dataProblem('embedded-images',
        `camera ${camera.key} stores its frames inside the parquet files (dtype "image"); ProcLens shows only ` +
        'cameras stored as video files'))
    }
  }

  findAnnotations(episodeIndex: number): Promise<AnnotationFileRef[]> {
    return this.annotations.forEpisode(episodeName(episodeIndex))
  }

  videoIndex(path: string): Promise<Mp4Index> {
    return this.videos.index(path)
  }

  /**
   * Whether a camera's video exists at its template path or nearby (the locator's search). On a partly
   * downloaded dataset most videos are simply absent, so once eight searches found nothing, the list stops
   * searching (each costs a few requests over HTTP); opening an episode still searches.
   */
  protected async videoPresent(key: string, template: string, alternatives: string[]): Promise<boolean> {
    if (await this.files.has(template)) return true
    if (this.nearbyFinds === 0 && this.nearbySearches >= 8) return false
    this.nearbySearches += 1
    const found = (await this.locator.locate(key, template, alternatives)) !== undefined
    if (found) this.nearbyFinds += 1
    return found
  }

  protected videoCameras(): CameraInfo[] {
    return this.cameras.filter((c) => c.kind === 'video')
  }

  /** Decides availability and phrases the problems of an absent episode as one. */
  protected assemble(f: EpisodeFindings): EpisodeData {
    const data = this.assembleFiles(f)
    if (f.outcome !== undefined) data.outcome = f.outcome
    return data
  }

  private assembleFiles(f: EpisodeFindings): EpisodeData {
    const where = { episode: f.index }
    const videoCount = this.videoCameras().length
    const name = episodeName(f.index)
    const task = f.tasks[0] ?? ''
    if (f.frames === undefined && f.cameras.length === 0) {
      const videos = videoCount === 0 ? '' : ` and its ${videoCount === 1 ? 'video' : `${videoCount} videos`}`
      return {
        index: f.index, name, length: f.metadataLength ?? 0, fps: this.fps, task, tasks: f.tasks,
        availability: 'missing', cameras: [], frames: synthesizeFrameTable(0, this.fps),
        problems: [
          dataProblem('episode-missing',
            `the metadata lists episode ${f.index}${f.metadataLength === undefined ? '' : ` (${f.metadataLength} frames)`}` +
            ` but its data file ${f.dataPath}${videos} are absent`, { ...where, file: f.dataPath }),
          ...f.problems.filter((p) => p.kind !== 'video-missing' && p.kind !== 'data-missing'),
        ],
      }
    }
    const problems = [...f.problems]
    let frames = f.frames
    if (frames === undefined) {
      const length = f.metadataLength ?? Math.max(0, ...f.cameras.map((c) => (c.kind === 'video' ? c.frames : c.paths.length)))
      problems.unshift(dataProblem('data-missing',
        `${f.dataPath} is absent: the per-frame table is rebuilt from the length (${length}) and fps`, { ...where, file: f.dataPath }))
      frames = synthesizeFrameTable(length, this.fps)
    }
    for (const key of f.missingVideos) {
      if (!problems.some((p) => p.kind === 'video-missing' && p.message.startsWith(`${key}:`))) {
        problems.push(dataProblem('video-missing', `${key}: no video file for episode ${f.index}`, where))
      }
    }
    if (f.metadataLength !== undefined && f.frames !== undefined && f.metadataLength !== f.frames.frameIndex.length) {
      problems.push(dataProblem('length-mismatch',
        `the episode index says ${f.metadataLength} frames but ${f.dataPath} has ${f.frames.frameIndex.length} rows`, where))
    }
    if (task === '') problems.push(dataProblem('task-missing', 'no task instruction for this episode', where))
    const complete = f.frames !== undefined && f.missingVideos.length === 0 && f.cameras.length === videoCount
    return {
      index: f.index, name, length: frames.frameIndex.length, fps: this.fps, task, tasks: f.tasks,
      availability: complete ? 'complete' : 'partial', cameras: f.cameras, frames, problems,
    }
  }
}
