/**
 * `proclens metrics`: ProcVLM's progress metrics (VOC, KT, CCC, EPR@50) plus MAE and monotonicity violations,
 * per episode and averaged, for predictions against targets matched by (episode, frame_index).
 */
import { corpusMetricsOf, episodeMetrics } from '../../core/metrics'
import type { Shard } from '../../core/shard'
import { shardLabel } from '../../core/shard'
import { parsePredictions } from '../../core/formats/predictions'
import type { PredictionsFile, ProgressScale } from '../../core/formats/predictions'
import { ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
import { runShardedMetrics } from '../shard/metricsShard'
import { ShardError } from '../shard/shardFolder'
import { readShard, SHARD_SPEC, SHARD_USAGE } from '../shard/shardOption'
import type { MetricsUnit } from './metricsReport'
import { metricsCsv, metricsJson, metricsTable, metricsUnits, resultProblems } from './metricsReport'
import { writeFile } from 'node:fs/promises'
import type { Command } from '../command'

const usage = `Usage: proclens metrics --pred PRED.jsonl --target TARGET.jsonl [--json] [options]

Each line of both files is {"episode": "...", "frame_index": N, "progress": P} with P in 0..100
(CSV with a header frame_index,progress[,episode] is read too). Predictions and targets are matched by
(episode, frame_index); frames present in only one file are reported, and an episode needs at least
2 matched frames to be scored.

Options:
  --pred FILE          predicted progress per frame
  --target FILE        target (ground-truth) progress per frame
  --json               print {"episodes": {...}, "mean": {...}, "excluded": [...], "problems": [...]} to stdout
  --scale S            progress scale of both files: percent (0..100, default), unit (0..1) or auto
  --tolerance X        drops of at most X (0..100 scale) are not monotonicity violations (default 0)
  --csv FILE           also write one row per scored episode as CSV (episode, frames, voc, kt, ccc, epr50, mae,
                       monotonicity_violations)
  --out DIR            with --shard: the shard's folder (\`proclens merge\` writes metrics.json, what --json
                       prints, metrics.txt, the table, and metrics.csv, what --csv writes)
  --dataset-name NAME  with --shard: the dataset name episodes are hashed with (default: none)
${SHARD_USAGE}

Metrics (docs/metrics.md): VOC, KT (tau-a), CCC, EPR@50 as ProcVLM's compute_metrics.py defines them;
MAE (mean |pred - target|, 0..100) and monotonicityViolations (drops in frame order) are ProcLens additions.`

interface Args {
  pred: string
  target: string
  json: boolean
  scale: ProgressScale | 'auto'
  tolerance: number
  shard: Shard | undefined
  out: string | undefined
  datasetName: string
  csv: string | undefined
}

function readArgs(args: string[]): Args {
  const { values, positionals } = parseCommandArgs(args, {
    pred: { type: 'string' },
    target: { type: 'string' },
    json: { type: 'boolean', default: false },
    scale: { type: 'string', default: 'percent' },
    tolerance: { type: 'string', default: '0' },
    out: { type: 'string' },
    csv: { type: 'string' },
    'dataset-name': { type: 'string', default: '' },
    ...SHARD_SPEC,
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`)
  const { pred, target, scale, tolerance } = values
  if (typeof pred !== 'string' || typeof target !== 'string') throw new UsageError('both --pred and --target are required')
  if (scale !== 'percent' && scale !== 'unit' && scale !== 'auto') throw new UsageError(`--scale must be percent, unit or auto, not '${String(scale)}'`)
  const tol = Number(tolerance)
  if (typeof tolerance !== 'string' || tolerance.trim() === '' || !Number.isFinite(tol) || tol < 0) {
    throw new UsageError(`--tolerance must be a non-negative number, not '${String(tolerance)}'`)
  }
  const shard = readShard(values.shard)
  if ((shard === undefined) !== (values.out === undefined)) throw new UsageError(shard === undefined ? '--out is for a sharded run (--shard i/N)' : '--shard needs --out DIR, the shard\'s folder')
  return { pred, target, json: values.json === true, scale, tolerance: tol, shard, out: values.out, datasetName: values['dataset-name'] ?? '', csv: values.csv }
}

async function load(file: string, scale: Args['scale'], problems: Problem[]): Promise<PredictionsFile | undefined> {
  const log = new ProblemLog({ file })
  const text = await readInputText(file, log)
  if (text === undefined) {
    problems.push(...log.problems)
    return undefined
  }
  const parsed = parsePredictions(text, log, { scale })
  problems.push(...log.problems)
  // An empty file has said why (another format, no usable line); matching it would only add a warning per episode.
  return parsed.series.length === 0 ? undefined : parsed
}

async function runShard(opts: Args, shard: Shard, units: MetricsUnit[], fileProblems: Problem[]): Promise<number> {
  let r
  try {
    r = await runShardedMetrics({ shard, out: opts.out ?? '', dataset: opts.datasetName, options: { scale: opts.scale, tolerance: opts.tolerance }, units, fileProblems })
  } catch (e) {
    if (!(e instanceof ShardError)) throw e
    console.error(`proclens metrics: ${e.message}`)
    return EXIT_BAD_INPUT
  }
  printProblems([...fileProblems, ...r.problems])
  console.error(`shard ${shardLabel(shard)}: ${r.plan.episodes.length} of ${r.plan.total} episode(s); scored ${r.scored}${r.resumed > 0 ? `, ${r.resumed} already done` : ''} into ${opts.out ?? ''}. When every shard is done: proclens merge OUT SHARD_DIR...`)
  return [...fileProblems, ...r.problems].some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

async function run(args: string[]): Promise<number> {
  const opts = readArgs(args)
  const problems: Problem[] = []
  const pred = await load(opts.pred, opts.scale, problems)
  const target = await load(opts.target, opts.scale, problems)
  const units = pred === undefined || target === undefined ? [] : metricsUnits(pred, target)
  if (opts.shard !== undefined) return runShard(opts, opts.shard, units, problems)
  const scored = units.flatMap((u) => (u.pairs === undefined ? [] : [{ episode: u.episode, metrics: episodeMetrics(u.pairs.pred, u.pairs.target, { monotonicityTolerance: opts.tolerance }) }]))
  const result = corpusMetricsOf(scored)
  problems.push(...units.flatMap((u) => u.problems), ...resultProblems(result))

  if (opts.csv !== undefined) await writeFile(opts.csv, metricsCsv(result))
  if (opts.json) console.log(metricsJson(result, problems))
  else if (Object.keys(result.episodes).length > 0) console.log(metricsTable(result))
  printProblems(problems)
  return problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

/** The `metrics` command. */
export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'score predicted progress curves against targets (VOC, KT, CCC, EPR@50, MAE)',
  usage,
  run,
}
