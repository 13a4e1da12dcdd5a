/**
 * The parquet schema of the columns the LeRobot export adds, spelled out so every file gets the same explicit types,
 * even when all its values are null (an all-null column would otherwise be Arrow `null`, which breaks LeRobot's
 * concatenation of the episodes files). The layouts are what pyarrow writes for the same Arrow types: a 3-level LIST
 * (`<name>` / `list` / `element`) with nullable elements.
 */
import type { SchemaElement } from 'hyparquet'

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

/** `list<string>`, `list<int64>` or `list<double>`, nullable. */
export function listColumnSchema(name: string, kind: keyof typeof LEAVES): SchemaElement[] {
  return list(name, [{ name: 'element', repetition_type: 'OPTIONAL', ...LEAVES[kind] }])
}

function rowStruct(withTimestamp: boolean): SchemaElement[] {
  const field = (name: string, leaf: Leaf, required = false): SchemaElement =>
    ({ name, repetition_type: required ? 'REQUIRED' : 'OPTIONAL', ...leaf })
  const fields: SchemaElement[][] = [
    [field('role', STRING, true)],
    [field('content', STRING)],
    [field('style', STRING)],
    ...(withTimestamp ? [[field('timestamp', { type: 'FLOAT' }, true)]] : []),
    [field('camera', STRING)],
    // LeRobot's type is list<json> (string storage; plain string on older pyarrow): all null here.
    list('tool_calls', [field('element', STRING)]),
  ]
  return [{ name: 'element', repetition_type: 'OPTIONAL', num_children: fields.length }, ...fields.flat()]
}

/**
 * `language_persistent`: list<struct{role!, content, style, timestamp! float32, camera, tool_calls list<string>}>,
 * LeRobot's field order and nullability (`lerobot.datasets.language`).
 */
export function languagePersistentSchema(): SchemaElement[] {
  return list('language_persistent', rowStruct(true))
}

/** `language_events`: the same struct without `timestamp` (an event's time is its frame's). */
export function languageEventsSchema(): SchemaElement[] {
  return list('language_events', rowStruct(false))
}
