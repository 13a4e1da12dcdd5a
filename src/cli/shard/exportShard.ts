/**
 * `proclens export --shard i/N`: the episodes of shard i, each written as the unsharded export writes it, so
 * that `proclens merge` only has to copy and concatenate (docs/corpus-jobs.md):
 *
 * ```text
 *  proccorpus, procvqa  per-episode files at their final paths under DIR    merge copies them
 *  records              one line per episode appended to a part file        merge concatenates, in order
 *  selection            the episode's review status, in the journal         merge writes the three lists
 *  lerobot              the episode's document, in the journal              merge runs the LeRobot export once
 * ```
 *
 * LeRobot's files hold many episodes each (one episodes parquet row per episode, temporal proportions over all
 * of them), and a file's episodes fall in different shards, so that export runs at merge over every document,
 * through the same function as the unsharded run: the same documents in the same order give the same bytes.
 */
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import type { AnnotationDoc } from '../../core/annotation'
import type { ExportFile, ExportSink } from '../../core/exports/exportFile'
import { procCorpusFile } from '../../core/exports/procCorpusExport'
import type { EpisodeRecord } from '../../core/formats/records'
import { episodeRecordLine } from '../../core/formats/records'
import type { Problem } from '../../core/problems'
import type { ReviewStatus } from '../../core/review'
import type { Shard } from '../../core/shard'
import { inShard } from '../../core/shard'
import type { EpisodeSummary } from '../../data/DatasetSource'
import type { ExportFormat, FormatWriter } from '../../data/exports/runExport'
import { folderSink } from '../folderSink'
import type { JournalEntry, ShardPlan } from './shardFolder'
import { listHash, openShardRun, planEpisodes } from './shardFolder'

export const RECORDS_PART = 'records.part.jsonl'

/** What the journal keeps for each exported episode. */
export interface ExportEntry extends JournalEntry {
  /** No labels: nothing written (the unsharded run skips it too). */
  skipped?: true
  /** Files written under DIR for this episode (ProcCorpus, ProcVQA records and images). */
  files: string[]
  status?: ReviewStatus
  /** The episode's line in the records part: [start, end) bytes. */
  records?: [number, number]
  /** With lerobot: the document, for the export merge runs. */
  doc?: AnnotationDoc
  problems: Problem[]
}

export interface ShardedExportJob {
  shard: Shard
  out: string
  datasetName: string
  formats: readonly ExportFormat[]
  /** Everything else that changes the output (seed, camera, language, where labels come from, the episode list). */
  options: Record<string, unknown>
  inputs: Record<string, string>
  episodes: readonly EpisodeSummary[]
  resolve: (summary: EpisodeSummary) => Promise<EpisodeRecord | undefined>
  /** Where `resolve` reports problems (appended to). */
  problems: Problem[]
  /** Problems of the whole run (not of an episode): every shard has them; merge reports them once. */
  runProblems: Problem[]
  writers: Partial<Record<ExportFormat, FormatWriter>>
  onProgress?: (p: { done: number; total: number; phase: string }) => void
}

export interface ShardedExportResult {
  plan: ShardPlan
  exported: number
  resumed: number
  problems: Problem[]
}

/** A sink into DIR that remembers which paths one episode wrote. */
function trackingSink(out: string): { sink: ExportSink; take(): string[] } {
  const inner = folderSink(out)
  let paths: string[] = []
  const sink: ExportSink = {
    async write(file: ExportFile) {
      await inner.write(file)
      paths.push(file.path)
    },
    async open(path) {
      const stream = await inner.open(path)
      paths.push(path)
      return stream
    },
    close: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  }
  return { sink, take: () => { const p = paths; paths = []; return p } }
}

export async function runShardedExport(job: ShardedExportJob): Promise<ShardedExportResult> {
  const want = new Set(job.formats)
  const names = job.episodes.map((e) => e.name)
  const plan: ShardPlan = {
    kind: 'proclens-shard', version: 1, command: 'export', dataset: job.datasetName,
    options: { formats: [...job.formats].sort(), ...job.options }, shard: job.shard, total: names.length, listHash: listHash(names),
    episodes: planEpisodes(names, (name) => inShard(job.shard, job.datasetName, name)),
    shared: { problems: job.runProblems }, inputs: job.inputs,
  }
  const run = await openShardRun(job.out, plan)
  const tracking = trackingSink(job.out)
  const sink = tracking.sink
  const take = (): string[] => tracking.take()
  const part = await open(join(run.privateDir, RECORDS_PART), 'a')
  let offset = (await part.stat()).size
  // After a machine crash (not a killed process) the journal may name records bytes that never reached the disk.
  for (const [rank, entry] of run.done) if (((entry as ExportEntry).records?.[1] ?? 0) > offset) run.done.delete(rank)
  const problems: Problem[] = []
  let exported = 0
  let resumed = 0
  let handled = 0
  const report = job.onProgress ?? (() => undefined)
  try {
    report({ done: 0, total: plan.episodes.length, phase: 'episodes' })
    for (const { rank, name } of plan.episodes) {
      const old = run.done.get(rank)
      if (old !== undefined) {
        resumed++
        problems.push(...(old as ExportEntry).problems)
        report({ done: ++handled, total: plan.episodes.length, phase: 'episodes' })
        continue
      }
      const summary = job.episodes[rank]!
      const before = job.problems.length
      const record = await job.resolve(summary)
      const episodeProblems: Problem[] = job.problems.slice(before)
      job.problems.length = before
      const entry: ExportEntry = { rank, name, files: [], problems: episodeProblems }
      if (record === undefined) entry.skipped = true
      else {
        take()
        if (want.has('proccorpus')) {
          const { file, problems: p } = procCorpusFile(record.doc)
          episodeProblems.push(...p)
          await sink.write(file)
        }
        const procvqa = job.writers.procvqa
        if (want.has('procvqa') && procvqa?.episode !== undefined) episodeProblems.push(...await procvqa.episode(record, sink, undefined))
        entry.files = take()
        if (want.has('records')) {
          const bytes = Buffer.from(episodeRecordLine(record))
          await part.write(bytes, 0, bytes.length, null)
          entry.records = [offset, offset + bytes.length]
          offset += bytes.length
        }
        entry.status = record.review?.status ?? 'unreviewed'
        if (want.has('lerobot')) entry.doc = record.doc
        exported++
      }
      // The episode's files are closed and its records line written: only now is it done.
      await run.finish(entry)
      problems.push(...episodeProblems)
      report({ done: ++handled, total: plan.episodes.length, phase: 'episodes' })
    }
  } finally {
    await part.close()
  }
  return { plan: run.plan, exported, resumed, problems }
}
