/**
 * pyarrow's `ARROW:schema` footer entry, patched rather than dropped when a parquet file gains columns: it records
 * Arrow types the parquet schema cannot (LeRobot's `action` is `fixed_size_list<float>[6]`), so keeping the old
 * fields keeps those types, and the new columns get their Arrow types spelled out.
 *
 * The entry is base64 of an Arrow IPC message whose flatbuffer is a `Message` holding a `Schema`. The patched
 * flatbuffer is laid out forwards: a new Message, Schema and fields vector, the new Field tables, and then the old
 * flatbuffer verbatim, 8-aligned. Flatbuffer offsets are relative and point forwards, so the old fields (and the old
 * custom metadata) are referenced where they lie, untouched, and no old byte needs decoding beyond finding them.
 */

/** An Arrow type, as much of it as the export writes. */
export type ArrowType =
  | { kind: 'utf8' } | { kind: 'int64' } | { kind: 'float32' } | { kind: 'float64' }
  | { kind: 'list'; item: ArrowField } | { kind: 'struct'; fields: ArrowField[] }

export interface ArrowField {
  name: string
  nullable: boolean
  type: ArrowType
}

/** A top-level column of the patched schema: the old field of that name, or a new one. */
export type ArrowColumn = { keep: string } | { add: ArrowField }

/** Reads just enough of a flatbuffer: tables through their vtables, vectors of offsets, strings. */
class Reader {
  private readonly view: DataView
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  u32(at: number): number { return this.view.getUint32(at, true) }
  u16(at: number): number { return this.view.getUint16(at, true) }

  /** Where field `id` of the table at `table` is stored, or undefined when absent (default value). */
  field(table: number, id: number): number | undefined {
    const vtable = table - this.view.getInt32(table, true)
    const size = this.u16(vtable)
    if (4 + id * 2 >= size) return undefined
    const offset = this.u16(vtable + 4 + id * 2)
    return offset === 0 ? undefined : table + offset
  }

  /** The object an offset field points to. */
  target(at: number): number { return at + this.u32(at) }

  /** The elements' targets of a vector of offsets. */
  vector(at: number): number[] {
    const start = this.target(at)
    return Array.from({ length: this.u32(start) }, (_, i) => this.target(start + 4 + i * 4))
  }

  text(at: number): string {
    const start = this.target(at)
    return new TextDecoder().decode(this.bytes.subarray(start + 4, start + 4 + this.u32(start)))
  }
}

/** Writes a flatbuffer forwards; an offset slot is filled in when its target is placed, always later. */
class Writer {
  readonly bytes: number[] = []

  get at(): number { return this.bytes.length }
  align(n: number): void { while (this.bytes.length % n !== 0) this.bytes.push(0) }
  zeros(n: number): number {
    const start = this.at
    for (let i = 0; i < n; i++) this.bytes.push(0)
    return start
  }
  put(at: number, value: number, size: number): void {
    for (let i = 0; i < size; i++) this.bytes[at + i] = Math.floor(value / 2 ** (8 * i)) & 0xff
  }

  /**
   * A vtable, then an 8-aligned table with inline fields `[id, size, value]` (a number, or 'offset' for a slot to
   * fill later), each aligned to its size. Returns the table's position and the offset slots by id.
   */
  table(fields: readonly (readonly [id: number, size: number, value: number | 'offset'])[]): { table: number; slots: Map<number, number> } {
    const count = Math.max(-1, ...fields.map(([id]) => id)) + 1
    const place = new Map<number, number>()
    let end = 4
    for (const [id, size] of [...fields].sort((a, b) => b[1] - a[1])) {
      end = Math.ceil(end / size) * size
      place.set(id, end)
      end += size
    }
    const tableSize = Math.ceil(end / 4) * 4
    this.align(2)
    const vtable = this.zeros(4 + count * 2)
    this.put(vtable, 4 + count * 2, 2)
    this.put(vtable + 2, tableSize, 2)
    for (const [id, at] of place) this.put(vtable + 4 + id * 2, at, 2)
    this.align(8)
    const table = this.zeros(tableSize)
    this.put(table, table - vtable, 4)
    const slots = new Map<number, number>()
    for (const [id, size, value] of fields) {
      const at = table + place.get(id)!
      if (value === 'offset') slots.set(id, at)
      else this.put(at, value, size)
    }
    return { table, slots }
  }

  /** Points the offset slot at `target` (which lies after it). */
  link(slot: number | undefined, target: number): void {
    if (slot === undefined || target <= slot) throw new Error('flatbuffer offsets point forwards')
    this.put(slot, target - slot, 4)
  }

  /** A vector of `count` offset slots. */
  offsets(count: number): { start: number; slots: number[] } {
    this.align(4)
    const start = this.zeros(4 + count * 4)
    this.put(start, count, 4)
    return { start, slots: Array.from({ length: count }, (_, i) => start + 4 + i * 4) }
  }

  string(text: string): number {
    const bytes = new TextEncoder().encode(text)
    this.align(4)
    const start = this.zeros(4)
    this.put(start, bytes.length, 4)
    this.bytes.push(...bytes, 0)
    return start
  }
}

