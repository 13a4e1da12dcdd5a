/**
 * `proclens inspect --shard i/N` and its merge: each shard reads its episodes (the expensive part: data files
 * and video indexes) and journals each one's entry and problems; the merge builds the report from every
 * episode's part in the dataset's order, with the dataset-wide problems every shard read alike, through the
 * same function as the unsharded report (`inspectReport`), so `inspect.json` is what `inspect --json` prints.
 */
import { writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Shard } from '../../core/shard'
import { inShard } from '../../core/shard'
import type { DatasetSource } from '../../data/DatasetSource'
import type { InspectedEpisode, InspectPlan } from '../../data/inspectDataset'
import { inspectEpisode, inspectPlan, inspectReport } from '../../data/inspectDataset'
import { mapLimited } from '../../data/mapLimited'
import type { MergeResult } from './mergeExport'
import type { JournalEntry, MergeEntry, ShardPlan } from './shardFolder'
import { listHash, openShardRun, planEpisodes } from './shardFolder'

interface InspectEntry extends JournalEntry {
  part: InspectedEpisode
}

type SharedInspect = Omit<InspectPlan, 'episodes'>

export async function runShardedInspect(source: DatasetSource, dataset: string, shard: Shard, out: string): Promise<{ plan: ShardPlan; inspected: number; resumed: number }> {
  const whole = await inspectPlan(source)
  const names = whole.episodes.map((e) => e.name)
  const shared: SharedInspect = { format: whole.format, fps: whole.fps, problems: whole.problems }
  const plan: ShardPlan = {
    kind: 'proclens-shard', version: 1, command: 'inspect', dataset, options: {}, shard, total: names.length, listHash: listHash(names),
    episodes: planEpisodes(names, (name) => inShard(shard, dataset, name)), shared,
  }
  const run = await openShardRun(out, plan)
  const todo = run.plan.episodes.filter((e) => !run.done.has(e.rank))
  // Episodes finish out of order (eight at once); each is journaled as it finishes, with its place.
  await mapLimited(todo, 8, async ({ rank, name }) => {
    const part = await inspectEpisode(source, whole.episodes[rank]!.index)
    await run.finish({ rank, name, part } satisfies InspectEntry)
  })
  return { plan: run.plan, inspected: todo.length, resumed: run.plan.episodes.length - todo.length }
}

/** What `proclens inspect --json` prints, for the report. */
export function inspectJson(report: unknown): string {
  return `${JSON.stringify(report, null, 2)}\n`
}

export async function mergeInspect(out: string, plan: ShardPlan, entries: readonly MergeEntry[]): Promise<MergeResult> {
  const shared = plan.shared as SharedInspect
  const report = inspectReport(shared, entries.map((e) => (e.entry as InspectEntry).part))
  await mkdir(out, { recursive: true })
  await writeFile(join(out, 'inspect.json'), inspectJson(report))
  return { episodes: entries.length, files: 1, problems: [] }
}
