/**
 * The state a sharded run keeps in its output folder, so that a killed job resumes where it stopped and
 * `proclens merge` can check that the shards cover the corpus exactly once:
 *
 * ```text
 *  DIR/.proclens-shard/plan.json      what this shard is: command, dataset, options, i/N, its episodes
 *                                     (written once, atomically: tmp file then rename)
 *  DIR/.proclens-shard/journal.jsonl  one line per finished episode, appended after its outputs are complete
 * ```
 *
 * A journal rather than a manifest rewritten after each episode: appending one line is O(1) where rewriting
 * is O(episodes) per episode (quadratic over a 100,000-episode shard). A kill can leave at most a partial
 * last line; opening the folder drops it (and truncates the file to the last whole line), so the episode it
 * described is done again. An episode is only journaled once every file it wrote is closed, so a journaled
 * episode's outputs are complete.
 */
import { appendFile, mkdir, readFile, rename, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Shard } from '../../core/shard'
import { fnv1a32, shardLabel } from '../../core/shard'

export type ShardCommand = 'export' | 'metrics' | 'inspect' | 'phash'

export interface ShardPlan {
  kind: 'proclens-shard'
  version: 1
  command: ShardCommand
  /** The dataset name episodes were hashed with. */
  dataset: string
  /** Everything that changes the output; every shard of one run has the same. */
  options: Record<string, unknown>
  shard: Shard
  /** Episodes (units) of the whole, unsharded run. */
  total: number
  /** A hash of every name of the unsharded run in its order: shards listed from different inputs are refused. */
  listHash: string
  /** This shard's episodes, with their place (rank) in the unsharded run's order. */
  episodes: { rank: number; name: string }[]
  /** Results every shard computes the same (a whole file's problems); merge checks they agree and uses them once. */
  shared?: unknown
  /** Where the inputs were (merge may need to read the dataset again: the LeRobot files). */
  inputs?: Record<string, string>
}

export interface JournalEntry {
  rank: number
  name: string
  [key: string]: unknown
}

export const SHARD_FOLDER = '.proclens-shard'
const PLAN = 'plan.json'
const JOURNAL = 'journal.jsonl'

/** A merge or resume that cannot go on; the message says why and what to run. */
export class ShardError extends Error {}

/** The hash of the unsharded run's episode list, in order. */
export function listHash(names: readonly string[]): string {
  let h = 0
  for (const name of names) h = fnv1a32(`${h.toString(16)}\u0000${name}`)
  return `${names.length}:${h.toString(16).padStart(8, '0')}`
}

/** The units of the unsharded run that fall in `shard`, as a plan's `episodes`. */
export function planEpisodes(names: readonly string[], inShard: (name: string) => boolean): { rank: number; name: string }[] {
  const out: { rank: number; name: string }[] = []
  names.forEach((name, rank) => { if (inShard(name)) out.push({ rank, name }) })
  return out
}

/** What makes two plans parts of the same run (their shard and episodes aside). */
function identity(plan: ShardPlan): Record<string, unknown> {
  return { command: plan.command, dataset: plan.dataset, options: plan.options, count: plan.shard.count, total: plan.total, listHash: plan.listHash }
}

/** The keys whose values differ between two plans' identities, for messages. */
export function planDifferences(a: ShardPlan, b: ShardPlan): string[] {
  const x = identity(a)
  const y = identity(b)
  const out: string[] = []
  for (const key of Object.keys(x)) {
    if (key === 'options') {
      const ox = x.options as Record<string, unknown>
      const oy = y.options as Record<string, unknown>
      for (const k of new Set([...Object.keys(ox), ...Object.keys(oy)])) {
        if (JSON.stringify(ox[k]) !== JSON.stringify(oy[k])) out.push(`${k}: ${JSON.stringify(ox[k]) ?? 'unset'} vs ${JSON.stringify(oy[k]) ?? 'unset'}`)
      }
    } else if (JSON.stringify(x[key]) !== JSON.stringify(y[key])) {
      out.push(`${key === 'count' ? 'N' : key === 'listHash' ? 'episode list' : key}: ${JSON.stringify(x[key])} vs ${JSON.stringify(y[key])}`)
    }
  }
  return out
}

async function readPlan(dir: string): Promise<ShardPlan | undefined> {
  let text: string
  try {
    text = await readFile(join(dir, SHARD_FOLDER, PLAN), 'utf8')
  } catch {
    return undefined
  }
  const plan = JSON.parse(text) as ShardPlan
  if (plan.kind !== 'proclens-shard' || plan.version !== 1) throw new ShardError(`${join(dir, SHARD_FOLDER, PLAN)} is not a ProcLens shard plan (version 1)`)
  return plan
}

/** The journal's whole lines (later entries for the same rank win); a partial last line is cut off the file. */
async function readJournal(dir: string, repair: boolean): Promise<Map<number, JournalEntry>> {
  const file = join(dir, SHARD_FOLDER, JOURNAL)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return new Map()
  }
  const done = new Map<number, JournalEntry>()
  let good = 0
  let at = 0
  while (at < text.length) {
    const end = text.indexOf('\n', at)
    if (end < 0) break
    let entry: JournalEntry
    try {
      entry = JSON.parse(text.slice(at, end)) as JournalEntry
    } catch {
      break
    }
    done.set(entry.rank, entry)
    at = end + 1
    good = at
  }
  if (repair && good < text.length) await truncate(file, Buffer.byteLength(text.slice(0, good)))
  return done
}

export interface ShardRun {
  plan: ShardPlan
  /** Episodes finished by an earlier run of this shard, by rank. */
  done: Map<number, JournalEntry>
  /** Records an episode as finished (call once its outputs are complete). */
  finish(entry: JournalEntry): Promise<void>
  /** The folder's private files (parts that only merge reads). */
  privateDir: string
}

