/**
 * What LeRobot v2.1 and v3.0 sources share: metadata, the video index cache, the file locator (and the
 * warnings for files found elsewhere), annotation lookup, and the rule that turns what was found for an
 * episode into its availability and problems.
 */
import type { Problem } from '@/core/problems'
import { AnnotationFinder } from '../annotations/annotationFiles'
import { dataProblem } from '../dataProblems'
import type { AnnotationFileRef, CameraInfo, CameraMedia, DatasetOutcome, EpisodeData, EpisodePresence, FrameTable } from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { basename, dirname } from '../fileStore'
import { shellQuote } from '../media/codecs'
import { dataFileProblem } from '../media/containerProblems'
import { probeContainer } from '../media/containerProbe'
import type { Mp4Index } from '../media/mp4Index'
import { VideoIndexCache } from '../media/videoProbe'
import { unreadableMessage } from '../parquet'
import { FileChecker } from '../presence'
import type { LocateRequest, LocateResult, SearchRoot } from './fileLocator'
import { FileLocator } from './fileLocator'
import type { LeRobotInfo } from './info'
import { camerasFromInfo, episodeName } from './info'
import { synthesizeFrameTable } from './frameTable'

/** What the sources ask the locator: the search folder follows from the kind of file. */
export type FileRequest = Omit<LocateRequest, 'under'>

/** What a source found for one episode, before availability is decided. */
export interface EpisodeFindings {
  index: number
  tasks: string[]
  /** Length from the episode index (metadata), when known. */
  metadataLength: number | undefined
  dataPath: string
  /** Where else the data file was looked for; set exactly when it was found nowhere. */
  dataLooked?: string
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
  protected readonly locator: FileLocator
  protected readonly annotations: AnnotationFinder
  protected readonly files: FileChecker
  /** Presence checks that looked beyond the template, and how many found the file there. */
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
    this.locator = new FileLocator(store)
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

  protected videoCameras(): CameraInfo[] {
    return this.cameras.filter((c) => c.kind === 'video')
  }

  /**
   * Whether a file exists at its template path or nearby (the locator's search), for presence. On a partly
   * downloaded dataset most files are simply absent, so once eight searches found nothing, presence stops
   * searching (each costs a few requests over HTTP); opening an episode still searches.
   */
  protected async present(request: FileRequest, under: SearchRoot): Promise<boolean> {
    if (await this.files.has(request.template)) return true
    if (this.nearbyFinds === 0 && this.nearbySearches >= 8) return false
    this.nearbySearches += 1
    const { found } = await this.locator.locate({ ...request, under })
    if (found) this.nearbyFinds += 1
    return found
  }

  /** An episode's presence from where its data file and each camera's video should be (undefined: no template). */
  protected async presenceOf(index: number, data: FileRequest, videos: (key: string) => FileRequest | undefined): Promise<EpisodePresence> {
    const dataPresent = await this.present(data, 'data')
    const checked = await Promise.all(this.videoCameras().map(async ({ key }) => {
      const request = videos(key)
      const present = request !== undefined && await this.present(request, 'videos')
      return { key, present, missing: present ? undefined : request?.template }
    }))
    // In camera order whatever order the checks finish in; a video_path without {video_key} names one file for
    // every camera: list it once.
    const absent = [...(dataPresent ? [] : [data.template]), ...checked.flatMap((c) => (c.missing === undefined ? [] : [c.missing]))]
    const cameras = checked.map(({ key, present }) => ({ key, present }))
    return { index, data: dataPresent, cameras, absent: [...new Set(absent)] }
  }

  /** Finds an episode's data file; one found elsewhere is used, with a warning naming both paths. */
  protected async locateData(request: FileRequest, episode: number, problems: Problem[]): Promise<LocateResult> {
    const result = await this.locator.locate({ ...request, under: 'data' })
    if (result.found && result.moved) {
      problems.push(dataProblem('data-path-mismatch',
        `the data file is at ${result.path}, not at ${request.template} where info.json's data_path says; using it`,
        { episode, file: result.path }, moveRemedy(result.path, request.template, 'data_path')))
    }
    return result
  }

  /**
   * Finds a camera's video; one found elsewhere is used, with a warning naming both paths, and one found
   * nowhere is a problem saying where it was looked for.
   */
  protected async locateVideo(key: string, request: FileRequest, episode: number, problems: Problem[]): Promise<string | undefined> {
    const result = await this.locator.locate({ ...request, under: 'videos' })
    if (!result.found) {
      problems.push(dataProblem('video-missing',
        `${key}: no video file for episode ${episode} at ${request.template} (info.json's video_path); ${result.looked}`,
        { episode, file: request.template }))
      return undefined
    }
    if (result.moved) {
      problems.push(dataProblem('video-path-mismatch',
        `${key}: the video is at ${result.path}, not at ${request.template} where info.json's video_path says; using it`,
        { episode, file: result.path }, moveRemedy(result.path, request.template, 'video_path')))
    }
    return result.path
  }

