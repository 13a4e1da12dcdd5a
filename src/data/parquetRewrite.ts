/**
 * Rewrites a parquet file with columns added or replaced, keeping every other column's schema, values, row order and
 * row groups: each row group is read with hyparquet and written back with hyparquet-writer under the file's own
 * SchemaElements, so nested types (LeRobot's `stats/*` lists of lists of lists of doubles) keep their exact layout.
 *
 * Values travel raw: INT64 as BigInt, timestamps and dates as their stored integers, unannotated byte arrays as
 * bytes. Only strings are decoded (and re-encoded as the same UTF-8) and JSON is parsed (and re-serialised, equal in
 * value). Types hyparquet would convert lossily (DECIMAL, INT96, unsigned 64-bit, TIME, geospatial, VARIANT) are
 * refused rather than changed.
 *
 * The Arrow schema pyarrow stores in `ARROW:schema` is patched: the kept columns keep their Arrow fields (fixed-size
 * lists stay fixed-size), the new ones get the Arrow field their patch declares (arrowSchema.ts). When the old value
 * cannot be read it is dropped, and readers derive Arrow types from the parquet schema. Other key-value metadata
 * (`huggingface`, `pandas`) is kept as it was.
 */
import type { FileMetaData, SchemaElement, SchemaTree } from 'hyparquet'
import type { ParquetWriter } from 'hyparquet-writer'
import type { ArrowColumn, ArrowField } from './arrowSchema'
import { patchArrowSchema } from './arrowSchema'
import type { ParquetHandle } from './parquet'
import { readChecked } from './parquet'

/** A column to write: appended, or in place of the file's column of the same name. */
export interface ColumnPatch {
  /** The column's schema elements, depth first, its top element first (whose name is the column's). */
  schema: SchemaElement[]
  /** Its Arrow field for `ARROW:schema`; `keep` when the patch reuses the file's own schema for the column. */
  arrow: ArrowField | 'keep'
  /** One value per row of a row group, from the group's rows as read (all original columns, raw values). */
  values(rows: readonly Readonly<Record<string, unknown>>[], rowStart: number): unknown[]
}

// hyparquet-writer bundles its own hyparquet, whose SchemaElement type lacks the newest logical types.
type WriterSchema = ConstructorParameters<typeof ParquetWriter>[0]['schema']

const REFUSED_CONVERTED = new Set(['DECIMAL', 'UINT_64', 'BSON', 'INTERVAL', 'TIME_MILLIS', 'TIME_MICROS'])
// Logical types hyparquet reads without loss and hyparquet-writer writes back (it silently drops unknown ones).
const COPIED_LOGICAL = new Set(['STRING', 'MAP', 'LIST', 'ENUM', 'DATE', 'TIMESTAMP', 'INTEGER', 'NULL', 'JSON', 'UUID', 'FLOAT16'])

/** Why the column cannot be copied losslessly, or undefined when it can. */
function refusal(node: SchemaTree): string | undefined {
  const e = node.element
  const logical = e.logical_type
  if (e.type === 'INT96') return 'INT96 timestamps'
  if (e.converted_type !== undefined && REFUSED_CONVERTED.has(e.converted_type)) return `${e.converted_type} values`
  if (logical !== undefined && !COPIED_LOGICAL.has(logical.type)) return `${logical.type} values`
  if (logical?.type === 'INTEGER' && logical.bitWidth === 64 && !logical.isSigned) return 'unsigned 64-bit integers'
  for (const child of node.children) {
    const why = refusal(child)
    if (why !== undefined) return why
  }
  return undefined
}

function flatten(node: SchemaTree): SchemaElement[] {
  return [node.element, ...node.children.flatMap(flatten)]
}

/** A column's schema elements as the file has them (depth first), or undefined when it has no such column. */
export async function columnSchema(handle: ParquetHandle, name: string): Promise<SchemaElement[] | undefined> {
  const { parquetSchema } = await import('hyparquet')
  const node = parquetSchema(handle.metadata).children.find((c) => c.element.name === name)
  return node === undefined ? undefined : flatten(node)
}

