/**
 * hyparquet over a FileStore: only the footer and the column chunks asked for are read, and INT64 values
 * (which hyparquet returns as BigInt) become numbers here, before any arithmetic or JSON. hyparquet is loaded
 * with the first parquet file, not with the app (image-sequence datasets never need it). Every column chunk a
 * read fetches is checked before hyparquet decodes it (`parquetPages.ts`): a damaged file is a
 * `DamagedParquetError` naming the file and the column, never a hang.
 */
import type { AsyncBuffer, FileMetaData } from 'hyparquet'
import type { FileStore } from './fileStore'
import { FileNotFoundError } from './fileStore'

export interface ParquetHandle {
  path: string
  file: AsyncBuffer
  metadata: FileMetaData
  numRows: number
  /** Top-level column names. */
  columns: string[]
}

// Footers of LeRobot files are small; hyparquet's default first read (512 KiB) would dominate lazy opening.
const FOOTER_FETCH = 64 * 1024

/** An AsyncBuffer that reads through the store with range requests. */
async function storeAsyncBuffer(store: FileStore, path: string, byteLength: number): Promise<AsyncBuffer> {
  const { cachedAsyncBuffer } = await import('hyparquet')
  return cachedAsyncBuffer(
    {
      byteLength,
      async slice(start: number, end?: number): Promise<ArrayBuffer> {
        const bytes = await store.readBytes(path, { start, end: end ?? byteLength })
        return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? (bytes.buffer as ArrayBuffer)
          : bytes.slice().buffer
      },
    },
    { minSize: FOOTER_FETCH },
  )
}

/** Opens a parquet file (reads its footer). Rejects with FileNotFoundError when absent. */
export async function openParquet(store: FileStore, path: string): Promise<ParquetHandle> {
  const size = await store.size(path)
  if (size === undefined) throw new FileNotFoundError(path, store.label)
  const file = await storeAsyncBuffer(store, path, size)
  const { parquetMetadataAsync, parquetSchema } = await import('hyparquet')
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: Math.min(FOOTER_FETCH, size) })
  const columns = parquetSchema(metadata).children.map((c) => c.element.name)
  return { path, file, metadata, numRows: Number(metadata.num_rows), columns }
}

/** A parquet file whose pages hyparquet cannot be trusted with; the message names the file, column and page. */
export class DamagedParquetError extends Error {
  constructor(readonly path: string, readonly detail: string) {
    super(`${path}: ${detail}: the file is damaged`)
    this.name = 'DamagedParquetError'
  }
}

/** What a failed read says: a damaged file's own message, or why hyparquet refused it. */
export function unreadableMessage(path: string, error: unknown): string {
  if (error instanceof DamagedParquetError) return error.message
  return `${path} cannot be read (${error instanceof Error ? error.message : String(error)})`
}

/**
 * Runs `read` (a hyparquet read of `columns`, all when undefined) over the handle's file, with every range it
 * fetches checked first for the chunks of those columns it holds (`parquetPages.ts`; nothing is read twice). A
 * damaged range reaches hyparquet as no bytes at all: it decodes nothing from it and ends at once, and no
 * rejection runs through its fetches (it starts them all and awaits each only when it decodes that chunk, so a
 * rejected one would go unhandled). Then the read rejects with the `DamagedParquetError`.
 */
export async function readChecked<T>(handle: ParquetHandle, columns: readonly string[] | undefined, read: (file: AsyncBuffer) => Promise<T>): Promise<T> {
  const { rangeDamage } = await import('./parquetPages')
  const { file, metadata, path } = handle
  let damage: DamagedParquetError | undefined
  const checked: AsyncBuffer = {
    byteLength: file.byteLength,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const buffer = await file.slice(start, end)
      const found = damage === undefined ? rangeDamage(metadata, columns, start, new Uint8Array(buffer)) : ''
      if (found === undefined) return buffer
      damage ??= new DamagedParquetError(path, found)
      return new ArrayBuffer(0)
    },
  }
  try {
    const result = await read(checked)
    if (damage !== undefined) throw damage
    return result
  } catch (e) {
    throw damage ?? e
  }
}

/** Converts BigInt (and nested arrays/objects of them) to numbers. */
export function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (Array.isArray(value)) return value.map(toPlain)
  if (ArrayBuffer.isView(value) && value instanceof BigInt64Array) return Array.from(value, Number)
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]))
  }
  return value
}

export interface RowReadOptions {
  /** Columns to read; names that the file lacks are skipped. */
  columns: string[]
  rowStart?: number
  rowEnd?: number
}

/** Reads rows `[rowStart, rowEnd)` of the named columns, BigInt converted. */
export async function readParquetRows(
  handle: ParquetHandle,
  options: RowReadOptions,
): Promise<Record<string, unknown>[]> {
  const columns = options.columns.filter((c) => handle.columns.includes(c))
  if (columns.length === 0) return []
  const rowStart = Math.max(0, options.rowStart ?? 0)
  const rowEnd = Math.min(handle.numRows, options.rowEnd ?? handle.numRows)
  if (rowEnd <= rowStart) return []
  const { parquetReadObjects } = await import('hyparquet')
  const rows = await readChecked(handle, columns, (file) => parquetReadObjects({
    file,
    metadata: handle.metadata,
    columns,
    rowStart,
    rowEnd,
    useOffsetIndex: true,
  }))
  return rows.map((row) => toPlain({ ...row }) as Record<string, unknown>)
}

/** A number from a converted cell, or undefined. */
export function numberCell(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}
