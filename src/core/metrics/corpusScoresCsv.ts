/**
 * The corpus table as CSV (RFC 4180, CRLF), one row per episode × model, every number unrounded beyond
 * `csvField`'s 6 decimals, so a spreadsheet can redo the means. An unscorable curve keeps its row with empty
 * metric fields. Columns never move; new ones are added at the end.
 */
import { csvField } from '../agreement/agreementCsv'
import type { CorpusScoreRow } from './corpusScores'

export const CORPUS_CSV_COLUMNS = [
  'episode_index', 'episode', 'model', 'frames', 'voc', 'kt', 'ccc', 'epr50', 'mae', 'monotonicity_violations',
  'final_prediction', 'final_target', 'final_error', 'worst_frame', 'worst_error', 'target', 'corrected',
] as const

export function corpusScoresCsv(rows: readonly CorpusScoreRow[]): string {
  const lines = rows.map((r) => {
    const s = r.scores
    return [
      r.index, r.name, r.model, s?.frames, s?.VOC, s?.KT, s?.CCC, s?.['EPR@50'], s?.MAE, s?.monotonicityViolations,
      s?.finalPrediction, s?.finalTarget, s?.finalError, s?.worstFrame, s?.worstError, r.targetKind, r.corrected ? 1 : 0,
    ].map(csvField).join(',')
  })
  return [CORPUS_CSV_COLUMNS.join(','), ...lines].map((l) => `${l}\r\n`).join('')
}
