/**
 * The one route from an episode to the VLM labels an annotator audits: the raw proposal when the dataset has
 * one (it keeps started-but-unfinished steps and notes), else the flattened ProcCorpus file. The episode list's
 * background scan, the episode pane (through `episodeAnnotationOptions`) and the CLI all call this function,
 * so they agree on which file wins, how it is imported, and which frame count and fps the document gets.
 */
import type { AnnotationDoc } from '@/core/annotation'
import { importVlmProposal } from '@/core/formats/proposalToDoc'
import { importProcCorpus } from '@/core/formats/flatToDoc'
import type { Problem } from '@/core/problems'
import type { AnnotationFileRef, DatasetSource } from '../DatasetSource'

/** What the route needs to know of an episode: a list row (`EpisodeSummary`) or an opened `EpisodeData`. */
export interface EpisodeRef {
  index: number
  name: string
  /** Frames, when known: the document then covers exactly these (a label file that disagrees is reported). */
  length?: number | undefined
  /** The episode's own rate, when known; otherwise the dataset's (the one rule: {@link annotationFps}). */
  fps?: number | undefined
}

export interface EpisodeAnnotation {
  doc: AnnotationDoc | undefined
  /** The file the document came from. */
  file: AnnotationFileRef | undefined
  /** Every annotation file found for the episode (labels, truth, model predictions). */
  files: AnnotationFileRef[]
  problems: Problem[]
}

/** Which label file wins when an episode has several. */
export const LABEL_PREFERENCE: readonly AnnotationFileRef['kind'][] = ['vlm-proposal', 'proccorpus']

/** The fps a document gets: the episode's own when the caller knows it, else the dataset's. */
export function annotationFps(source: Pick<DatasetSource, 'fps'>, episode: EpisodeRef): number {
  return episode.fps ?? source.fps
}

/** The label file an episode's document is imported from, by {@link LABEL_PREFERENCE}. */
export function labelFileOf(files: readonly AnnotationFileRef[]): AnnotationFileRef | undefined {
  return LABEL_PREFERENCE.map((kind) => files.find((f) => f.kind === kind)).find((f) => f !== undefined)
}

/** Finds and imports the episode's VLM labels; never rejects on bad content (problems say what was wrong). */
export async function loadEpisodeAnnotation(source: DatasetSource, episode: EpisodeRef): Promise<EpisodeAnnotation> {
  const files = await source.findAnnotations(episode.index)
  const file = labelFileOf(files)
  if (file === undefined) return { doc: undefined, file, files, problems: [] }
  let text: string
  try {
    text = await source.store.readText(file.path)
  } catch (e) {
    const message = `${file.path} cannot be read: ${e instanceof Error ? e.message : String(e)}`
    return { doc: undefined, file, files, problems: [{ severity: 'error', kind: 'labels-unreadable', message, file: file.path, episode: episode.name }] }
  }
  const options = {
    file: file.path, fps: annotationFps(source, episode), dataset: source.name, episode: episode.name,
    ...(episode.length !== undefined ? { frameCount: episode.length } : {}),
  }
  const imported = file.kind === 'vlm-proposal' ? importVlmProposal(text, options) : importProcCorpus(text, options)
  return { doc: imported.doc, file, files, problems: imported.problems }
}