// Arrow's Type union ids (Schema.fbs) and FloatingPoint precisions (SINGLE 1, DOUBLE 2).
const TYPE_ID = { utf8: 5, int64: 2, float32: 3, float64: 3, list: 12, struct: 13 } as const

function writeType(w: Writer, type: ArrowType): number {
  switch (type.kind) {
    case 'int64': return w.table([[0, 4, 64], [1, 1, 1]]).table
    case 'float32': return w.table([[0, 2, 1]]).table
    case 'float64': return w.table([[0, 2, 2]]).table
    case 'utf8':
    case 'list':
    case 'struct': return w.table([]).table
  }
}

/** A new Field table and everything under it (Arrow C++ wants `type` and `children` present, even if empty). */
function writeField(w: Writer, field: ArrowField): number {
  const { table, slots } = w.table([[0, 4, 'offset'], [1, 1, field.nullable ? 1 : 0], [2, 1, TYPE_ID[field.type.kind]], [3, 4, 'offset'], [5, 4, 'offset']])
  w.link(slots.get(0), w.string(field.name))
  w.link(slots.get(3), writeType(w, field.type))
  const children = field.type.kind === 'list' ? [field.type.item] : field.type.kind === 'struct' ? field.type.fields : []
  const vector = w.offsets(children.length)
  w.link(slots.get(5), vector.start)
  for (const [i, child] of children.entries()) w.link(vector.slots[i], writeField(w, child))
  return table
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0))
}

function toBase64(bytes: Uint8Array): string {
  let text = ''
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(text)
}

/** The flatbuffer inside an encapsulated IPC message (with or without the 0xFFFFFFFF continuation marker). */
function unframe(message: Uint8Array): Uint8Array {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength)
  const marked = view.getUint32(0, true) === 0xffffffff
  const length = view.getInt32(marked ? 4 : 0, true)
  const start = marked ? 8 : 4
  return message.slice(start, start + length)
}

/**
 * The `ARROW:schema` value for a file whose top-level columns are `columns`, built from the file's old value; or
 * undefined when the old value cannot be read (or names a column that is not there): the caller then drops it.
 */
export function patchArrowSchema(base64: string, columns: readonly ArrowColumn[]): string | undefined {
  try {
    const old = new Reader(unframe(fromBase64(base64)))
    const message = old.u32(0)
    const headerType = old.field(message, 1)
    const header = old.field(message, 2)
    if (headerType === undefined || old.bytes[headerType] !== 1 || header === undefined) return undefined
    const schema = old.target(header)
    const fieldsAt = old.field(schema, 1)
    const oldFields = new Map((fieldsAt === undefined ? [] : old.vector(fieldsAt)).map((f) => {
      const name = old.field(f, 0)
      return [name === undefined ? '' : old.text(name), f] as const
    }))
    if (columns.some((c) => 'keep' in c && !oldFields.has(c.keep))) return undefined

    const w = new Writer()
    const root = w.zeros(4) // the root offset
    const versionAt = old.field(message, 0)
    const customAt = old.field(message, 4)
    const m = w.table([
      [0, 2, versionAt === undefined ? 4 : old.u16(versionAt)], [1, 1, 1], [2, 4, 'offset'], [3, 8, 0],
      ...(customAt === undefined ? [] : [[4, 4, 'offset'] as const]),
    ])
    w.put(root, m.table, 4)
    const endianAt = old.field(schema, 0)
    const schemaCustom = old.field(schema, 2)
    const features = old.field(schema, 3)
    const s = w.table([
      [0, 2, endianAt === undefined ? 0 : old.u16(endianAt)], [1, 4, 'offset'],
      ...(schemaCustom === undefined ? [] : [[2, 4, 'offset'] as const]), ...(features === undefined ? [] : [[3, 4, 'offset'] as const]),
    ])
    w.link(m.slots.get(2), s.table)
    const vector = w.offsets(columns.length)
    w.link(s.slots.get(1), vector.start)
    const toOld: [slot: number, target: number][] = []
    for (const [i, column] of columns.entries()) {
      if ('keep' in column) toOld.push([vector.slots[i]!, oldFields.get(column.keep)!])
      else w.link(vector.slots[i], writeField(w, column.add))
    }
    if (customAt !== undefined) toOld.push([m.slots.get(4)!, old.target(customAt)])
    if (schemaCustom !== undefined) toOld.push([s.slots.get(2)!, old.target(schemaCustom)])
    if (features !== undefined) toOld.push([s.slots.get(3)!, old.target(features)])
    w.align(8)
    const base = w.at
    for (const [slot, target] of toOld) w.link(slot, base + target)
    w.bytes.push(...old.bytes)
    w.align(8)
    const framed = new Uint8Array(8 + w.bytes.length)
    const view = new DataView(framed.buffer)
    view.setUint32(0, 0xffffffff, true)
    view.setInt32(4, w.bytes.length, true)
    framed.set(w.bytes, 8)
    return toBase64(framed)
  } catch {
    return undefined
  }
}
