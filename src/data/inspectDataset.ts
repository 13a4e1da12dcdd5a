/**
 * The `proclens inspect` report: every episode whose files are present, with its cameras as read from the
 * files, and every problem (absent episodes, quirks). Environment-neutral, so the app can show the same report.
 */
import type { Problem } from '@/core/problems'
import type { CameraMedia, DatasetFormat, DatasetSource } from './DatasetSource'
import { mapLimited } from './mapLimited'

export interface InspectCamera {
  key: string
  codec: string
  width: number | null
  height: number | null
  frames: number
  browser_playable: boolean
}

export interface InspectEpisode {
  episode_index: number
  length: number
  task: string
  cameras: InspectCamera[]
}

export interface InspectProblem {
  episode_index?: number
  kind: string
  message: string
  /** What to do about it; commands and paths in backticks. Every dataset problem has one. */
  remedy?: string
}

export interface InspectReport {
  format: DatasetFormat
  fps: number
  episodes: InspectEpisode[]
  problems: InspectProblem[]
}

function camera(c: CameraMedia): InspectCamera {
  if (c.kind === 'images') {
    return { key: c.key, codec: 'images', width: c.width ?? null, height: c.height ?? null, frames: c.paths.length, browser_playable: true }
  }
  return { key: c.key, codec: c.codec, width: c.width, height: c.height, frames: c.frames, browser_playable: c.browserPlayable }
}

function problem(p: Problem): InspectProblem {
  const out: InspectProblem = typeof p.episode === 'number' ? { episode_index: p.episode, kind: p.kind, message: p.message } : { kind: p.kind, message: p.message }
  if (p.remedy !== undefined) out.remedy = p.remedy
  return out
}

function dedupe(problems: InspectProblem[]): InspectProblem[] {
  const seen = new Set<string>()
  return problems.filter((p) => {
    const key = `${p.episode_index ?? ''}|${p.kind}|${p.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export interface InspectOptions {
  /** Episodes read at once (each reads its data file and video indexes). */
  concurrency?: number
  onProgress?: (done: number, total: number) => void
}

/** The episodes a report covers, in its order, and the problems of the dataset as a whole. */
export interface InspectPlan {
  format: DatasetFormat
  fps: number
  episodes: { index: number; name: string }[]
  problems: InspectProblem[]
}

/** One episode's part of the report: its entry (none when its files are missing) and its problems. */
export interface InspectedEpisode {
  episode?: InspectEpisode
  problems: InspectProblem[]
}

export async function inspectPlan(source: DatasetSource): Promise<InspectPlan> {
  const scan = await source.scanAllEpisodes()
  // Without a scan, LeRobot's own episode names (the sharded inspect hashes them).
  const episodes = scan.episodes.length > 0
    ? scan.episodes.map((e) => ({ index: e.index, name: e.name }))
    : Array.from({ length: source.episodeCount }, (_, i) => ({ index: i, name: `episode_${String(i).padStart(6, '0')}` }))
  return { format: source.format, fps: source.fps, episodes, problems: [...source.problems, ...scan.problems].map(problem) }
}

export async function inspectEpisode(source: DatasetSource, index: number): Promise<InspectedEpisode> {
  const data = await source.loadEpisode(index)
  const out: InspectedEpisode = { problems: data.problems.map(problem) }
  if (data.availability !== 'missing') out.episode = { episode_index: data.index, length: data.length, task: data.task, cameras: data.cameras.map(camera) }
  return out
}

/** The report from its parts, in the plan's order (the sharded inspect's merge builds it the same way). */
export function inspectReport(plan: Omit<InspectPlan, 'episodes'>, parts: readonly InspectedEpisode[]): InspectReport {
  return {
    format: plan.format,
    fps: plan.fps,
    episodes: parts.flatMap((p) => (p.episode === undefined ? [] : [p.episode])),
    problems: dedupe([...plan.problems, ...parts.flatMap((p) => p.problems)]),
  }
}

/** Reads every episode and builds the report. Never rejects on bad content. */
export async function inspectDataset(source: DatasetSource, options: InspectOptions = {}): Promise<InspectReport> {
  const plan = await inspectPlan(source)
  let done = 0
  const parts = await mapLimited(plan.episodes, options.concurrency ?? 8, async ({ index }) => {
    const part = await inspectEpisode(source, index)
    options.onProgress?.(++done, plan.episodes.length)
    return part
  })
  return inspectReport(plan, parts)
}