  /** The problem of a data file the parquet reader rejected, saying what the file is when its first bytes tell. */
  /**
   * After a full scan: what info.json says the dataset holds against what the index lists (`indexFile`), the
   * episode count and, when every length is known, the frames they add up to.
   */
  protected totalsProblems(episodes: readonly { length?: number | undefined }[], indexFile: string): Problem[] {
    const problems: Problem[] = []
    const where = { file: indexFile }
    if (episodes.length !== this.episodeCount) {
      problems.push(dataProblem('episode-count-mismatch',
        `info.json says total_episodes ${this.episodeCount} but ${indexFile} lists ${episodes.length} episodes`, where))
    }
    const lengths = episodes.map((e) => e.length)
    const total = this.info.totalFrames
    if (total !== undefined && lengths.every((l) => l !== undefined)) {
      const sum = lengths.reduce((a: number, l) => a + (l ?? 0), 0)
      if (sum !== total) {
        problems.push(dataProblem('frame-total-mismatch',
          `info.json says total_frames ${total} but the ${episodes.length} episodes of ${indexFile} add up to ${sum} frames`, where))
      }
    }
    return problems
  }

  protected async unreadableData(path: string, error: unknown, episode: number): Promise<Problem> {
    const where = { episode, file: path }
    // What a data file can be instead (an LFS pointer, a web page) shows in its first few hundred bytes.
    const head = await this.store.readBytes(path, { start: 0, end: 4096 }).catch(() => undefined)
    const named = head === undefined ? undefined : dataFileProblem(probeContainer(head), where)
    return named ?? dataProblem('data-unreadable', unreadableMessage(path, error), where)
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
    const absent = (rebuilt: string): Problem => dataProblem('data-missing',
      `${f.dataPath} is absent${f.dataLooked === undefined ? '' : ` (${f.dataLooked})`}${rebuilt}`, { ...where, file: f.dataPath })
    if (f.frames === undefined && f.cameras.length === 0) {
      // One problem for an episode none of whose files exist; files that exist but cannot be used (a Git LFS
      // pointer, another format) say so themselves, and "absent" would be wrong about them.
      const nothingFound = f.dataLooked !== undefined && f.problems.every((p) => p.kind === 'video-missing')
      const videos = videoCount === 0 ? '' : ` and its ${videoCount === 1 ? 'video' : `${videoCount} videos`}`
      return {
        index: f.index, name, length: f.metadataLength ?? 0, fps: this.fps, task, tasks: f.tasks,
        availability: 'missing', cameras: [], frames: synthesizeFrameTable(0, this.fps),
        problems: nothingFound
          ? [dataProblem('episode-missing',
            `the metadata lists episode ${f.index}${f.metadataLength === undefined ? '' : ` (${f.metadataLength} frames)`}` +
            ` but its data file ${f.dataPath}${videos} are absent`, { ...where, file: f.dataPath })]
          : [...(f.dataLooked === undefined ? [] : [absent('')]), ...f.problems],
      }
    }
    const problems = [...f.problems]
    let frames = f.frames
    if (frames === undefined) {
      const length = f.metadataLength ?? Math.max(0, ...f.cameras.map((c) => (c.kind === 'video' ? c.frames : c.paths.length)))
      // A data file that exists but cannot be read has its own problem; either way the table is rebuilt.
      if (f.dataLooked !== undefined) problems.unshift(absent(`: the per-frame table is rebuilt from the length (${length}) and fps`))
      frames = synthesizeFrameTable(length, this.fps)
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

/**
 * The exact commands that put a misplaced file where the template says; the catalogue's general advice when
 * the extensions differ (another extension is another format: moving would not help).
 */
function moveRemedy(found: string, template: string, field: 'data_path' | 'video_path'): string | undefined {
  const extension = (path: string): string => basename(path).replace(/^[^.]*/, '').toLowerCase()
  if (extension(found) !== extension(template)) return undefined
  return `move it to where \`${field}\` says (other tools look only there): ` +
    `\`mkdir -p ${shellQuote(dirname(template))} && mv ${shellQuote(found)} ${shellQuote(template)}\`, or fix ` +
    `\`${field}\` in \`meta/info.json\` when every file is laid out this way`
}
