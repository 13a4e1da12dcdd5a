/**
 * The parquet schema of the columns the LeRobot export adds, spelled out so every file gets the same explicit types,
 * even when all its values are null (an all-null column would otherwise be Arrow `null`, which breaks LeRobot's
 * concatenation of the episodes files). The layouts are what pyarrow writes for the same Arrow types: a 3-level LIST
 * (`<name>` / `list` / `element`) with nullable elements.
 */
import type { SchemaElement } from 'hyparquet'
import type { ArrowField, ArrowType } from '../arrowSchema'

type Leaf = Pick<SchemaElement, 'type' | 'converted_type' | 'logical_type'>

const STRING: Leaf = { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }
const LEAVES = {
  strings: STRING,
  ints: { type: 'INT64' },
  doubles: { type: 'DOUBLE' },
} satisfies Record<string, Leaf>

function list(name: string, element: SchemaElement[]): SchemaElement[] {
  return [
    { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    ...element,
  ]
}

/** A column's parquet schema elements and the Arrow field pyarrow would record for it. */
export interface ColumnSchema {
  schema: SchemaElement[]
  arrow: ArrowField
}

const ARROW_LEAVES: Record<keyof typeof LEAVES, ArrowType> = { strings: { kind: 'utf8' }, ints: { kind: 'int64' }, doubles: { kind: 'float64' } }
const arrowList = (name: string, item: ArrowField): ArrowField => ({ name, nullable: true, type: { kind: 'list', item } })

/** `list<string>`, `list<int64>` or `list<double>`, nullable. */
export function listColumnSchema(name: string, kind: keyof typeof LEAVES): ColumnSchema {
  return {
    schema: list(name, [{ name: 'element', repetition_type: 'OPTIONAL', ...LEAVES[kind] }]),
    arrow: arrowList(name, { name: 'element', nullable: true, type: ARROW_LEAVES[kind] }),
  }
}

/** One struct field: its parquet elements and its Arrow field. */
type Part = [SchemaElement[], ArrowField]

function stringPart(name: string, required = false): Part {
  return [[{ name, repetition_type: required ? 'REQUIRED' : 'OPTIONAL', ...STRING }], { name, nullable: !required, type: { kind: 'utf8' } }]
}

function rowStruct(withTimestamp: boolean): { schema: SchemaElement[]; arrow: ArrowField } {
  const timestamp: Part = [[{ name: 'timestamp', repetition_type: 'REQUIRED', type: 'FLOAT' }], { name: 'timestamp', nullable: false, type: { kind: 'float32' } }]
  const [toolElements, toolItem] = stringPart('element')
  const parts: Part[] = [
    stringPart('role', true), stringPart('content'), stringPart('style'), ...(withTimestamp ? [timestamp] : []), stringPart('camera'),
    // LeRobot's type is list<json> (string storage; plain string on older pyarrow): all null here.
    [list('tool_calls', toolElements), arrowList('tool_calls', toolItem)],
  ]
  return {
    schema: [{ name: 'element', repetition_type: 'OPTIONAL', num_children: parts.length }, ...parts.flatMap(([e]) => e)],
    arrow: { name: 'element', nullable: true, type: { kind: 'struct', fields: parts.map(([, a]) => a) } },
  }
}

/**
 * `language_persistent`: list<struct{role!, content, style, timestamp! float32, camera, tool_calls list<string>}>,
 * LeRobot's field order and nullability (`lerobot.datasets.language`).
 */
export function languagePersistentSchema(): ColumnSchema {
  const row = rowStruct(true)
  return { schema: list('language_persistent', row.schema), arrow: arrowList('language_persistent', row.arrow) }
}

/** `language_events`: the same struct without `timestamp` (an event's time is its frame's). */
export function languageEventsSchema(): ColumnSchema {
  const row = rowStruct(false)
  return { schema: list('language_events', row.schema), arrow: arrowList('language_events', row.arrow) }
}
