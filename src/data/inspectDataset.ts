/**
 * The `proclens inspect` report: every episode whose files are present, with its cameras as read from the
 * files, and every problem (absent episodes, quirks). Environment-neutral, so the app can show the same report.
 */
import type { Problem } from '@/core/problems'
import type { CameraMedia, DatasetFormat, DatasetSource } from './DatasetSource'

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

/** Reads every episode and builds the report. Never rejects on bad content. */
export async function inspectDataset(source: DatasetSource, options: InspectOptions = {}): Promise<InspectReport> {
  const scan = await source.scanAllEpisodes()
  const indices = scan.episodes.length > 0 ? scan.episodes.map((e) => e.index) : Array.from({ length: source.episodeCount }, (_, i) => i)
  const episodes: (InspectEpisode | undefined)[] = new Array<InspectEpisode | undefined>(indices.length)
  const perEpisode: Problem[][] = new Array<Problem[]>(indices.length)
  let next = 0
  let done = 0
  const worker = async (): Promise<void> => {
    while (next < indices.length) {
      const slot = next++
      const data = await source.loadEpisode(indices[slot] ?? 0)
      perEpisode[slot] = data.problems
      if (data.availability !== 'missing') {
        episodes[slot] = { episode_index: data.index, length: data.length, task: data.task, cameras: data.cameras.map(camera) }
      }
      done += 1
      options.onProgress?.(done, indices.length)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, indices.length)) }, worker))
  return {
    format: source.format,
    fps: source.fps,
    episodes: episodes.filter((e): e is InspectEpisode => e !== undefined),
    problems: dedupe([...source.problems, ...scan.problems, ...perEpisode.flat()].map(problem)),
  }
}
