/**
 * The ProcCorpus export: one flattened per-frame file per episode, where ProcVLM's readers look for it
 * (`<root>/v2/sub_task/<dataset>/<episode>.sub_task.jsonl`, procvlm-formats.md §2.5), written exactly as
 * ProcVLM's flattener would have written it from the corrected segments (`docToFlatText`).
 */
import type { AnnotationDoc } from '../annotation'
import { docToFlatText } from '../formats/docToFlat'
import type { Problem } from '../problems'
import type { ExportFile } from './exportFile'

/** Where ProcVLM reads an episode's flattened labels, relative to its annotation root. */
export function procCorpusPath(dataset: string, episode: string): string {
  return `v2/sub_task/${dataset}/${episode}.sub_task.jsonl`
}

export function procCorpusFile(doc: AnnotationDoc): { file: ExportFile; problems: Problem[] } {
  const { text, problems } = docToFlatText(doc)
  return { file: { path: procCorpusPath(doc.dataset, doc.episode), data: text }, problems }
}
