/**
 * `--shard i/N` as every corpus command reads it (export, metrics, phash, inspect): the option's spec, its usage
 * lines, and the parse, with the index read from the job array's environment for `auto/N`.
 */
import type { Shard } from '../../core/shard'
import { parseShard } from '../../core/shard'
import { UsageError } from '../command'

export const SHARD_SPEC = { shard: { type: 'string' } } as const

export const SHARD_USAGE = `  --shard i/N          do shard i of N (0 <= i < N) of the episodes, picked by a hash of the dataset and episode
                       name, into --out; auto/N reads i from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. A re-run
                       resumes; \`proclens merge OUT SHARD_DIR...\` joins the shards (docs/corpus-jobs.md)`

export function readShard(value: string | undefined, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (value === undefined) return undefined
  const parsed = parseShard(value, env)
  if (!parsed.ok) throw new UsageError(parsed.reason)
  return parsed.shard
}
