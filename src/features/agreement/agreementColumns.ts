/**
 * The agreement table's columns: what each shows, how it reads, and which end is worst, so that any column
 * sorts worst first (the lowest F1, the largest budget difference) and the default order shows the episodes to
 * look at first.
 */
import type { EpisodeAgreement } from '@/core/agreement'

export type AgreementColumn =
  | 'episode' | 'frames' | 'pairs' | 'boundaryF1' | 'labelAgreement' | 'budgetMean' | 'budgetMax' | 'outcomeAgreement' | 'unmatchedSteps'

export interface ColumnSpec {
  key: AgreementColumn
  header: string
  title: string
  /** The end that sorts first in the worst-first order; for names, A to Z. */
  worst: 'low' | 'high'
  value: (e: EpisodeAgreement) => number | string | undefined
  text: (e: EpisodeAgreement) => string
}

const fixed = (x: number | undefined, digits: number): string => (x === undefined ? '–' : x.toFixed(digits))
const percent = (x: number | undefined): string => (x === undefined ? '–' : `${(x * 100).toFixed(1)}%`)
/** Shares are fractions of the episode's progress; their differences read as percentage points. */
const points = (x: number | undefined): string => (x === undefined ? '–' : `${(x * 100).toFixed(1)} pp`)

function outcomeText(e: EpisodeAgreement): string {
  if (e.pairs.length === 1) return e.outcomeAgreement === 1 ? 'agree' : 'differ'
  return `${e.pairs.filter((p) => p.outcome.agree).length} of ${e.pairs.length}`
}

export const COLUMNS: readonly ColumnSpec[] = [
  { key: 'episode', header: 'Episode', title: 'Dataset and episode', worst: 'low', value: (e) => `${e.dataset}/${e.episode}`, text: (e) => e.episode },
  { key: 'frames', header: 'Frames', title: 'Frames in the episode', worst: 'high', value: (e) => e.frameCount, text: (e) => String(e.frameCount) },
  { key: 'pairs', header: 'Pairs', title: 'Pairs of annotators compared', worst: 'low', value: (e) => e.pairs.length, text: (e) => String(e.pairs.length) },
  { key: 'boundaryF1', header: 'Boundary F1', title: 'Boundaries matched one to one within the tolerance; mean over pairs', worst: 'low', value: (e) => e.boundaryF1, text: (e) => fixed(e.boundaryF1, 3) },
  { key: 'labelAgreement', header: 'Labels', title: 'Frames with the same label; mean over pairs', worst: 'low', value: (e) => e.labelAgreement, text: (e) => percent(e.labelAgreement) },
  { key: 'budgetMean', header: 'Budget Δ', title: 'Mean |share difference| of the steps named alike, in percentage points of progress', worst: 'high', value: (e) => e.budgetMeanAbsDifference, text: (e) => points(e.budgetMeanAbsDifference) },
  { key: 'budgetMax', header: 'Budget Δ max', title: 'Largest |share difference| of a step', worst: 'high', value: (e) => e.budgetMaxAbsDifference, text: (e) => points(e.budgetMaxAbsDifference) },
  { key: 'outcomeAgreement', header: 'Outcome', title: 'Pairs whose outcomes (done, not done, failed) agree', worst: 'low', value: (e) => e.outcomeAgreement, text: outcomeText },
  { key: 'unmatchedSteps', header: 'Unmatched steps', title: 'Named steps only one annotator of a pair has (renamed or missing)', worst: 'high', value: (e) => e.unmatchedSteps, text: (e) => String(e.unmatchedSteps) },
]

export interface AgreementSort {
  column: AgreementColumn
  order: 'worst-first' | 'best-first'
}

/** Worst boundary F1 first: misplaced or missing boundaries are what a reviewer settles first. */
export const DEFAULT_SORT: AgreementSort = { column: 'boundaryF1', order: 'worst-first' }

/** A click on a column: worst first, and a second click on the same column turns the order round. */
export function nextSort(current: AgreementSort, column: AgreementColumn): AgreementSort {
  if (current.column !== column) return { column, order: 'worst-first' }
  return { column, order: current.order === 'worst-first' ? 'best-first' : 'worst-first' }
}

/** Whether the column's values rise down the table (for `aria-sort`). */
export function isAscending(sort: AgreementSort): boolean {
  const spec = COLUMNS.find((c) => c.key === sort.column)
  return (spec?.worst === 'low') === (sort.order === 'worst-first')
}

/** Orders two values of a column, lowest first; an absent value (nothing to rank) always last. */
function compareValues(x: number | string | undefined, y: number | string | undefined, sign: number, collator: Intl.Collator): number {
  if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0)
  return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y)))
}

/** What breaks a tie, worst first: an episode that ties on F1 but not on labels is not as good as one that does not. */
const TIE_BREAKERS: readonly AgreementColumn[] = ['boundaryF1', 'labelAgreement', 'outcomeAgreement']

/**
 * The episodes in the table's order. Ties go to boundary F1, label agreement and outcome agreement, worst
 * first, then to the report's order (dataset, then episode).
 */
export function sortEpisodes(episodes: readonly EpisodeAgreement[], sort: AgreementSort): EpisodeAgreement[] {
  const collator = new Intl.Collator('en', { numeric: true })
  const keys = [sort, ...TIE_BREAKERS.filter((c) => c !== sort.column).map((column): AgreementSort => ({ column, order: 'worst-first' }))]
    .map((k) => ({ spec: COLUMNS.find((c) => c.key === k.column) ?? COLUMNS[0]!, sign: isAscending(k) ? 1 : -1 }))
  return [...episodes].sort((a, b) => {
    for (const { spec, sign } of keys) {
      const order = compareValues(spec.value(a), spec.value(b), sign, collator)
      if (order !== 0) return order
    }
    return 0
  })
}
