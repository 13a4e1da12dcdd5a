/**
 * Two independent readers for checking written parquet: hyparquet (what ProcLens reads with) and parquet-wasm +
 * apache-arrow (arrow-rs, the Rust implementation of the reader pyarrow shares its format rules with). A file both
 * read the same is not an artefact of one reader.
 */
import type { Table } from 'apache-arrow'
import { tableFromIPC } from 'apache-arrow'
import type { SchemaElement } from 'hyparquet'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import * as pw from 'parquet-wasm'

const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer

/** Every row (INT64 as BigInt) and the schema, read by hyparquet. */
export async function readWithHyparquet(bytes: Uint8Array): Promise<{ schema: SchemaElement[]; rows: Record<string, unknown>[]; kv: string[] }> {
  const file = buffer(bytes)
  const metadata = parquetMetadata(file)
  const rows = await parquetReadObjects({ file, metadata })
  return { schema: metadata.schema, rows, kv: (metadata.key_value_metadata ?? []).map((k) => k.key) }
}

/** The file as an Arrow table, read by arrow-rs (parquet-wasm). */
export function readWithArrow(bytes: Uint8Array): Table {
  return tableFromIPC(pw.readParquet(bytes).intoIPCStream())
}

/** A column's values as comparable JSON (BigInt as text, typed arrays as arrays); `missing` when absent. */
export function arrowColumnJson(table: Table, name: string): string {
  const column = table.getChild(name)
  if (column === null) return 'missing'
  return JSON.stringify(column.toJSON(), (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>, (x) => (typeof x === 'bigint' ? `${x}n` : x))
    return v
  })
}

/** Every Arrow field's type, by name. */
export function arrowTypes(table: Table): Record<string, string> {
  return Object.fromEntries(table.schema.fields.map((f) => [f.name, String(f.type)]))
}

/** JSON with BigInt as text, for comparing hyparquet values. */
export function plainJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))
}
