/**
 * Model progress predictions found next to an episode (ProcVLM inference files,
 * `annotation/inference/<model>/<episode>[.<tag>].jsonl`), as curves at the frames the model was run on.
 * Predictions are drawn at their own frames, never stretched; a frame whose output failed to parse keeps the
 * value ProcVLM reused and says so (`source: 'previous'`).
 */
import type { InferenceFrame } from '@/core/formats/inference'
import { parseInferenceJsonl } from '@/core/formats/inference'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { AnnotationFileRef, DatasetSource } from '../DatasetSource'

export interface PredictionCurve {
  /** `<model>` or `<model> · <tag>` (a run under another instruction). */
  name: string
  model: string
  tag?: string
  /** The instruction the model was prompted with, when the file says. */
  task?: string
  frames: InferenceFrame[]
  path: string
}

export interface EpisodePredictions {
  curves: PredictionCurve[]
  problems: Problem[]
}

/** Reads every inference file among `files`; one unreadable file is a problem, the others still load. */
export async function loadEpisodePredictions(source: Pick<DatasetSource, 'store'>, files: readonly AnnotationFileRef[]): Promise<EpisodePredictions> {
  const curves: PredictionCurve[] = []
  const problems: Problem[] = []
  for (const file of files.filter((f) => f.kind === 'inference')) {
    const log = new ProblemLog({ file: file.path, episode: file.episode })
    try {
      const parsed = parseInferenceJsonl(await source.store.readText(file.path), log)
      const model = file.model ?? 'model'
      if (parsed.frames.length > 0) {
        const curve: PredictionCurve = { name: file.tag === undefined ? model : `${model} · ${file.tag}`, model, frames: parsed.frames, path: file.path }
        if (file.tag !== undefined) curve.tag = file.tag
        if (parsed.task !== undefined) curve.task = parsed.task
        curves.push(curve)
      }
    } catch (e) {
      log.error('predictions-unreadable', `cannot be read: ${e instanceof Error ? e.message : String(e)}`)
    }
    problems.push(...log.problems)
  }
  return { curves, problems }
}
