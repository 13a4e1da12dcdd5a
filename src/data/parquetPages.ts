/**
 * What hyparquet trusts in a column chunk, checked before it decodes the chunk: the page headers (sizes, value
 * counts, level lengths) and the run headers of the RLE/bit-packed streams it follows (levels, dictionary
 * indices, booleans). hyparquet 1.33 takes these counts as given, and a damaged file can make it spin or abort
 * the process (docs/reliability.md, "Found and fixed"):
 *
 *   - a page header without `repetition_levels_byte_length` sets its reader's offset to `undefined`; every read
 *     at offset NaN returns byte 0, so a run of zeros never advances and the loop in `readRleBitPackedHybrid`
 *     (encoding.js) never ends, synchronously (no timeout can fire);
 *   - one flipped byte in an RLE run header asks for ~10⁹ repeats; `readRle` writes them past the end of a JS
 *     array and V8 aborts the whole process ("invalid size error"), which no `catch` sees;
 *   - a bit-packed run with a bit width of 0 loops over its count without reading a byte.
 *
 * So every count is bounded here by what the file can hold: a page by its column chunk's bytes, a flat column's
 * values by the row group's rows, a run by the values its page still needs. The walk mirrors how hyparquet
 * reads (column.js `readColumn`, datapage.js), so a valid file passes and a damaged one is named instead of run.
 */
import type { FileMetaData, PageHeader } from 'hyparquet'
import { parquetHeader } from 'hyparquet/src/column.js'
import { parquetSchema } from 'hyparquet/src/metadata.js'
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath, isFlatColumn } from 'hyparquet/src/schema.js'
import { snappyUncompress } from 'hyparquet/src/snappy.js'

/** One column chunk's bytes as fetched, with what its metadata and schema say about it. */
export interface ChunkBytes {
  /** The column's dotted path, for messages. */
  column: string
  /** Starting at a page header: the whole chunk, or the pages a narrowed read fetched. */
  bytes: Uint8Array
  /** Rows in the chunk's row group. */
  rows: number
  /** `num_values` from the chunk's metadata (bounds a nested column's values). */
  values: number
  codec: string
  type: string
  maxDefinitionLevel: number
  maxRepetitionLevel: number
  /** A top-level column without repetition: one value per row. */
  flat: boolean
}

/** A position in a page's bytes. */
interface Stream {
  page: Uint8Array
  at: number
}

/** Snappy expands at most ~21× (a 3-byte copy tag writes 64 bytes); anything beyond is a damaged size. */
const SNAPPY_MAX_RATIO = 32

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/** A header field's value for a message: numbers as they are, anything else by its kind. */
const shown = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' ? String(value) : `a ${typeof value}`

const bitWidth = (maxLevel: number): number => 32 - Math.clz32(maxLevel)

/**
 * Checks the column chunks of `columns` (all when undefined) that a fetched range `[start, start + bytes.length)`
 * holds: whole chunks (hyparquet's usual read), or the pages a narrowed read fetched (a range that starts or ends
 * inside a chunk: hyparquet reads with the offset index from a page's start).
 */
export function rangeDamage(metadata: FileMetaData, columns: readonly string[] | undefined, start: number, bytes: Uint8Array): string | undefined {
  const end = start + bytes.length
  const tree = parquetSchema(metadata)
  const several = metadata.row_groups.length > 1
  for (const [g, group] of metadata.row_groups.entries()) {
    for (const column of group.columns) {
      const meta = column.meta_data
      if (meta === undefined || (columns !== undefined && !columns.includes(meta.path_in_schema[0] ?? ''))) continue
      // Where hyparquet starts the chunk (a zero dictionary offset means none).
      const dictionary = meta.dictionary_page_offset
      const chunkStart = Number(dictionary !== undefined && dictionary !== 0n ? dictionary : meta.data_page_offset)
      const chunkEnd = chunkStart + Number(meta.total_compressed_size)
      const from = Math.max(start, chunkStart)
      const to = Math.min(end, chunkEnd)
      if (to <= from) continue
      const name = meta.path_in_schema.join('.') + (several ? ` (row group ${g + 1} of ${metadata.row_groups.length})` : '')
      let path: ReturnType<typeof getTreePath>
      try {
        path = getTreePath(tree, meta.path_in_schema)
      } catch {
        return `the footer lists a column ${name} that its schema does not have`
      }
      const damage = chunkDamage({
        column: name, bytes: bytes.subarray(from - start, to - start), rows: Number(group.num_rows), values: Number(meta.num_values),
        codec: meta.codec, type: meta.type, flat: isFlatColumn(path),
        maxDefinitionLevel: getMaxDefinitionLevel(path), maxRepetitionLevel: getMaxRepetitionLevel(path),
      })
      if (damage !== undefined) return damage
    }
  }
  return undefined
}

