/**
 * `proclens metrics`: ProcVLM's progress metrics (VOC, KT, CCC, EPR@50) plus MAE and monotonicity violations,
 * per episode and averaged, for predictions against targets matched by (episode, frame_index).
 */
import { CURVE_METRIC_KEYS, corpusMetrics } from '../../core/metrics'
import type { CorpusEpisode, CorpusMetrics } from '../../core/metrics'
import { pairByFrame } from '../../core/metrics/pairByFrame'
import type { FrameValue } from '../../core/metrics/pairByFrame'
import { parsePredictions } from '../../core/formats/predictions'
import type { PredictionsFile, ProgressScale } from '../../core/formats/predictions'
import { ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
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

Metrics (docs/metrics.md): VOC, KT (tau-a), CCC, EPR@50 as ProcVLM's compute_metrics.py defines them;
MAE (mean |pred - target|, 0..100) and monotonicityViolations (drops in frame order) are ProcLens additions.`

interface Args {
  pred: string
  target: string
  json: boolean
  scale: ProgressScale | 'auto'
  tolerance: number
}

function readArgs(args: string[]): Args {
  const { values, positionals } = parseCommandArgs(args, {
    pred: { type: 'string' },
    target: { type: 'string' },
    json: { type: 'boolean', default: false },
    scale: { type: 'string', default: 'percent' },
    tolerance: { type: 'string', default: '0' },
  })
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`)
  const { pred, target, scale, tolerance } = values
  if (typeof pred !== 'string' || typeof target !== 'string') throw new UsageError('both --pred and --target are required')
  if (scale !== 'percent' && scale !== 'unit' && scale !== 'auto') throw new UsageError(`--scale must be percent, unit or auto, not '${String(scale)}'`)
  const tol = Number(tolerance)
  if (typeof tolerance !== 'string' || tolerance.trim() === '' || !Number.isFinite(tol) || tol < 0) {
    throw new UsageError(`--tolerance must be a non-negative number, not '${String(tolerance)}'`)
  }
  return { pred, target, json: values.json === true, scale, tolerance: tol }
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

function byEpisode(file: PredictionsFile): Map<string, FrameValue[]> {
  const out = new Map<string, FrameValue[]>()
  for (const s of file.series) out.set(s.episode ?? '', s.frames.map((f): FrameValue => [f.frameIndex, f.progress]))
  return out
}

/** Pair predictions with targets per episode (`pairByFrame`, the app's rule too), reporting what does not pair. */
function match(pred: PredictionsFile, target: PredictionsFile, log: ProblemLog): CorpusEpisode[] {
  const preds = byEpisode(pred)
  const targets = byEpisode(target)
  const episodes: CorpusEpisode[] = []
  for (const [episode, t] of targets) {
    const p = preds.get(episode)
    if (p === undefined) {
      log.warn('unmatched-episode', 'episode has targets but no predictions; not scored', { episode })
      continue
    }
    const pairs = pairByFrame(p, t)
    if (pairs.onlyTarget > 0 || pairs.onlyPred > 0) {
      log.warn('unmatched-frames', `${pairs.frames.length} frames matched; ${pairs.onlyPred} only in the predictions, ${pairs.onlyTarget} only in the targets (ignored)`, { episode })
    }
    episodes.push({ episode, pred: pairs.pred, target: pairs.target })
  }
  for (const episode of preds.keys()) {
    if (!targets.has(episode)) log.warn('unmatched-episode', 'episode has predictions but no targets; not scored', { episode })
  }
  return episodes
}

function fmt(key: (typeof CURVE_METRIC_KEYS)[number], x: number): string {
  if (key !== 'monotonicityViolations') return x.toFixed(4)
  return Number.isInteger(x) ? String(x) : x.toFixed(2)
}

function table(result: CorpusMetrics): string {
  const header = ['episode', 'frames', ...CURVE_METRIC_KEYS.map((k) => (k === 'monotonicityViolations' ? 'drops' : k))]
  const rows = Object.entries(result.episodes).map(([ep, m]) => [ep === '' ? '(none)' : ep, String(m.frames), ...CURVE_METRIC_KEYS.map((k) => fmt(k, m[k]))])
  const count = Object.keys(result.episodes).length
  rows.push([`mean (${count})`, '', ...CURVE_METRIC_KEYS.map((k) => fmt(k, result.mean[k]))])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  return [line(header), ...rows.slice(0, -1).map(line), line(widths.map((w) => '-'.repeat(w))), line(rows[rows.length - 1] ?? [])].join('\n')
}

async function run(args: string[]): Promise<number> {
  const opts = readArgs(args)
  const problems: Problem[] = []
  const pred = await load(opts.pred, opts.scale, problems)
  const target = await load(opts.target, opts.scale, problems)
  const log = new ProblemLog()
  const episodes = pred === undefined || target === undefined ? [] : match(pred, target, log)
  const result = corpusMetrics(episodes, { monotonicityTolerance: opts.tolerance })
  for (const episode of result.excluded) {
    log.error('too-few-frames', 'fewer than 2 frames with both a prediction and a target; left out of the means', { episode })
  }
  if (Object.keys(result.episodes).length === 0) log.error('no-episodes', 'no episode could be scored')
  problems.push(...log.problems)

  if (opts.json) console.log(JSON.stringify({ ...result, problems }, null, 2))
  else if (Object.keys(result.episodes).length > 0) console.log(table(result))
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
