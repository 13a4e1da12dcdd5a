/**
 * LeRobot v2.x (v2.0 and v2.1): `meta/episodes.jsonl` lists episodes, one parquet file per episode, one mp4 per
 * episode and camera at the `video_path` template.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type {
  CameraMedia, DatasetSource, EpisodeData, EpisodePresence, EpisodeScan, EpisodeSummary, FrameTable, ScanProgress,
} from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { probeVideo } from '../media/videoProbe'
import { mapLimited } from '../mapLimited'
import { openParquet } from '../parquet'
import type { EpisodeLine } from './episodesJsonl'
import { EPISODES_JSONL, EpisodesJsonl } from './episodesJsonl'
import { readFrameTable } from './frameTable'
import type { LeRobotInfo } from './info'
import { episodeName, formatTemplate } from './info'
import { LeRobotBase } from './lerobotBase'
import type { FileRequest } from './lerobotBase'
import { inCameraFolder, v2DataAlternatives, v2VideoAlternatives } from './layoutAlternatives'

const TASKS_JSONL = 'meta/tasks.jsonl'
/** Episodes checked at once: over HTTP each check is a HEAD per file. */
const PRESENCE_CONCURRENCY = 8

function toSummary(line: EpisodeLine): EpisodeSummary {
  const summary: EpisodeSummary = { index: line.index, name: episodeName(line.index), length: line.length, task: line.tasks[0] ?? '' }
  if (line.outcome !== undefined) summary.outcome = line.outcome
  return summary
}

class LeRobotV21Source extends LeRobotBase implements DatasetSource {
  readonly format = 'lerobot-v2.1' as const
  private tasks: Promise<Map<number, string>> | undefined

  constructor(store: FileStore, info: LeRobotInfo, problems: Problem[], private readonly index: EpisodesJsonl | undefined) {
    super(store, info, problems)
  }

  async listEpisodes(start: number, end: number): Promise<EpisodeSummary[]> {
    const from = Math.max(0, Math.floor(start))
    const to = this.index === undefined ? Math.min(Math.floor(end), this.episodeCount) : Math.floor(end)
    if (to <= from) return []
    if (this.index === undefined) {
      return Array.from({ length: to - from }, (_, i) => ({ index: from + i, name: episodeName(from + i), length: undefined, task: '' }))
    }
    return (await this.index.range(from, to)).map(toSummary)
  }

  async scanAllEpisodes(onProgress?: (p: ScanProgress) => void, signal?: AbortSignal): Promise<EpisodeScan> {
    const annotated = await this.annotations.index()
    const mark = (s: EpisodeSummary): EpisodeSummary =>
      annotated === undefined ? s : { ...s, hasAnnotations: (annotated.get(s.name)?.length ?? 0) > 0 }
    if (this.index === undefined) {
      const episodes = await this.listEpisodes(0, this.episodeCount)
      return { episodes: episodes.map(mark), episodeCount: episodes.length, problems: [...this.annotations.problems] }
    }
    const lines = await this.index.scanAll((done, total) => onProgress?.({ done, total }), signal)
    const episodes = lines.map((l) => mark(toSummary(l)))
    const problems = [...this.index.problems, ...this.annotations.problems, ...this.totalsProblems(episodes, EPISODES_JSONL)]
    return { episodes, episodeCount: lines.length, problems }
  }

  /** Where info.json says an episode's data file is, and where else to look. */
  private dataRequest(index: number): FileRequest {
    const chunk = Math.floor(index / this.info.chunksSize)
    const template = formatTemplate(this.info.dataPath, { episode_chunk: chunk, episode_index: index })
    return { template, alternatives: v2DataAlternatives(index, this.info.chunksSize), accept: () => true }
  }

  /** Where info.json says a camera's video of an episode is, and where else to look; undefined without a template. */
  private videoRequest(index: number, key: string): FileRequest | undefined {
    if (this.info.videoPath === undefined) return undefined
    const chunk = Math.floor(index / this.info.chunksSize)
    const template = formatTemplate(this.info.videoPath, { episode_chunk: chunk, episode_index: index, video_key: key })
    return { template, alternatives: v2VideoAlternatives(key, index, this.info.chunksSize), accept: inCameraFolder(key) }
  }

