/**
 * The agreement report as CSV (RFC 4180): a header row, then one row per compared pair of annotators per
 * episode, the finest level the report has, so a spreadsheet can group it either way. With two annotators that
 * is one row per episode. Columns never move; new ones are added at the end.
 */
import type { AgreementReport } from '../agreement'
import type { PairAgreement } from './pairAgreement'

export const AGREEMENT_CSV_COLUMNS = [
  'dataset', 'episode', 'frames', 'annotator_a', 'annotator_b',
  'boundary_f1', 'boundaries_a', 'boundaries_b', 'boundaries_matched', 'boundary_mean_error',
  'label_agreement',
  'budget_mean_abs_diff', 'budget_max_abs_diff', 'steps_only_a', 'steps_only_b',
  'outcome_a', 'outcome_b', 'outcome_agree', 'cutoff_diff',
] as const

type Cell = string | number | undefined

/**
 * One field: quoted when it holds a comma, a quote or a line break, quotes doubled. Numbers are rounded to 6
 * decimals so that 0.1 + 0.2 prints as 0.3; an absent value is an empty field.
 */
export function csvField(value: Cell): string {
  if (value === undefined) return ''
  const text = typeof value === 'number' ? String(Number(value.toFixed(6))) : value
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

function pairRow(dataset: string, episode: string, p: PairAgreement): Cell[] {
  const b = p.boundaries
  return [
    dataset, episode, p.labels.frames, p.a, p.b,
    b.f1, b.boundariesA.length, b.boundariesB.length, b.matched, b.matched > 0 ? b.errorSum / b.matched : undefined,
    p.labels.rate,
    p.budgets.meanAbsDifference, p.budgets.maxAbsDifference, p.budgets.onlyA.length, p.budgets.onlyB.length,
    p.outcome.a, p.outcome.b, p.outcome.agree ? 1 : 0, p.outcome.cutoffDifference,
  ]
}

/** The CSV text, CRLF line ends as RFC 4180 has them, ending with one. */
export function agreementCsv(report: Pick<AgreementReport, 'episodes'>): string {
  const rows: Cell[][] = [[...AGREEMENT_CSV_COLUMNS]]
  for (const e of report.episodes) for (const p of e.pairs) rows.push(pairRow(e.dataset, e.episode, p))
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}
