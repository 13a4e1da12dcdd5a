/**
 * LeRobot `meta/info.json`: the fields ProcLens uses, read leniently (a missing or odd field is a problem, not
 * a crash), plus the path templates (`{episode_chunk:03d}`, Python format syntax).
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { CameraInfo } from '../DatasetSource'
import { codecFromMetadataName } from '../media/codecs'

export interface LeRobotFeature {
  dtype: string
  shape: number[]
  names: unknown
  info: Record<string, unknown>
}

export interface LeRobotInfo {
  codebaseVersion: string
  fps: number
  totalEpisodes: number
  totalFrames: number | undefined
  chunksSize: number
  dataPath: string
  videoPath: string | undefined
  features: Record<string, LeRobotFeature>
  splits: Record<string, string>
}

export const INFO_PATH = 'meta/info.json'
const DEFAULT_V2_DATA = 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet'
const DEFAULT_V2_VIDEO = 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4'
const DEFAULT_V3_DATA = 'data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet'
const DEFAULT_V3_VIDEO = 'videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4'

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}

const MAX_PAD = 32

/** Fills a Python-style template: `{name}` and zero-padded `{name:03d}`. Unknown names stay as written. */
export function formatTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)(?::0?(\d+)d)?\}/g, (whole, name: string, width: string | undefined) => {
    const value = values[name]
    if (value === undefined) return whole
    // Real templates pad to 3 or 6 digits; a damaged width (`{episode_index:0999…d}`) must not build a string that long.
    return width === undefined ? String(value) : String(value).padStart(Math.min(Number(width), MAX_PAD), '0')
  })
}

/** The number of names a feature declares (`names` may be a list, a list of one list, or `{motors: [...]}`). */
function nameCount(names: unknown): number | undefined {
  if (Array.isArray(names)) {
    if (names.length === 1 && Array.isArray(names[0])) return names[0].length
    return names.every((n) => typeof n === 'string') ? names.length : undefined
  }
  const values = Object.values(asRecord(names))
  return values.length === 1 && Array.isArray(values[0]) ? values[0].length : undefined
}

function checkInfo(info: LeRobotInfo, problems: Problem[]): void {
  for (const [split, range] of Object.entries(info.splits)) {
    const m = /^(\d+):(\d+)$/.exec(range)
    if (m !== null && split === 'train' && Number(m[2]) !== info.totalEpisodes && Object.keys(info.splits).length === 1) {
      problems.push(dataProblem('splits-mismatch',
        `info.json splits.${split} is "${range}" but total_episodes is ${info.totalEpisodes}; ProcLens lists all ` +
        `${info.totalEpisodes} episodes`, { file: INFO_PATH }))
    }
  }
  for (const [key, f] of Object.entries(info.features)) {
    if (f.dtype === 'video' || f.dtype === 'image' || f.shape.length !== 1) continue
    const count = nameCount(f.names)
    if (count !== undefined && count !== f.shape[0]) {
      problems.push(dataProblem('feature-names-mismatch',
        `feature ${key} has shape [${f.shape[0]}] but names ${count} entries`, { file: INFO_PATH }))
    }
  }
}

/** Parses info.json. Returns undefined info (with an `info-invalid` problem) when it is unusable. */
export function parseInfo(text: string): { info: LeRobotInfo | undefined; problems: Problem[] } {
  const problems: Problem[] = []
  let raw: Record<string, unknown>
  try {
    raw = asRecord(JSON.parse(text) as unknown)
  } catch (e) {
    problems.push(dataProblem('info-invalid', `meta/info.json is not valid JSON (${(e as Error).message})`, { file: INFO_PATH }))
    return { info: undefined, problems }
  }
  const version = str(raw.codebase_version) ?? ''
  const v3 = version.startsWith('v3')
  const fps = num(raw.fps)
  const totalEpisodes = num(raw.total_episodes)
  if (fps === undefined || fps <= 0 || totalEpisodes === undefined || totalEpisodes < 0) {
    problems.push(dataProblem('info-invalid',
      `meta/info.json lacks a positive fps or total_episodes (fps: ${String(raw.fps)}, total_episodes: ${String(raw.total_episodes)})`,
      { file: INFO_PATH }))
    return { info: undefined, problems }
  }
  const features: Record<string, LeRobotFeature> = {}
  for (const [key, value] of Object.entries(asRecord(raw.features))) {
    const f = asRecord(value)
    const shape = Array.isArray(f.shape) ? f.shape.filter((n): n is number => typeof n === 'number') : []
    features[key] = { dtype: str(f.dtype) ?? '', shape, names: f.names, info: asRecord(f.info) }
  }
  const splits = Object.fromEntries(
    Object.entries(asRecord(raw.splits)).filter((e): e is [string, string] => typeof e[1] === 'string'),
  )
  const videoPath = raw.video_path === null ? undefined : (str(raw.video_path) ?? (v3 ? DEFAULT_V3_VIDEO : DEFAULT_V2_VIDEO))
  const info: LeRobotInfo = {
    codebaseVersion: version,
    fps,
    totalEpisodes: Math.floor(totalEpisodes),
    totalFrames: num(raw.total_frames),
    chunksSize: Math.max(1, num(raw.chunks_size) ?? 1000),
    dataPath: str(raw.data_path) ?? (v3 ? DEFAULT_V3_DATA : DEFAULT_V2_DATA),
    videoPath,
    features,
    splits,
  }
  checkInfo(info, problems)
  return { info, problems }
}

/** Cameras from the features: `video` (mp4 files) and `image` (frames embedded in the parquet). */
export function camerasFromInfo(info: LeRobotInfo): CameraInfo[] {
  return Object.entries(info.features)
    .filter(([, f]) => f.dtype === 'video' || f.dtype === 'image')
    .map(([key, f]) => {
      const camera: CameraInfo = { key, kind: f.dtype === 'video' ? 'video' : 'images' }
      const height = num(f.info['video.height']) ?? f.shape[0]
      const width = num(f.info['video.width']) ?? f.shape[1]
      if (width !== undefined) camera.width = width
      if (height !== undefined) camera.height = height
      const codec = str(f.info['video.codec'])
      if (codec !== undefined) camera.codec = codecFromMetadataName(codec)
      const fps = num(f.info['video.fps'])
      if (fps !== undefined) camera.fps = fps
      return camera
    })
}

/** ProcVLM's episode name: `episode_000003`. */
export function episodeName(index: number): string {
  return `episode_${String(index).padStart(6, '0')}`
}
