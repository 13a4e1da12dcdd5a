/**
 * What `proclens metrics` computes after reading its files, shared by the whole run and its shards
 * (src/cli/shard/metricsShard.ts): the episodes to score, each with its own problems, in the order the report
 * lists them; the problems of the whole result; the text table.
 */
import { CURVE_METRIC_KEYS } from '../../core/metrics'
import type { CorpusMetrics, EpisodeMetrics } from '../../core/metrics'
import type { CsvColumn } from '../../core/csv'
import { toCsv } from '../../core/csv'
import type { PredictionsFile } from '../../core/formats/predictions'
import { pairByFrame } from '../../core/metrics/pairByFrame'
import type { FrameValue } from '../../core/metrics/pairByFrame'
import type { Problem } from '../../core/problems'
import { ProblemLog } from '../../core/problems'

/** One episode of the report: a target episode (scored when it has predictions) or an episode only predicted. */
export interface MetricsUnit {
  episode: string
  /** The matched frames, when the episode has both predictions and targets. */
  pairs?: { pred: number[]; target: number[] }
  problems: Problem[]
}

function byEpisode(file: PredictionsFile): Map<string, FrameValue[]> {
  const out = new Map<string, FrameValue[]>()
  for (const s of file.series) out.set(s.episode ?? '', s.frames.map((f): FrameValue => [f.frameIndex, f.progress]))
  return out
}

/**
 * Pair predictions with targets per episode (`pairByFrame`, the app's rule too), reporting what does not pair:
 * the target episodes in the target file's order, then the episodes only predicted.
 */
export function metricsUnits(pred: PredictionsFile, target: PredictionsFile): MetricsUnit[] {
  const preds = byEpisode(pred)
  const targets = byEpisode(target)
  const units: MetricsUnit[] = []
  for (const [episode, t] of targets) {
    const log = new ProblemLog()
    const p = preds.get(episode)
    if (p === undefined) {
      log.warn('unmatched-episode', 'episode has targets but no predictions; not scored', { episode })
      units.push({ episode, problems: log.problems })
      continue
    }
    const pairs = pairByFrame(p, t)
    if (pairs.onlyTarget > 0 || pairs.onlyPred > 0) {
      log.warn('unmatched-frames', `${pairs.frames.length} frames matched; ${pairs.onlyPred} only in the predictions, ${pairs.onlyTarget} only in the targets (ignored)`, { episode })
    }
    units.push({ episode, pairs: { pred: pairs.pred, target: pairs.target }, problems: log.problems })
  }
  for (const episode of preds.keys()) {
    if (targets.has(episode)) continue
    const log = new ProblemLog()
    log.warn('unmatched-episode', 'episode has predictions but no targets; not scored', { episode })
    units.push({ episode, problems: log.problems })
  }
  return units
}

/** The problems the result itself raises (episodes left out, nothing scored), after the inputs' own. */
export function resultProblems(result: CorpusMetrics): Problem[] {
  const log = new ProblemLog()
  for (const episode of result.excluded) {
    log.error('too-few-frames', 'fewer than 2 frames with both a prediction and a target; left out of the means', { episode })
  }
  if (Object.keys(result.episodes).length === 0) log.error('no-episodes', 'no episode could be scored')
  return log.problems
}

/** What `--json` prints. */
export function metricsJson(result: CorpusMetrics, problems: readonly Problem[]): string {
  return JSON.stringify({ ...result, problems }, null, 2)
}

function fmt(key: (typeof CURVE_METRIC_KEYS)[number], x: number): string {
  if (key !== 'monotonicityViolations') return x.toFixed(4)
  return Number.isInteger(x) ? String(x) : x.toFixed(2)
}

/** The text table (stdout without --json). */
export function metricsTable(result: CorpusMetrics): string {
  const header = ['episode', 'frames', ...CURVE_METRIC_KEYS.map((k) => (k === 'monotonicityViolations' ? 'drops' : k))]
  const rows = Object.entries(result.episodes).map(([ep, m]) => [ep === '' ? '(none)' : ep, String(m.frames), ...CURVE_METRIC_KEYS.map((k) => fmt(k, m[k]))])
  const count = Object.keys(result.episodes).length
  rows.push([`mean (${count})`, '', ...CURVE_METRIC_KEYS.map((k) => fmt(k, result.mean[k]))])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')
  return [line(header), ...rows.slice(0, -1).map(line), line(widths.map((w) => '-'.repeat(w))), line(rows[rows.length - 1] ?? [])].join('\n')
}


const CSV_COLUMNS: readonly CsvColumn<[string, EpisodeMetrics]>[] = [
  { name: 'episode', value: ([episode]) => episode },
  { name: 'frames', value: ([, m]) => m.frames },
  { name: 'voc', value: ([, m]) => m.VOC },
  { name: 'kt', value: ([, m]) => m.KT },
  { name: 'ccc', value: ([, m]) => m.CCC },
  { name: 'epr50', value: ([, m]) => m['EPR@50'] },
  { name: 'mae', value: ([, m]) => m.MAE },
  { name: 'monotonicity_violations', value: ([, m]) => m.monotonicityViolations },
]

/** `--csv`: one row per scored episode, in the report's order (RFC 4180, the app's CSV rules). */
export function metricsCsv(result: CorpusMetrics): string {
  return toCsv(Object.entries(result.episodes), CSV_COLUMNS)
}
