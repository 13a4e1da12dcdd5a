/**
 * `proclens metrics --shard i/N` and its merge. Every shard reads both files whole (the problems of reading them
 * are the same in each: the plan keeps them, merge uses them once) and scores its episodes; the journal keeps
 * each episode's scores and problems. The merge folds them in the unsharded order with `corpusMetricsOf`, so the
 * means are summed in the same order and `metrics.json` is what `metrics --json` prints (and `metrics.csv` what
 * `--csv` writes), byte for byte.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CurveMetricOptions, EpisodeMetrics } from '../../core/metrics'
import { corpusMetricsOf, episodeMetrics } from '../../core/metrics'
import type { Problem } from '../../core/problems'
import type { Shard } from '../../core/shard'
import { inShard } from '../../core/shard'
import type { MetricsUnit } from '../commands/metricsReport'
import { metricsCsv, metricsJson, metricsTable, resultProblems } from '../commands/metricsReport'
import type { MergeResult } from './mergeExport'
import type { JournalEntry, MergeEntry, ShardPlan } from './shardFolder'
import { listHash, openShardRun, planEpisodes } from './shardFolder'

interface MetricsEntry extends JournalEntry {
  problems: Problem[]
  /** Scored: its metrics (non-finite values as strings: JSON has no NaN); too few frames: null. */
  metrics?: Record<string, number | string> | null
}

/** JSON keeps every finite double exactly; NaN and ±Infinity are kept as their names. */
function encode(m: EpisodeMetrics): Record<string, number | string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number.isFinite(v) ? v : String(v)]))
}

function decode(m: Record<string, number | string>): EpisodeMetrics {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === 'string' ? Number(v) : v])) as EpisodeMetrics
}

export interface MetricsShardJob {
  shard: Shard
  out: string
  dataset: string
  options: { scale: string; tolerance: number }
  units: readonly MetricsUnit[]
  fileProblems: Problem[]
}

export async function runShardedMetrics(job: MetricsShardJob): Promise<{ plan: ShardPlan; scored: number; resumed: number; problems: Problem[] }> {
  const names = job.units.map((u) => u.episode)
  const plan: ShardPlan = {
    kind: 'proclens-shard', version: 1, command: 'metrics', dataset: job.dataset, options: job.options, shard: job.shard,
    total: names.length, listHash: listHash(names), episodes: planEpisodes(names, (name) => inShard(job.shard, job.dataset, name)),
    shared: { problems: job.fileProblems },
  }
  const run = await openShardRun(job.out, plan)
  const options: CurveMetricOptions = { monotonicityTolerance: job.options.tolerance }
  const problems: Problem[] = []
  let scored = 0
  for (const { rank, name } of run.plan.episodes) {
    const unit = job.units[rank]!
    problems.push(...unit.problems)
    if (run.done.has(rank)) continue
    const entry: MetricsEntry = { rank, name, problems: unit.problems }
    if (unit.pairs !== undefined) {
      const m = episodeMetrics(unit.pairs.pred, unit.pairs.target, options)
      entry.metrics = m === undefined ? null : encode(m)
      scored++
    }
    await run.finish(entry)
  }
  return { plan: run.plan, scored, resumed: run.done.size, problems }
}

export async function mergeMetrics(out: string, plan: ShardPlan, entries: readonly MergeEntry[]): Promise<MergeResult> {
  const shared = (plan.shared as { problems: Problem[] }).problems
  const result = corpusMetricsOf(entries.flatMap(({ entry }) => {
    const m = (entry as MetricsEntry).metrics
    return m === undefined ? [] : [{ episode: entry.name, metrics: m === null ? undefined : decode(m) }]
  }))
  const problems = [...shared, ...entries.flatMap(({ entry }) => (entry as MetricsEntry).problems), ...resultProblems(result)]
  await mkdir(out, { recursive: true })
  await writeFile(join(out, 'metrics.json'), `${metricsJson(result, problems)}\n`)
  await writeFile(join(out, 'metrics.txt'), Object.keys(result.episodes).length > 0 ? `${metricsTable(result)}\n` : '')
  await writeFile(join(out, 'metrics.csv'), metricsCsv(result))
  return { episodes: entries.length, files: 3, problems }
}