/**
 * Opens DIR for shard `plan`: a new folder gets the plan; a folder holding the same plan resumes (its journal
 * says what is done); a folder holding another run's shard is refused, naming what differs.
 */
export async function openShardRun(dir: string, plan: ShardPlan): Promise<ShardRun> {
  const privateDir = join(dir, SHARD_FOLDER)
  await mkdir(privateDir, { recursive: true })
  const old = await readPlan(dir)
  if (old !== undefined) {
    const diff = planDifferences(old, plan)
    if (old.shard.index !== plan.shard.index) diff.unshift(`shard: ${shardLabel(old.shard)} vs ${shardLabel(plan.shard)}`)
    if (diff.length > 0) throw new ShardError(`${dir} holds shard ${shardLabel(old.shard)} of another run (${diff.join('; ')}); give each run its own empty folder`)
  } else {
    const tmp = join(privateDir, `${PLAN}.tmp`)
    await writeFile(tmp, `${JSON.stringify(plan)}\n`)
    await rename(tmp, join(privateDir, PLAN))
  }
  const done = await readJournal(dir, true)
  const journal = join(privateDir, JOURNAL)
  return {
    plan: old ?? plan,
    done,
    privateDir,
    // One write of one line: a kill leaves the line whole or partial, never interleaved.
    finish: (entry) => appendFile(journal, `${JSON.stringify(entry)}\n`),
  }
}

export interface ShardFolder {
  dir: string
  plan: ShardPlan
  done: Map<number, JournalEntry>
}

export async function readShardFolder(dir: string): Promise<ShardFolder> {
  const plan = await readPlan(dir)
  if (plan === undefined) throw new ShardError(`${dir} is not a shard's output: it has no ${SHARD_FOLDER}/${PLAN} (was it written with --shard i/N?)`)
  return { dir, plan, done: await readJournal(dir, false) }
}

export interface MergeEntry {
  folder: ShardFolder
  entry: JournalEntry
}

const list = (names: readonly string[], max = 10): string => `${names.slice(0, max).join(', ')}${names.length > max ? ` (and ${names.length - max} more)` : ''}`

/**
 * Checks that `folders` are every shard of one run, each complete, covering every episode exactly once, and
 * returns the journal entries in the unsharded run's order. Throws a {@link ShardError} naming the folders,
 * shards and episodes at fault.
 */
export function mergeOrder(folders: readonly ShardFolder[]): MergeEntry[] {
  if (folders.length === 0) throw new ShardError('no shard folder given')
  const first = folders[0]!
  const problems: string[] = []
  for (const f of folders.slice(1)) {
    const diff = planDifferences(first.plan, f.plan)
    if (diff.length > 0) problems.push(`${f.dir} is a shard of another run than ${first.dir} (${diff.join('; ')})`)
  }
  if (problems.length > 0) throw new ShardError(problems.join('\n'))
  const { count } = first.plan.shard
  const byIndex = new Map<number, ShardFolder[]>()
  for (const f of folders) byIndex.set(f.plan.shard.index, [...(byIndex.get(f.plan.shard.index) ?? []), f])
  for (const [index, fs] of byIndex) if (fs.length > 1) problems.push(`shard ${index}/${count} is given ${fs.length} times: ${fs.map((f) => f.dir).join(', ')}; its episodes would be duplicated`)
  const missing = [...Array(count).keys()].filter((i) => !byIndex.has(i))
  if (missing.length > 0) problems.push(`shard(s) ${list(missing.map((i) => `${i}/${count}`))} missing: their episodes are in no folder given (run the same command with --shard ${missing[0]}/${count}${missing.length > 1 ? ', …' : ''})`)
  for (const f of folders) {
    const undone = f.plan.episodes.filter((e) => !f.done.has(e.rank)).map((e) => e.name)
    if (undone.length > 0) problems.push(`shard ${shardLabel(f.plan.shard)} in ${f.dir} is incomplete: ${f.plan.episodes.length - undone.length} of ${f.plan.episodes.length} episode(s) done, missing ${list(undone)}; run the same command again to resume it`)
  }
  if (problems.length > 0) throw new ShardError(problems.join('\n'))
  // Not `new Array(total)`: its holes are skipped by flatMap, and an episode in no shard would go unnoticed.
  const slots = Array.from<MergeEntry | undefined>({ length: first.plan.total })
  const duplicated: string[] = []
  for (const f of folders) {
    for (const { rank, name } of f.plan.episodes) {
      const entry = f.done.get(rank)!
      if (rank < 0 || rank >= slots.length) problems.push(`${f.dir}: episode ${name} has place ${rank}, outside the run's ${slots.length}`)
      else if (slots[rank] !== undefined) duplicated.push(`${name} (in ${slots[rank].folder.dir} and ${f.dir})`)
      else slots[rank] = { folder: f, entry }
    }
  }
  if (duplicated.length > 0) problems.push(`episode(s) in more than one shard: ${list(duplicated)}`)
  const uncovered = slots.flatMap((s, rank) => (s === undefined ? [rank] : []))
  if (uncovered.length > 0) problems.push(`${uncovered.length} episode(s) of the run are in no shard (places ${list(uncovered.map(String))}); were the shards listed from different inputs?`)
  if (problems.length > 0) throw new ShardError(problems.join('\n'))
  const shared = JSON.stringify(first.plan.shared)
  for (const f of folders) if (JSON.stringify(f.plan.shared) !== shared) throw new ShardError(`${f.dir} read its inputs differently from ${first.dir} (their whole-file results differ); were the inputs changed between the shards' runs?`)
  return slots as MergeEntry[]
}
