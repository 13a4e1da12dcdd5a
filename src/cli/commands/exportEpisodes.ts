/**
 * Where `proclens export` gets each episode's document: a ProcLens records file (documents, reviews and edit
 * logs as the app exported them), a folder laid out as ProcVLM's annotation root
 * (`<root>/v2/sub_task/<dataset>/<episode>.sub_task.jsonl`, raw proposals or flattened files), or, with
 * neither, the labels next to the dataset, by the app's own route (`loadEpisodeAnnotation`).
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { procCorpusPath } from '../../core/exports/procCorpusExport'
import { detectFormat } from '../../core/formats/detectFormat'
import { importProcCorpus } from '../../core/formats/flatToDoc'
import { importVlmProposal } from '../../core/formats/proposalToDoc'
import type { EpisodeRecord } from '../../core/formats/records'
import { parseEpisodeRecords } from '../../core/formats/records'
import type { Problem } from '../../core/problems'
import { ProblemLog } from '../../core/problems'
import { annotationFps, loadEpisodeAnnotation } from '../../data/annotations/episodeAnnotation'
import type { DatasetSource, EpisodeSummary } from '../../data/DatasetSource'

export type AnnotationInput = { kind: 'dataset' } | { kind: 'records'; file: string } | { kind: 'root'; folder: string }

/** Records files are read whole (one line per episode, small); anything else that is a file is refused. */
export async function annotationInput(path: string | undefined): Promise<AnnotationInput> {
  if (path === undefined) return { kind: 'dataset' }
  const info = await stat(path)
  return info.isDirectory() ? { kind: 'root', folder: path } : { kind: 'records', file: path }
}

/**
 * A function giving each listed episode's record (or undefined, with a problem, when it has none), set up
 * once: a records file is parsed here, once.
 */
export async function episodeResolver(
  source: DatasetSource, input: AnnotationInput, datasetName: string, problems: Problem[],
): Promise<(summary: EpisodeSummary) => Promise<EpisodeRecord | undefined>> {
  if (input.kind === 'records') {
    const log = new ProblemLog({ file: input.file })
    const records = parseEpisodeRecords(await readFile(input.file, 'utf8'), log)
    const byIndex = new Map(records.map((r) => [r.doc.episodeIndex, r]))
    const others = new Set(records.filter((r) => r.doc.dataset !== datasetName).map((r) => r.doc.dataset))
    if (others.size > 0) log.warn('other-dataset', `records name dataset(s) ${[...others].join(', ')}; exporting them as ${datasetName} (matched by episode index)`)
    problems.push(...log.problems)
    return (summary) => {
      const record = byIndex.get(summary.index)
      if (record === undefined) problems.push({ severity: 'warning', kind: 'no-record', message: `no record for episode ${summary.index} in ${input.file}; skipped`, episode: summary.name })
      return Promise.resolve(record === undefined ? undefined : { ...record, doc: { ...record.doc, dataset: datasetName } })
    }
  }
  if (input.kind === 'root') {
    return async (summary) => {
      const file = join(input.folder, ...procCorpusPath(datasetName, summary.name).split('/'))
      let text: string
      try {
        text = await readFile(file, 'utf8')
      } catch {
        problems.push({ severity: 'warning', kind: 'no-labels', message: `no labels at ${file}; skipped`, episode: summary.name })
        return undefined
      }
      const options = { file, dataset: datasetName, episode: summary.name, fps: annotationFps(source, summary), ...(summary.length !== undefined ? { frameCount: summary.length } : {}) }
      const format = detectFormat(text)
      if (format !== 'vlm-proposal' && format !== 'proccorpus-flat') {
        problems.push({ severity: 'error', kind: 'unknown-format', message: 'neither a raw VLM proposal nor a flattened ProcCorpus file', file, episode: summary.name })
        return undefined
      }
      const imported = format === 'vlm-proposal' ? importVlmProposal(text, options) : importProcCorpus(text, options)
      problems.push(...imported.problems.filter((p) => p.kind !== 'fps-assumed'))
      return imported.doc === undefined ? undefined : { doc: imported.doc }
    }
  }
  return async (summary) => {
    const found = await loadEpisodeAnnotation(source, summary)
    problems.push(...found.problems)
    if (found.doc === undefined && found.problems.length === 0) {
      problems.push({ severity: 'warning', kind: 'no-labels', message: 'no labels next to this episode; skipped', episode: summary.name })
    }
    return found.doc === undefined ? undefined : { doc: { ...found.doc, dataset: datasetName } }
  }
}
