/**
 * Joins the shards of `proclens export --shard` into what the unsharded export writes, byte for byte: each
 * episode's files copied, the records lines concatenated in the unsharded order, the selection lists and the
 * LeRobot files made from every episode's status and document in that order (exportShard.ts says why).
 */
import { copyFile, link, mkdir, open, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { AnnotationDoc } from '../../core/annotation'
import { isSafeExportPath } from '../../core/exports/exportFile'
import { selectionFiles } from '../../core/exports/selection'
import type { Problem } from '../../core/problems'
import type { ExportFormat } from '../../data/exports/runExport'
import { recordsPath } from '../../data/exports/runExport'
import { exportLerobot } from '../../data/lerobot/exportLerobot'
import { folderSink } from '../folderSink'
import { createNodeFileStore } from '../nodeFileStore'
import type { ExportEntry } from './exportShard'
import { RECORDS_PART } from './exportShard'
import type { JournalEntry, MergeEntry, ShardPlan } from './shardFolder'
import { SHARD_FOLDER, ShardError } from './shardFolder'

export interface MergeExportOptions {
  /** The dataset folder, when it is not where the shards read it (the LeRobot export reads it again). */
  dataset?: string
  onProgress?: (done: number, total: number, phase: string) => void
}

export interface MergeResult {
  episodes: number
  files: number
  problems: Problem[]
}

/**
 * A shard's file into OUT: a hard link where OUT is on the same file system (the bytes are the shard's, nothing
 * is copied: a merge of 10,000 episodes is then mostly the records file), else a copy. Either way OUT's file has
 * the shard's bytes; delete the shard folders after the merge, or edit neither in place.
 */
async function placeFile(from: string, to: string): Promise<void> {
  await rm(to, { force: true })
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}

export async function mergeExport(out: string, plan: ShardPlan, entries: readonly MergeEntry[], options: MergeExportOptions = {}): Promise<MergeResult> {
  const formats = new Set(plan.options.formats as ExportFormat[])
  const dataset = plan.dataset
  const problems: Problem[] = [...((plan.shared as { problems?: Problem[] } | undefined)?.problems ?? [])]
  const sink = folderSink(out)
  const report = options.onProgress ?? (() => undefined)
  let files = 0
  const exported = entries.filter((e) => (e.entry as ExportEntry).skipped !== true)
  const placed = await mergeFiles(out, entries, (done) => report(done, entries.length, 'episodes'))
  problems.push(...placed.problems)
  files += placed.files
  sink.written.push(...placed.paths)
  if (formats.has('records')) {
    const stream = await sink.open(recordsPath(dataset))
    const parts = new Map<string, FileHandle>()
    try {
      for (const { folder, entry } of exported) {
        const range = (entry as ExportEntry).records
        if (range === undefined) throw new ShardError(`${folder.dir}: episode ${entry.name} has no records line`)
        let part = parts.get(folder.dir)
        if (part === undefined) {
          part = await open(join(folder.dir, SHARD_FOLDER, RECORDS_PART), 'r')
          parts.set(folder.dir, part)
        }
        const bytes = new Uint8Array(range[1] - range[0])
        const { bytesRead } = await part.read(bytes, 0, bytes.length, range[0])
        if (bytesRead !== bytes.length) throw new ShardError(`${folder.dir}: the records part ends before episode ${entry.name}'s line; run the shard again in a fresh folder`)
        await stream.write(bytes)
      }
      await stream.close()
    } finally {
      for (const part of parts.values()) await part.close()
    }
    files++
  }
  if (formats.has('selection')) {
    for (const file of selectionFiles(exported.map(({ entry }) => ({ dataset, episode: entry.name, status: (entry as ExportEntry).status ?? 'unreviewed' })))) {
      await sink.write(file)
      files++
    }
  }
  if (formats.has('lerobot')) {
    const docs = new Map<number, AnnotationDoc>()
    for (const { entry } of exported) {
      const doc = (entry as ExportEntry).doc
      if (doc !== undefined) docs.set(doc.episodeIndex, doc)
    }
    const root = options.dataset ?? plan.inputs?.dataset
    if (root === undefined) throw new ShardError('the LeRobot export reads the dataset again: give it with --dataset PATH')
    problems.push(...await exportLerobot(createNodeFileStore(root), docs, {
      emit: async (file) => { await sink.write(file); files++ },
      language: plan.options.language === true,
      onProgress: (done, total) => report(done, total, 'LeRobot files'),
    }))
  }
  return { episodes: exported.length, files, problems }
}

/** Every entry's files (journaled as `files`), from its shard folder to the same path under OUT, in order. */
export async function mergeFiles(out: string, entries: readonly MergeEntry[], onProgress?: (done: number) => void): Promise<{ files: number; paths: string[]; problems: Problem[] }> {
  const problems: Problem[] = []
  const paths: string[] = []
  const made = new Set<string>()
  let files = 0
  for (const [i, { folder, entry }] of entries.entries()) {
    const e = entry as JournalEntry & { files: string[]; problems: Problem[] }
    problems.push(...e.problems)
    for (const path of e.files) {
      if (!isSafeExportPath(path) || path.startsWith(`${SHARD_FOLDER}/`)) throw new ShardError(`${folder.dir}: episode ${e.name} names a file outside the export: ${path}`)
      const target = join(out, ...path.split('/'))
      const parent = dirname(target)
      if (!made.has(parent)) {
        await mkdir(parent, { recursive: true })
        made.add(parent)
      }
      try {
        await placeFile(join(folder.dir, ...path.split('/')), target)
      } catch {
        throw new ShardError(`${folder.dir}: ${path} of episode ${e.name} is missing; delete the episode's line from ${SHARD_FOLDER}/journal.jsonl (or the folder) and run the shard again`)
      }
      paths.push(path)
      files++
    }
    onProgress?.(i + 1)
  }
  return { files, paths, problems }
}
