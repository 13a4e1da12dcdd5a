/**
 * Tables as CSV (RFC 4180): a header row of the columns' names, then one row per record; CRLF line ends, ending
 * with one. Fields are written by the agreement CSV's `csvField`, so every CSV the app writes quotes and rounds alike.
 */
import { csvField } from './agreement/agreementCsv'

export type CsvCell = string | number | undefined

export interface CsvColumn<R> {
  name: string
  value: (row: R) => CsvCell
}

export function toCsv<R>(rows: Iterable<R>, columns: readonly CsvColumn<R>[]): string {
  const lines = [columns.map((c) => csvField(c.name)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','))
  return lines.join('\r\n') + '\r\n'
}
