/**
 * The corpus table's columns: what each shows and which end is worst, so any column sorts worst first (the
 * lowest correlation, the largest error) and the default order puts the curves to look at first on top.
 */
import type { CorpusScoreRow, ScoreKey } from '@/core/metrics/corpusScores'

export type MetricsColumn = 'episode' | 'model' | ScoreKey | 'target'

export interface ColumnSpec {
  key: MetricsColumn
  header: string
  title: string
  /** The end that sorts first in the worst-first order; for names, A to Z. */
  worst: 'low' | 'high'
  value: (r: CorpusScoreRow) => number | string | undefined
  text: (r: CorpusScoreRow) => string
}

const fixed = (x: number | undefined, digits: number): string => (x === undefined ? '–' : x.toFixed(digits))

/** Short names for the histograms and the means, one per score. */
export const SCORE_LABELS: Record<ScoreKey, string> = {
  VOC: 'VOC', KT: 'KT', CCC: 'CCC', 'EPR@50': 'EPR@50', MAE: 'MAE', monotonicityViolations: 'Drops', finalError: 'Final error',
}

function metric(key: ScoreKey, title: string, worst: 'low' | 'high', digits: number): ColumnSpec {
  return { key, header: SCORE_LABELS[key], title, worst, value: (r) => r.scores?.[key], text: (r) => fixed(r.scores?.[key], digits) }
}

export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'episode', header: 'Episode', title: 'The episode; a click on the row opens it at its worst frame', worst: 'low', value: (r) => r.index, text: (r) => r.name },
  { key: 'model', header: 'Model', title: 'The model (and run tag) that predicted the curve', worst: 'low', value: (r) => r.model, text: (r) => r.model },
  metric('VOC', 'Value-order correlation (ProcVLM), −1..1', 'low', 3),
  metric('KT', 'Kendall τ-a (ProcVLM), −1..1', 'low', 3),
  metric('CCC', 'Concordance correlation coefficient (ProcVLM), −1..1', 'low', 3),
  metric('EPR@50', 'Effective progress resolution (ProcVLM): higher tells more progress levels apart', 'low', 2),
  metric('MAE', 'Mean |prediction − target| in points of 0..100', 'high', 1),
  metric('monotonicityViolations', 'Samples lower than the one before (monotonicity violations)', 'high', 0),
  metric('finalError', '|last prediction − where the outcome ends the target| (100 done, cutoff not done, 0 failed)', 'high', 1),
  {
    key: 'target', header: 'Target', title: 'hashed: the episode\'s cached visual change; time: budgets spread by time. * a saved correction',
    worst: 'low', value: (r) => r.targetKind, text: (r) => `${r.targetKind}${r.corrected ? ' *' : ''}`,
  },
]

export interface MetricsSort {
  column: MetricsColumn
  order: 'worst-first' | 'best-first'
}

/** Largest error first: where prediction and target are furthest apart is what a reviewer checks first. */
export const DEFAULT_SORT: MetricsSort = { column: 'MAE', order: 'worst-first' }

/** A click on a column: worst first, and a second click on the same column turns the order round. */
export function nextSort(current: MetricsSort, column: MetricsColumn): MetricsSort {
  if (current.column !== column) return { column, order: 'worst-first' }
  return { column, order: current.order === 'worst-first' ? 'best-first' : 'worst-first' }
}

/** Whether the column's values rise down the table (for `aria-sort`). */
export function isAscending(sort: MetricsSort): boolean {
  const spec = COLUMNS.find((c) => c.key === sort.column)
  return (spec?.worst === 'low') === (sort.order === 'worst-first')
}

/** The rows in the table's order; an unscored curve (no value) always last, then episode and model order. */
export function sortRows(rows: readonly CorpusScoreRow[], sort: MetricsSort): CorpusScoreRow[] {
  const spec = COLUMNS.find((c) => c.key === sort.column) ?? COLUMNS[0]!
  const sign = isAscending(sort) ? 1 : -1
  const collator = new Intl.Collator('en', { numeric: true })
  return [...rows].sort((a, b) => {
    const x = spec.value(a)
    const y = spec.value(b)
    if (x === undefined || y === undefined) {
      const missing = (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0)
      if (missing !== 0) return missing
    } else {
      const order = sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)))
      if (order !== 0) return order
    }
    return a.index !== b.index ? a.index - b.index : collator.compare(a.model, b.model)
  })
}