/** Why the chunk would mislead hyparquet, or undefined when every page is sound. */
export function chunkDamage(chunk: ChunkBytes): string | undefined {
  const { bytes } = chunk
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const reader = { view, offset: 0 }
  // Values a flat column's pages may hold in all (one per row); a nested column's, from its metadata.
  const valueLimit = chunk.flat ? chunk.rows : chunk.values
  let values = 0
  let rows = 0
  for (let page = 1; reader.offset < bytes.length; page++) {
    const where = `page ${page} of column ${chunk.column}`
    let header: PageHeader
    try {
      header = parquetHeader(reader)
    } catch {
      return `the header of ${where} cannot be read`
    }
    const damage = headerDamage(header, where, bytes.length - reader.offset)
    if (damage !== undefined) return damage
    const body = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size)
    reader.offset += header.compressed_page_size
    if (header.type === 'DICTIONARY_PAGE') continue
    const count = header.data_page_header?.num_values ?? header.data_page_header_v2?.num_values ?? 0
    values += count
    if (values > valueLimit) {
      return chunk.flat
        ? `the header of ${where} says ${count} values in a chunk of ${chunk.rows} rows`
        : `the header of ${where} says ${count} values, beyond the ${chunk.values} of its chunk`
    }
    rows += header.data_page_header_v2?.num_rows ?? 0
    if (rows > chunk.rows) return `the header of ${where} says ${header.data_page_header_v2?.num_rows} rows in a chunk of ${chunk.rows}`
    const runs = header.data_page_header_v2 === undefined ? runDamageV1(body, header, chunk) : runDamageV2(body, header, chunk)
    if (runs !== undefined) return `${where}: ${runs}`
  }
  return undefined
}

/** The header's fields that hyparquet uses as sizes and offsets: present, whole, within the chunk. */
function headerDamage(header: PageHeader, where: string, left: number): string | undefined {
  const field = (name: string, value: unknown): string | undefined =>
    isCount(value) ? undefined : `the header of ${where} ${value === undefined ? `lacks ${name}` : `has ${name} ${shown(value)}`}`
  const sizes = field('compressed_page_size', header.compressed_page_size) ?? field('uncompressed_page_size', header.uncompressed_page_size)
  if (sizes !== undefined) return sizes
  if (header.compressed_page_size > left) {
    return `${where} is ${header.compressed_page_size} bytes but its column chunk has ${left} left`
  }
  if (header.uncompressed_page_size > SNAPPY_MAX_RATIO * header.compressed_page_size + 64) {
    return `the header of ${where} says ${header.compressed_page_size} bytes decompress to ${header.uncompressed_page_size}`
  }
  if (header.type === 'DICTIONARY_PAGE') {
    return field('the dictionary num_values', header.dictionary_page_header?.num_values)
  }
  if (header.type === 'DATA_PAGE') {
    return field('num_values', header.data_page_header?.num_values)
  }
  if (header.type === 'DATA_PAGE_V2') {
    const v2 = header.data_page_header_v2
    const missing = field('num_values', v2?.num_values) ?? field('num_nulls', v2?.num_nulls) ?? field('num_rows', v2?.num_rows) ??
      field('definition_levels_byte_length', v2?.definition_levels_byte_length) ??
      field('repetition_levels_byte_length', v2?.repetition_levels_byte_length)
    if (missing !== undefined || v2 === undefined) return missing
    if (v2.num_nulls > v2.num_values) return `the header of ${where} says ${v2.num_nulls} nulls among ${v2.num_values} values`
    const levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length
    if (levels > header.compressed_page_size || levels > header.uncompressed_page_size) {
      return `the header of ${where} says its levels take ${levels} of its ${header.compressed_page_size} bytes`
    }
    return undefined
  }
  return `the header of ${where} has an unknown page type`
}

/** The page's values section, decompressed as hyparquet will (sizes already checked). */
function inflate(bytes: Uint8Array, size: number, codec: string): Uint8Array | string | undefined {
  if (codec === 'UNCOMPRESSED') return bytes
  // Other codecs need decompressors ProcLens does not pass: hyparquet refuses them with its own error.
  if (codec !== 'SNAPPY') return undefined
  const out = new Uint8Array(size)
  try {
    snappyUncompress(bytes, out)
  } catch (e) {
    return `its data does not decompress (${e instanceof Error ? e.message : String(e)})`
  }
  return out
}

