/**
 * LeRobot v3.0: episodes in parquet under meta/episodes/, several episodes per data file (rows
 * `dataset_from_index..dataset_to_index`) and per video file (`from_timestamp..to_timestamp` seconds).
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type {
  CameraMedia, DatasetSource, EpisodeData, EpisodePresence, EpisodeScan, EpisodeSummary, FrameTable, ScanProgress,
} from '../DatasetSource'
import type { FileStore } from '../fileStore'
import { probeVideo } from '../media/videoProbe'
import type { ParquetHandle } from '../parquet'
import { numberCell, openParquet, readParquetRows } from '../parquet'
import { readFrameTable } from './frameTable'
import type { FrameTableRead } from './frameTable'
import type { LeRobotInfo } from './info'
import { episodeName, formatTemplate } from './info'
import { inCameraFolder, inChunk, v3DataAlternatives, v3VideoAlternatives } from './layoutAlternatives'
import { LeRobotBase } from './lerobotBase'
import type { FileRequest } from './lerobotBase'
import type { EpisodeRow } from './v30Episodes'
import { V30Episodes } from './v30Episodes'
import { frameToSeconds } from '@/core/time'
import { OUTCOME_FIELDS, outcomeFromFields } from '../datasetOutcome'

const LIST_COLUMNS = ['episode_index', 'tasks', 'length', ...OUTCOME_FIELDS]

function tasksOf(row: EpisodeRow): string[] {
  const tasks = row.tasks
  if (Array.isArray(tasks)) return tasks.filter((t): t is string => typeof t === 'string')
  return typeof tasks === 'string' ? [tasks] : []
}

function toSummary(row: EpisodeRow, position: number): EpisodeSummary {
  const index = numberCell(row.episode_index) ?? position
  const summary: EpisodeSummary = { index, name: episodeName(index), length: numberCell(row.length), task: tasksOf(row)[0] ?? '' }
  const outcome = outcomeFromFields(row, `meta/episodes/ (episode ${index})`)
  if (outcome !== undefined) summary.outcome = outcome
  return summary
}

class LeRobotV30Source extends LeRobotBase implements DatasetSource {
  readonly format = 'lerobot-v3.0' as const
  private readonly dataStarts = new Map<string, Promise<number | undefined>>()

  constructor(store: FileStore, info: LeRobotInfo, problems: Problem[], private readonly episodes: V30Episodes) {
    super(store, info, problems)
  }

  async listEpisodes(start: number, end: number): Promise<EpisodeSummary[]> {
    const from = Math.max(0, Math.floor(start))
    const rows = await this.episodes.rows(from, Math.floor(end), LIST_COLUMNS)
    return rows.map((row, i) => toSummary(row, from + i))
  }

  async scanAllEpisodes(onProgress?: (p: ScanProgress) => void, signal?: AbortSignal): Promise<EpisodeScan> {
    const annotated = await this.annotations.index()
    const rows = await this.episodes.all(LIST_COLUMNS, (done, total) => onProgress?.({ done, total }), signal)
    const episodes = rows.map((row, i) => {
      const s = toSummary(row, i)
      return annotated === undefined ? s : { ...s, hasAnnotations: (annotated.get(s.name)?.length ?? 0) > 0 }
    })
    const problems = [...this.episodes.problems, ...this.annotations.problems, ...this.totalsProblems(episodes, 'meta/episodes/')]
    return { episodes, episodeCount: episodes.length, problems }
  }

  /** Where an episodes row says its data file is, and where else to look. */
  private dataRequest(row: EpisodeRow): FileRequest {
    const chunk = numberCell(row['data/chunk_index']) ?? 0
    const file = numberCell(row['data/file_index']) ?? 0
    const template = formatTemplate(this.info.dataPath, { chunk_index: chunk, file_index: file })
    return { template, alternatives: v3DataAlternatives(chunk, file), accept: inChunk(chunk) }
  }

  /** Where an episodes row says a camera's video is, and where else to look. */
  private videoRequest(row: EpisodeRow, key: string): FileRequest {
    const chunk = numberCell(row[`videos/${key}/chunk_index`]) ?? 0
    const file = numberCell(row[`videos/${key}/file_index`]) ?? 0
    const template = formatTemplate(this.info.videoPath ?? '', { video_key: key, chunk_index: chunk, file_index: file })
    return { template, alternatives: v3VideoAlternatives(key, chunk, file), accept: (p) => inCameraFolder(key)(p) && inChunk(chunk)(p) }
  }

  /** Episodes share data and video files, so a page of episodes checks only a few distinct files. */
  async checkPresence(start: number, end: number): Promise<EpisodePresence[]> {
    const columns = ['episode_index', 'data/chunk_index', 'data/file_index',
      ...this.videoCameras().flatMap((c) => [`videos/${c.key}/chunk_index`, `videos/${c.key}/file_index`])]
    const from = Math.max(0, Math.floor(start))
    const rows = await this.episodes.rows(from, Math.floor(end), columns)
    return Promise.all(rows.map((row, i) =>
      this.presenceOf(numberCell(row.episode_index) ?? from + i, this.dataRequest(row), (key) => this.videoRequest(row, key))))
  }

  async loadEpisode(index: number): Promise<EpisodeData> {
    const cameraColumns = this.videoCameras().flatMap((c) =>
      ['chunk_index', 'file_index', 'from_timestamp', 'to_timestamp'].map((k) => `videos/${c.key}/${k}`))
    const columns = [...LIST_COLUMNS, 'data/chunk_index', 'data/file_index', 'dataset_from_index', 'dataset_to_index', ...cameraColumns]
    const row = (await this.episodes.rows(index, index + 1, columns))[0] ?? {}
    const problems: Problem[] = []
    const length = numberCell(row.length)
    const from = numberCell(row.dataset_from_index)
    const to = numberCell(row.dataset_to_index)
    const dataRequest = this.dataRequest(row)
    const dataPath = dataRequest.template
    let frames: FrameTable | undefined
    let outcome = outcomeFromFields(row, `meta/episodes/ (episode ${index})`)
    const data = await this.locateData(dataRequest, index, problems)
    if (from !== undefined && to !== undefined && data.found) {
      try {
        const read = await this.readRows(data.path, { index, from, to }, problems)
        frames = read.table
        outcome ??= read.outcome
      } catch (e) {
        problems.push(await this.unreadableData(data.path, e, index))
      }
    }
    const cameras: CameraMedia[] = []
    const missingVideos: string[] = []
    for (const camera of this.videoCameras()) {
      const col = (k: string): number | undefined => numberCell(row[`videos/${camera.key}/${k}`])
      const span = { from: col('from_timestamp') ?? 0, to: col('to_timestamp') ?? frameToSeconds(length ?? 0, this.fps) }
      const path = await this.locateVideo(camera.key, this.videoRequest(row, camera.key), index, problems)
      if (path === undefined) {
        missingVideos.push(camera.key)
        continue
      }
      const expect = { key: camera.key, path, episode: index, fps: this.fps, frames: frames?.frameIndex.length ?? length, span }
      const probe = await probeVideo(this.store, this.videos, camera.codec === undefined ? expect : { ...expect, metadataCodec: camera.codec })
      if (probe.media !== undefined) cameras.push(probe.media)
      problems.push(...probe.problems)
    }
    const dataLooked = data.found ? {} : { dataLooked: data.looked }
    return this.assemble({ index, tasks: tasksOf(row), metadataLength: length, dataPath, ...dataLooked, frames, cameras, missingVideos, problems, outcome })
  }

  /** Reads the episode's rows of a shared data file and checks they belong to it. */
  private async readRows(path: string, span: { index: number; from: number; to: number }, problems: Problem[]): Promise<FrameTableRead> {
    const handle = await openParquet(this.store, path)
    const first = await this.firstGlobalIndex(path, handle)
    const read = await readFrameTable(handle, { episode: span.index, fps: this.fps, rowStart: span.from - first, rowEnd: span.to - first })
    problems.push(...read.problems)
    const where = { episode: span.index, file: path }
    if (!handle.columns.includes('index')) {
      problems.push(dataProblem('data-column-missing', `the data has no index column, so the file's first row is taken as ` +
        `global row 0 and episode ${span.index} as its rows ${span.from}–${span.to - 1}`, where))
    }
    if (!handle.columns.includes('episode_index')) {
      problems.push(dataProblem('data-column-missing', `the data has no episode_index column, so rows ${span.from}–${span.to - 1} ` +
        `cannot be checked to hold episode ${span.index}`, where))
    }
    const wrong = read.episodeIndices.filter((e) => e !== span.index).length
    if (wrong > 0 || read.table.frameIndex.length !== span.to - span.from) {
      problems.push(dataProblem('episode-rows-mismatch',
        `rows ${span.from}–${span.to - 1} of ${path} should hold episode ${span.index}, but ${wrong} of ` +
        `${read.table.frameIndex.length} rows belong to other episodes`, where))
    }
    return read
  }

  /** The global `index` of a data file's first row: dataset_from_index is global, row offsets are per file. */
  private firstGlobalIndex(path: string, handle: ParquetHandle): Promise<number> {
    let entry = this.dataStarts.get(path)
    if (entry === undefined) {
      entry = readParquetRows(handle, { columns: ['index'], rowStart: 0, rowEnd: 1 }).then((rows) => numberCell(rows[0]?.index))
      this.dataStarts.set(path, entry)
    }
    return entry.then((v) => v ?? 0)
  }
}

/** Opens a LeRobot v3.0 dataset whose info.json is already parsed. */
export async function openLeRobotV30(store: FileStore, info: LeRobotInfo, problems: Problem[]): Promise<DatasetSource> {
  const episodes = new V30Episodes(store)
  if (await episodes.isEmpty()) {
    problems.push(dataProblem('episodes-index-missing',
      'meta/episodes/chunk-000/file-000.parquet is absent, so no episode can be listed', { file: 'meta/episodes/' }))
  }
  problems.push(...episodes.problems)
  return new LeRobotV30Source(store, info, problems, episodes)
}
