/**
 * The VLM labels the annotator audits for an episode: the raw proposal when the dataset has one (it keeps
 * started-but-unfinished steps and notes), else the flattened ProcCorpus file.
 */
import type { AnnotationDoc } from '@/core/annotation'
import { importVlmProposal } from '@/core/formats/proposalToDoc'
import { importProcCorpus } from '@/core/formats/flatToDoc'
import type { Problem } from '@/core/problems'
import type { AnnotationFileRef, DatasetSource, EpisodeData } from '@/data/DatasetSource'

export interface EpisodeAnnotation {
  doc: AnnotationDoc | undefined
  /** The file the document came from. */
  file: AnnotationFileRef | undefined
  files: AnnotationFileRef[]
  problems: Problem[]
}

const PREFERENCE: AnnotationFileRef['kind'][] = ['vlm-proposal', 'proccorpus']

export async function loadEpisodeAnnotation(source: DatasetSource, episode: EpisodeData): Promise<EpisodeAnnotation> {
  const files = await source.findAnnotations(episode.index)
  const file = PREFERENCE.map((kind) => files.find((f) => f.kind === kind)).find((f) => f !== undefined)
  if (file === undefined) return { doc: undefined, file, files, problems: [] }
  const text = await source.store.readText(file.path)
  const options = { file: file.path, frameCount: episode.length, fps: episode.fps, dataset: source.name, episode: episode.name }
  const imported = file.kind === 'vlm-proposal' ? importVlmProposal(text, options) : importProcCorpus(text, options)
  return { doc: imported.doc, file, files, problems: imported.problems }
}
