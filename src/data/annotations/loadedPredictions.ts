/**
 * Prediction files a researcher loads into ProcLens (beside those found next to the dataset): any number per
 * dataset, each tagged with a model name and the instruction the model was prompted with. A file may hold one
 * episode or many, in ProcVLM's inference format (`evqa/inference.py`, or `proclens predict`'s output) or the
 * generic `{episode, frame_index, progress}` JSONL / CSV (`core/formats/predictions.ts`).
 *
 * Which episode a part of a file belongs to, first that applies: the line's `episode` field (or CSV column), the
 * `episode_\d+` token of its `video_path`, the token in the file's name. Parts that name no episode are
 * reported once and not drawn: a curve on the wrong episode would be worse than none.
 */
import type { InferenceFrame } from '@/core/formats/inference'
import { parseInferenceJsonl } from '@/core/formats/inference'
import { isObject, parseJsonl } from '@/core/formats/jsonl'
import { parsePredictions } from '@/core/formats/predictions'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { PredictionCurve } from './episodePredictions'

/** A loaded file as kept (IndexedDB in the app): its text and the tags the user gave it. */
export interface LoadedPredictionFile {
  /** The file's name, as chosen. */
  name: string
  model: string
  /** The instruction the model was prompted with; curves under different instructions are told apart by it. */
  instruction?: string
  text: string
}

/** One episode's part of a loaded file. */
interface Part {
  episode: string
  frames: InferenceFrame[]
  task?: string
}

const TOKEN = /episode_\d+/

function tokenOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : TOKEN.exec(text)?.[0]
}

/** ProcVLM inference lines carry these; generic predictions do not. */
function isInference(text: string): boolean {
  const first = parseJsonl(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '', new ProblemLog())[0]?.value
  return isObject(first) && ('model_output' in first || 'progress_source' in first || 'window_frame_indices' in first || 'sample_index' in first)
}

function inferenceParts(file: LoadedPredictionFile, log: ProblemLog): Part[] {
  const groups = new Map<string, string[]>()
  let unnamed = 0
  for (const { value, line } of parseJsonl(file.text, log)) {
    if (!isObject(value)) continue
    const episode = typeof value.episode === 'string' ? value.episode
      : typeof value.episode === 'number' ? String(value.episode)
      : tokenOf(typeof value.video_path === 'string' ? value.video_path : undefined) ?? tokenOf(file.name)
    if (episode === undefined) {
      unnamed++
      continue
    }
    const lines = groups.get(episode) ?? []
    // Keep the line numbers the reader reports: pad with blank lines (the JSONL reader skips them).
    lines[line - 1] = JSON.stringify(value)
    groups.set(episode, lines)
  }
  if (unnamed > 0) log.warn('prediction-episode-unknown', `${unnamed} line(s) name no episode (no "episode" field, no episode_NNNNNN in "video_path" or the file name); not drawn`)
  return [...groups].map(([episode, lines]) => {
    const parsed = parseInferenceJsonl(Array.from(lines, (l) => l ?? '').join('\n'), log)
    return { episode, frames: parsed.frames, ...(parsed.task !== undefined ? { task: parsed.task } : {}) }
  })
}

function genericParts(file: LoadedPredictionFile, log: ProblemLog): Part[] {
  const parsed = parsePredictions(file.text, log)
  const parts: Part[] = []
  for (const series of parsed.series) {
    const episode = series.episode ?? tokenOf(file.name)
    if (episode === undefined) {
      log.warn('prediction-episode-unknown', 'the file has no episode column and its name no episode_NNNNNN; not drawn')
      continue
    }
    parts.push({ episode, frames: series.frames.map((f) => ({ frameIndex: f.frameIndex, progress: f.progress, source: 'model', line: f.line })) })
  }
  return parts
}

// A file is read once however many episodes ask for their part (the list's scan, the corpus metrics).
const read = new WeakMap<LoadedPredictionFile, { parts: Part[]; problems: Problem[] }>()

/** Every episode's part of a file, and what was wrong with it (named by the file). */
export function readLoadedPredictions(file: LoadedPredictionFile): { parts: Part[]; problems: Problem[] } {
  const known = read.get(file)
  if (known !== undefined) return known
  const log = new ProblemLog({ file: file.name })
  const parts = isInference(file.text) ? inferenceParts(file, log) : genericParts(file, log)
  const result = { parts, problems: log.problems }
  read.set(file, result)
  return result
}

/** Whether a part's episode name means this episode: its name, its index, or its `episode_NNNNNN` token. */
export function namesEpisode(part: string, episode: { index: number; name: string }): boolean {
  if (part === episode.name || part === String(episode.index)) return true
  const token = tokenOf(part)
  return token !== undefined && token === tokenOf(episode.name)
}

/** The curves loaded files give an episode, tagged with their model and instruction. */
export function loadedCurves(files: readonly LoadedPredictionFile[], episode: { index: number; name: string }): { curves: PredictionCurve[]; problems: Problem[] } {
  const curves: PredictionCurve[] = []
  const problems: Problem[] = []
  for (const file of files) {
    const { parts, problems: p } = readLoadedPredictions(file)
    const mine = parts.filter((q) => namesEpisode(q.episode, episode))
    // A file's problems show on the episodes it draws on, or everywhere when it draws on none (so they are seen).
    if (mine.length > 0 || parts.length === 0) problems.push(...p)
    for (const part of mine) {
      const curve: PredictionCurve = {
        name: file.instruction === undefined ? file.model : `${file.model} · ${file.instruction}`, model: file.model, frames: part.frames, path: file.name,
      }
      if (file.instruction !== undefined) curve.tag = file.instruction
      const task = file.instruction ?? part.task
      if (task !== undefined) curve.task = task
      curves.push(curve)
    }
  }
  return { curves, problems }
}