  async checkPresence(start: number, end: number): Promise<EpisodePresence[]> {
    const episodes = await this.listEpisodes(start, end)
    return mapLimited(episodes, PRESENCE_CONCURRENCY, ({ index }) =>
      this.presenceOf(index, this.dataRequest(index), (key) => this.videoRequest(index, key)))
  }

  async loadEpisode(index: number): Promise<EpisodeData> {
    const line = (await this.index?.range(index, index + 1))?.[0]
    const dataRequest = this.dataRequest(index)
    const dataPath = dataRequest.template
    const problems: Problem[] = []
    let frames: FrameTable | undefined
    let outcome = line?.outcome
    const data = await this.locateData(dataRequest, index, problems)
    if (data.found) {
      try {
        const read = await readFrameTable(await openParquet(this.store, data.path), { episode: index, fps: this.fps })
        frames = read.table
        outcome ??= read.outcome
        problems.push(...read.problems)
      } catch (e) {
        problems.push(await this.unreadableData(data.path, e, index))
      }
    }
    const cameras: CameraMedia[] = []
    const missingVideos: string[] = []
    for (const camera of this.videoCameras()) {
      const request = this.videoRequest(index, camera.key)
      if (request === undefined) break
      const path = await this.locateVideo(camera.key, request, index, problems)
      if (path === undefined) {
        missingVideos.push(camera.key)
        continue
      }
      const expect = { key: camera.key, path, episode: index, fps: this.fps, frames: frames?.frameIndex.length ?? line?.length }
      const probe = await probeVideo(this.store, this.videos, camera.codec === undefined ? expect : { ...expect, metadataCodec: camera.codec })
      if (probe.media !== undefined) cameras.push(probe.media)
      problems.push(...probe.problems)
    }
    const tasks = line !== undefined && line.tasks.length > 0 ? line.tasks : await this.tasksOf(frames)
    const dataLooked = data.found ? {} : { dataLooked: data.looked }
    return this.assemble({ index, tasks, metadataLength: line?.length, dataPath, ...dataLooked, frames, cameras, missingVideos, problems, outcome })
  }

  /** Tasks from per-frame task_index and meta/tasks.jsonl, for indexes whose lines carry no tasks. */
  private async tasksOf(frames: FrameTable | undefined): Promise<string[]> {
    if (frames?.taskIndex === undefined) return []
    this.tasks ??= this.readTasks()
    const byIndex = await this.tasks
    const seen = [...new Set(frames.taskIndex)]
    return seen.flatMap((t) => {
      const task = byIndex.get(t)
      return task === undefined ? [] : [task]
    })
  }

  private async readTasks(): Promise<Map<number, string>> {
    const map = new Map<number, string>()
    if ((await this.store.size(TASKS_JSONL)) === undefined) return map
    for (const text of (await this.store.readText(TASKS_JSONL)).split('\n')) {
      try {
        const row = JSON.parse(text) as { task_index?: unknown; task?: unknown }
        if (typeof row.task_index === 'number' && typeof row.task === 'string') map.set(row.task_index, row.task)
      } catch {
        // Blank or broken lines carry no task; the episode then reports task-missing.
      }
    }
    return map
  }
}

/** Opens a LeRobot v2.x dataset whose info.json is already parsed. */
export async function openLeRobotV21(store: FileStore, info: LeRobotInfo, problems: Problem[]): Promise<DatasetSource> {
  const size = await store.size(EPISODES_JSONL)
  if (size === undefined) {
    problems.push(dataProblem('episodes-index-missing',
      `${EPISODES_JSONL} is absent, so episode lengths and tasks are unknown; listing the ${info.totalEpisodes} ` +
      'episodes info.json counts', { file: EPISODES_JSONL }))
  }
  const index = size === undefined ? undefined : new EpisodesJsonl(store, size, info.totalEpisodes)
  return new LeRobotV21Source(store, info, problems, index)
}
