// The ARROW:schema patch, decoded by Arrow JS (an implementation independent of the patch's own reader): old fields
// keep their exact types wherever they are placed, new fields get the declared ones, unreadable input is refused.
// A real pyarrow value (the so101 recording's) is patched in exportLerobot.test.ts.
import type { Struct } from 'apache-arrow'
import { Field, FixedSizeList, Float32, Int64, List, Schema, Table, tableFromIPC, tableToIPC, Utf8 } from 'apache-arrow'
import { describe, expect, it } from 'vitest'
import type { ArrowColumn } from './arrowSchema'
import { patchArrowSchema } from './arrowSchema'

/** What pyarrow stores: base64 of the IPC schema message (a stream's first message). */
function arrowSchemaValue(schema: Schema): string {
  const stream = tableToIPC(new Table(schema), 'stream')
  const length = new DataView(stream.buffer, stream.byteOffset).getInt32(4, true)
  return btoa(String.fromCharCode(...stream.subarray(0, 8 + length)))
}

function decode(value: string): Schema {
  const message = Uint8Array.from(atob(value), (c) => c.charCodeAt(0))
  const stream = new Uint8Array(message.length + 8)
  stream.set(message)
  stream.set([255, 255, 255, 255, 0, 0, 0, 0], message.length)
  return tableFromIPC(stream).schema
}

const OLD = new Schema([
  new Field('action', new FixedSizeList(6, new Field('element', new Float32(), true)), true),
  new Field('frame_index', new Int64(), false),
  new Field('tasks', new List(new Field('element', new Utf8(), true)), true),
], new Map([['huggingface', '{"info": {}}']]))

describe('patchArrowSchema', () => {
  it('keeps old fields, adds new ones in the given order, keeps the schema metadata', () => {
    const columns: ArrowColumn[] = [
      { keep: 'frame_index' },
      { keep: 'action' },
      { add: { name: 'names', nullable: true, type: { kind: 'list', item: { name: 'element', nullable: true, type: { kind: 'utf8' } } } } },
      { keep: 'tasks' },
      { add: { name: 'row', nullable: false, type: { kind: 'struct', fields: [
        { name: 'role', nullable: false, type: { kind: 'utf8' } }, { name: 't', nullable: true, type: { kind: 'float32' } },
        { name: 'n', nullable: true, type: { kind: 'int64' } }, { name: 'x', nullable: true, type: { kind: 'float64' } },
      ] } } },
    ]
    const patched = decode(patchArrowSchema(arrowSchemaValue(OLD), columns)!)
    expect(patched.fields.map((f) => [f.name, String(f.type), f.nullable])).toEqual([
      ['frame_index', 'Int64', false],
      ['action', 'FixedSizeList[6]<Float32>', true],
      ['names', 'List<Utf8>', true],
      ['tasks', 'List<Utf8>', true],
      ['row', 'Struct<{role:Utf8, t:Float32, n:Int64, x:Float64}>', false],
    ])
    const row = patched.fields[4]!.type as Struct
    expect(row.children.map((c) => c.nullable)).toEqual([false, true, true, true])
    expect([...patched.metadata]).toEqual([['huggingface', '{"info": {}}']])
  })

  it('refuses what it cannot read, or a kept column the old schema lacks', () => {
    expect(patchArrowSchema('not base64 at all', [])).toBeUndefined()
    expect(patchArrowSchema(btoa('\u00ff\u00ff\u00ff\u00ff\u0004\u0000\u0000\u0000abcd'), [])).toBeUndefined()
    expect(patchArrowSchema(arrowSchemaValue(OLD), [{ keep: 'missing' }])).toBeUndefined()
  })
})
