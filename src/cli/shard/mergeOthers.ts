/** The merge of each sharded command other than export (that one is mergeExport.ts). */
import { mergeInspect } from './inspectShard'
import { mergeMetrics } from './metricsShard'
import { mergeFiles } from './mergeExport'
import type { MergeResult } from './mergeExport'
import type { MergeEntry, ShardCommand, ShardPlan } from './shardFolder'
import { ShardError } from './shardFolder'

export function mergeByCommand(command: ShardCommand, out: string, plan: ShardPlan, entries: readonly MergeEntry[]): Promise<MergeResult> {
  if (command === 'inspect') return mergeInspect(out, plan, entries)
  if (command === 'metrics') return mergeMetrics(out, plan, entries)
  if (command === 'phash') return mergePhash(out, entries)
  return Promise.reject(new ShardError(`merging ${command} shards is not supported`))
}

/** The sidecar files of every episode, placed under OUT at the same paths (OUT is usually the dataset). */
async function mergePhash(out: string, entries: readonly MergeEntry[]): Promise<MergeResult> {
  const { files, problems } = await mergeFiles(out, entries)
  return { episodes: entries.length, files, problems }
}
