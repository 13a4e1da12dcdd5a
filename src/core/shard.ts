/**
 * Corpus work as job arrays: which of N shards an episode belongs to. A shard is chosen by a hash of the dataset
 * and the episode's name, never by position, so adding, removing or reordering episodes moves no other episode
 * between shards, and every job of an array computes the same partition on its own (nothing is coordinated).
 *
 * The hash is 32-bit FNV-1a over the UTF-8 bytes of `dataset + "\0" + episode` (the NUL keeps "ab"+"c" apart
 * from "a"+"bc"); shard = hash mod N. Indices are 0-based: shard i of N with 0 <= i < N, as Slurm's
 * `SLURM_ARRAY_TASK_ID` (with `--array=0-(N-1)`) and Kubernetes' `JOB_COMPLETION_INDEX` count.
 */

export interface Shard {
  index: number
  count: number
}

const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193
const encoder = new TextEncoder()

/** 32-bit FNV-1a of a string's UTF-8 bytes, as an unsigned integer. */
export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET
  for (const byte of encoder.encode(text)) {
    hash ^= byte
    hash = Math.imul(hash, FNV_PRIME) >>> 0
  }
  return hash >>> 0
}

/** The shard (0 .. count-1) that `episode` of `dataset` belongs to. */
export function shardOf(dataset: string, episode: string, count: number): number {
  return fnv1a32(`${dataset}\u0000${episode}`) % count
}

export function inShard(shard: Shard, dataset: string, episode: string): boolean {
  return shardOf(dataset, episode, shard.count) === shard.index
}

/** The environment variables job arrays put the task's index in, in the order they are looked for. */
export const SHARD_INDEX_VARIABLES = ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX'] as const

export type ShardParse = { ok: true; shard: Shard } | { ok: false; reason: string }

const INTEGER = /^\d+$/

/**
 * `--shard i/N` (or `auto/N`, the index read from the environment). Every refusal says what was wrong and what
 * a good value looks like.
 */
export function parseShard(spec: string, env: Readonly<Record<string, string | undefined>> = {}): ShardParse {
  const text = spec.trim()
  const parts = text.split('/')
  const bad = (why: string): ShardParse => ({ ok: false, reason: `--shard '${spec}': ${why}` })
  if (parts.length !== 2) return bad('expected i/N, e.g. --shard 0/4 (shard 0 of 4, counted from 0), or auto/N to read the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX')
  const [first, second] = parts as [string, string]
  if (!INTEGER.test(second) || Number(second) < 1) return bad(`N must be a whole number of shards >= 1, not '${second}'`)
  const count = Number(second)
  if (!Number.isSafeInteger(count)) return bad(`N is too large`)
  let indexText = first
  let from = ''
  if (first === 'auto') {
    const variable = SHARD_INDEX_VARIABLES.find((v) => (env[v] ?? '').trim() !== '')
    if (variable === undefined) return bad(`auto needs the shard index in ${SHARD_INDEX_VARIABLES.join(' or ')}, and neither is set (run it as a Slurm array task or a Kubernetes Indexed Job, or give the index: --shard 0/${count})`)
    indexText = (env[variable] ?? '').trim()
    from = ` (from ${variable})`
  }
  if (!INTEGER.test(indexText)) return bad(`the shard index${from} must be a whole number from 0 to ${count - 1}, not '${indexText}'`)
  const index = Number(indexText)
  if (index >= count) return bad(`the shard index${from} is ${index}, but shards of ${count} are numbered 0 to ${count - 1}${from === '' ? '' : ' (is the array larger than N?)'}`)
  return { ok: true, shard: { index, count } }
}

/** `2/7`, as messages and file names show a shard. */
export function shardLabel(shard: Shard): string {
  return `${shard.index}/${shard.count}`
}
