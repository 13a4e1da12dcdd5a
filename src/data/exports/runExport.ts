/**
 * One export run, the same in the CLI and the app: episodes stream in (in episode order), each format writes
 * its files into the sink, and nothing holds more than one episode's files at once, except what a format
 * needs whole (the LeRobot export needs every episode's segments, which are small). The caller decides where
 * documents come from (saved corrections or the VLM's proposals) and where files go (a folder, a zip).
 *
 * ```text
 *  episodes ──> proccorpus  v2/sub_task/<dataset>/<episode>.sub_task.jsonl      (per episode)
 *           ──> records     records/<dataset>.records.jsonl                     (one stream)
 *           ──> procvqa     a|b|c/<dataset>/<episode>.jsonl + images/…          (per episode, needs media)
 *           ──> selection   selection/{accepted,rejected,flagged}.jsonl         (at the end)
 *           ──> lerobot     meta/… of the dataset with the subtask columns      (at the end)
 * ```
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { ExportSink, ExportStream } from '@/core/exports/exportFile'
import { procCorpusFile } from '@/core/exports/procCorpusExport'
import { selectionFiles } from '@/core/exports/selection'
import type { EpisodeRecord } from '@/core/formats/records'
import { episodeRecordLine } from '@/core/formats/records'
import type { Problem } from '@/core/problems'
import type { ReviewStatus } from '@/core/review'

export type ExportFormat = 'proccorpus' | 'procvqa' | 'lerobot' | 'records' | 'selection'

export const EXPORT_FORMATS: readonly ExportFormat[] = ['proccorpus', 'procvqa', 'lerobot', 'records', 'selection']

/** One episode as an export sees it: the document to export, its review, its edit log. */
export type ExportEpisode = EpisodeRecord

export interface ExportProgress {
  /** Episodes done (of `total`), or, in a final phase, that phase's own count. */
  done: number
  total: number
  phase: string
}

/** A format that needs more than the documents (the dataset's files, decoded frames) plugs in here. */
export interface FormatWriter {
  /** Called for every episode, in order. */
  episode?(episode: ExportEpisode, sink: ExportSink, signal: AbortSignal | undefined): Promise<Problem[]>
  /** Called once after the last episode. */
  finish?(sink: ExportSink, report: (p: ExportProgress) => void, signal: AbortSignal | undefined): Promise<Problem[]>
}

export interface ExportJob {
  formats: readonly ExportFormat[]
  /** ProcVLM's dataset name (the dataset folder's name): file names and selection lists use it. */
  datasetName: string
  /** The episodes, in order; called once per pass (records are a pass of their own, so no file interleaves). */
  episodes: () => AsyncIterable<ExportEpisode>
  /** How many `episodes` will yield, for progress. */
  total: number
  sink: ExportSink
  /** Writers for the formats that need more than documents (`procvqa`, `lerobot`). */
  writers?: Partial<Record<ExportFormat, FormatWriter>>
  onProgress?: (progress: ExportProgress) => void
  signal?: AbortSignal
}

export interface ExportResult {
  episodes: number
  problems: Problem[]
}

/** The export was cancelled; the sink was aborted. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled')
    this.name = 'ExportCancelled'
  }
}

/** The records file of a dataset inside an export. */
export function recordsPath(dataset: string): string {
  return `records/${dataset}.records.jsonl`
}

/** Runs `job`; on cancel or failure the sink is aborted and the error rethrown. */
export async function runExport(job: ExportJob): Promise<ExportResult> {
  const { formats, sink, signal } = job
  const problems: Problem[] = []
  const want = new Set(formats)
  const report = job.onProgress ?? (() => undefined)
  const check = (): void => {
    if (signal?.aborted === true) throw new ExportCancelled()
  }
  for (const format of ['procvqa', 'lerobot'] as const) {
    if (want.has(format) && job.writers?.[format] === undefined) throw new Error(`the ${format} export needs the dataset's files here`)
  }
  const selection: { dataset: string; episode: string; status: ReviewStatus }[] = []
  let records: ExportStream | undefined
  let count = 0
  try {
    const perEpisode = want.has('proccorpus') || want.has('procvqa') || want.has('lerobot') || want.has('selection')
    if (perEpisode) {
      report({ done: 0, total: job.total, phase: 'episodes' })
      for await (const episode of job.episodes()) {
        check()
        const doc: AnnotationDoc = episode.doc
        if (want.has('proccorpus')) {
          const { file, problems: p } = procCorpusFile(doc)
          problems.push(...p)
          await sink.write(file)
        }
        for (const format of ['procvqa', 'lerobot'] as const) {
          const writer = job.writers?.[format]
          if (want.has(format) && writer?.episode !== undefined) problems.push(...await writer.episode(episode, sink, signal))
        }
        selection.push({ dataset: job.datasetName, episode: doc.episode, status: episode.review?.status ?? 'unreviewed' })
        count++
        report({ done: count, total: job.total, phase: 'episodes' })
      }
    }
    if (want.has('records')) {
      // A pass of its own: one stream, never interleaved with other files, so a zip is written front to back.
      let written = 0
      report({ done: 0, total: job.total, phase: 'records' })
      records = await sink.open(recordsPath(job.datasetName))
      for await (const episode of job.episodes()) {
        check()
        await records.write(episodeRecordLine(episode))
        report({ done: ++written, total: job.total, phase: 'records' })
      }
      await records.close()
      records = undefined
      count = Math.max(count, written)
    }
    check()
    if (want.has('selection')) for (const file of selectionFiles(selection)) await sink.write(file)
    for (const format of ['procvqa', 'lerobot'] as const) {
      const writer = job.writers?.[format]
      if (want.has(format) && writer?.finish !== undefined) problems.push(...await writer.finish(sink, report, signal))
    }
    check()
    await sink.close()
    return { episodes: count, problems }
  } catch (e) {
    await sink.abort(e instanceof Error ? e.message : String(e)).catch(() => undefined)
    throw e
  }
}