/** Data page v1: levels (each with a 4-byte length) and the values, all inside the compressed bytes. */
function runDamageV1(body: Uint8Array, header: PageHeader, chunk: ChunkBytes): string | undefined {
  const daph = header.data_page_header
  if (daph === undefined) return 'it has no data page header'
  const page = inflate(body, header.uncompressed_page_size, chunk.codec)
  if (typeof page !== 'object') return page
  const stream: Stream = { page, at: 0 }
  const levels = (max: number, what: string): string | undefined => {
    if (max === 0) return undefined
    const length = u32(stream)
    if (length === undefined) return `its ${what} levels are cut short`
    const start = stream.at
    const damage = runsDamage({ page, at: start }, bitWidth(max), daph.num_values, what)
    stream.at = start + length
    return damage
  }
  const damage = levels(chunk.maxRepetitionLevel, 'repetition') ?? levels(chunk.maxDefinitionLevel, 'definition')
  if (damage !== undefined) return damage
  return valuesDamage(stream, { encoding: daph.encoding, count: daph.num_values, type: chunk.type, v1: true })
}

/** Data page v2: levels uncompressed at the start (lengths in the header), then the values. */
function runDamageV2(body: Uint8Array, header: PageHeader, chunk: ChunkBytes): string | undefined {
  const v2 = header.data_page_header_v2!
  const repeat = v2.repetition_levels_byte_length
  const define = v2.definition_levels_byte_length
  const levels = (chunk.maxRepetitionLevel > 0 ? runsDamage({ page: body, at: 0 }, bitWidth(chunk.maxRepetitionLevel), v2.num_values, 'repetition') : undefined) ??
    (chunk.maxDefinitionLevel > 0 ? runsDamage({ page: body, at: repeat }, bitWidth(chunk.maxDefinitionLevel), v2.num_values, 'definition') : undefined)
  if (levels !== undefined) return levels
  const size = header.uncompressed_page_size - repeat - define
  const rest = body.subarray(repeat + define)
  const page = v2.is_compressed !== false && size > 0 ? inflate(rest, size, chunk.codec) : rest
  if (typeof page !== 'object') return page
  return valuesDamage({ page, at: 0 }, { encoding: v2.encoding, count: v2.num_values - v2.num_nulls, type: chunk.type, v1: false })
}

/** The RLE streams among the values: dictionary indices (after a bit-width byte) and RLE booleans. */
function valuesDamage(stream: Stream, values: { encoding: string; count: number; type: string; v1: boolean }): string | undefined {
  const { encoding, count, type, v1 } = values
  const dictionary = encoding === 'PLAIN_DICTIONARY' || encoding === 'RLE_DICTIONARY'
  if (type === 'BOOLEAN' && encoding === 'RLE') {
    if (u32(stream) === undefined) return 'its values are cut short'
    return runsDamage(stream, 1, count, 'value')
  }
  // hyparquet reads v1 'RLE' values of other types as dictionary indices too.
  if (!dictionary && !(v1 && encoding === 'RLE')) return undefined
  const width = stream.page[stream.at]
  if (width === undefined) return count > 0 ? 'its dictionary indices are missing' : undefined
  if (width > 32) return `its dictionary indices say ${width} bits each`
  // v1 reads nothing more for width 0 (every index is 0); v2 follows the runs regardless.
  if (width === 0 && v1) return undefined
  return runsDamage({ page: stream.page, at: stream.at + 1 }, width, count, 'dictionary index')
}

/** A little-endian u32 length prefix, advancing the stream. */
function u32(stream: Stream): number | undefined {
  if (stream.at + 4 > stream.page.length) return undefined
  const value = new DataView(stream.page.buffer, stream.page.byteOffset + stream.at, 4).getUint32(0, true)
  stream.at += 4
  return value
}

/**
 * The run headers of an RLE/bit-packed hybrid stream, read as hyparquet's `readRleBitPackedHybrid` reads them,
 * until `count` values are covered: no run may go beyond them, but for padding: bit-packed runs come in eights,
 * so the last may pad up to 7 values past `count`, wherever the runs before it ended (hyparquet-writer writes an
 * RLE run of 5 and then a bit-packed run of 24 for 24 values). A stream that ends early is hyparquet's to refuse
 * (a RangeError it throws).
 */
function runsDamage(stream: Stream, width: number, count: number, what: string): string | undefined {
  const bytes = stream.page
  const limit = Math.ceil(count / 8) * 8
  let seen = 0
  let at = stream.at
  while (seen < count && at < bytes.length) {
    // readVarInt, bit for bit (a 32-bit int: hyparquet's shifts wrap the same way).
    let header = 0
    let shift = 0
    for (;;) {
      const byte = bytes[at++]
      if (byte === undefined) return undefined
      header |= (byte & 0x7f) << shift
      if ((byte & 0x80) === 0) break
      shift += 7
    }
    // Bit-packed counts use a signed shift in hyparquet, RLE counts an unsigned one.
    const packed = (header & 1) === 1
    const run = packed ? (header >> 1) << 3 : header >>> 1
    if (run < 0 || seen + run > (packed ? count + 7 : limit)) {
      return `${packed ? 'a bit-packed' : 'an RLE'} run of ${run} ${what} values where ${count - seen} remain`
    }
    seen += run
    at += packed ? (run * width) / 8 : (width + 7) >> 3
  }
  return undefined
}
