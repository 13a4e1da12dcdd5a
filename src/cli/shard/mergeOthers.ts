/** Merges of the sharded commands other than export (filled in per command). */
import type { MergeResult } from './mergeExport'
import type { MergeEntry, ShardCommand, ShardFolder } from './shardFolder'
import { ShardError } from './shardFolder'

export function mergeByCommand(command: ShardCommand, _out: string, _entries: readonly MergeEntry[], _folders: readonly ShardFolder[]): Promise<MergeResult> {
  return Promise.reject(new ShardError(`merging ${command} shards is not supported`))
}