// Identity parsers keep stored integers, which hyparquet-writer writes back as they are.
const RAW_PARSERS = {
  timestampFromMilliseconds: (v: bigint): bigint => v,
  timestampFromMicroseconds: (v: bigint): bigint => v,
  timestampFromNanoseconds: (v: bigint): bigint => v,
  dateFromDays: (v: number): number => v,
}

type KeyValue = { key: string; value?: string }

/** The file's key-value metadata for the new column set: `ARROW:schema` patched (or dropped), the rest kept. */
function keptMetadata(metadata: FileMetaData, columns: readonly ArrowColumn[]): KeyValue[] | undefined {
  const kept: KeyValue[] = []
  for (const kv of metadata.key_value_metadata ?? []) {
    if (kv.key !== 'ARROW:schema') kept.push(kv)
    else {
      const value = kv.value === undefined ? undefined : patchArrowSchema(kv.value, columns)
      if (value !== undefined) kept.push({ key: kv.key, value })
    }
  }
  // An empty list is written with an element type arrow-rs rejects ("Expected list element type of Struct"): omit it.
  return kept.length > 0 ? kept : undefined
}

/**
 * The file's bytes with `patches` applied. Rejects (with the column named) when a kept column has a type that
 * cannot be copied losslessly. Checks `signal` between row groups.
 */
export async function rewriteParquet(handle: ParquetHandle, patches: readonly ColumnPatch[], signal?: AbortSignal): Promise<Uint8Array> {
  const { parquetSchema, parquetReadObjects } = await import('hyparquet')
  const { ByteWriter, ParquetWriter } = await import('hyparquet-writer')
  const tree = parquetSchema(handle.metadata)
  const byName = new Map(patches.map((p) => [p.schema[0]?.name ?? '', p]))
  for (const child of tree.children) {
    if (byName.has(child.element.name)) continue
    const why = refusal(child)
    if (why !== undefined) throw new Error(`column ${child.element.name} holds ${why}, which ProcLens cannot copy losslessly`)
  }
  const original = tree.children.map((c) => c.element.name)
  const appended = patches.filter((p) => !original.includes(p.schema[0]?.name ?? ''))
  const columns = [...original, ...appended.map((p) => p.schema[0]?.name ?? '')]
  const schema: SchemaElement[] = [
    { ...tree.element, num_children: columns.length },
    ...tree.children.flatMap((c) => byName.get(c.element.name)?.schema ?? flatten(c)),
    ...appended.flatMap((p) => p.schema),
  ]
  const arrow = columns.map((name): ArrowColumn => {
    const field = byName.get(name)?.arrow ?? 'keep'
    return field === 'keep' ? { keep: name } : { add: field }
  })
  const writer = new ByteWriter()
  const kvMetadata = keptMetadata(handle.metadata, arrow)
  const out = new ParquetWriter({
    writer, schema: schema as WriterSchema, createdBy: 'ProcLens (hyparquet-writer)', ...(kvMetadata === undefined ? {} : { kvMetadata }),
  })
  let rowStart = 0
  for (const group of handle.metadata.row_groups) {
    signal?.throwIfAborted()
    const rowEnd = rowStart + Number(group.num_rows)
    if (rowEnd === rowStart) continue
    const rows = await readChecked(handle, undefined, (file) => parquetReadObjects({
      file, metadata: handle.metadata, rowStart, rowEnd, utf8: false, parsers: RAW_PARSERS,
    })) as Record<string, unknown>[]
    const columnData = columns.map((name) => ({ name, data: byName.get(name)?.values(rows, rowStart) ?? rows.map((r) => r[name]) }))
    await out.write({ columnData, rowGroupSize: rowEnd - rowStart })
    rowStart = rowEnd
  }
  await out.finish()
  return new Uint8Array(writer.getBuffer())
}
