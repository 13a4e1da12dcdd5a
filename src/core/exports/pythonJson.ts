/**
 * `json.dumps` as CPython writes it, for text that must match ProcVLM's files byte for byte: the segmentation
 * answers (`json.dumps(answer_list, ensure_ascii=False)` in `pick_procedural.py`) and whole JSONL lines (the
 * `jsonlines` writer ProcVLM appends with encodes every record with `ensure_ascii=False` and the default
 * separators).
 *
 * ```text
 *  json.dumps({"a": [1, 2.5, None]})        {"a": [1, 2.5, null]}        separators ", " and ": ", one line
 *  json.dumps("é😀")                        "\u00e9\ud83d\ude00"         ensure_ascii=True (Python's default)
 *  json.dumps("é😀", ensure_ascii=False)    "é😀"                        only ", \ and U+0000..U+001F escaped
 * ```
 * Numbers: JavaScript has one number type, so an integral value is written as a Python `int` (`1`, never
 * `1.0`) and any other as Python's `repr(float)` (`1e-05`, not `0.00001`); NaN and ±Infinity as Python writes
 * them (`NaN`, `Infinity`; not valid JSON, as in Python). Keys keep insertion order; keys whose value is
 * `undefined` are left out, so optional fields can be spread in.
 */

export type PythonJsonValue = null | boolean | number | string | readonly PythonJsonValue[] | { readonly [key: string]: PythonJsonValue | undefined }

export interface PythonJsonOptions {
  /** Escape every non-ASCII character as `\uXXXX` (surrogate pairs above U+FFFF), as Python does by default. Default true. */
  ensureAscii?: boolean
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' }

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`
}

/** A string literal. Python's ASCII mode escapes everything outside ' '..'~' (DEL included); the other mode only controls. */
function pythonString(s: string, ensureAscii: boolean): string {
  let out = '"'
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!
    const code = s.charCodeAt(i)
    const short = SHORT_ESCAPES[ch]
    if (short !== undefined) out += short
    else if (code < 0x20 || (ensureAscii && code > 0x7e)) out += hex4(code) // UTF-16 units: astral characters become surrogate pairs, as in Python
    else out += ch
  }
  return `${out}"`
}

/** Python's `repr(float)`: the shortest round-trip digits, scientific below 1e-4 and from 1e16 up. */
function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN'
  if (x === Infinity) return 'Infinity'
  if (x === -Infinity) return '-Infinity'
  const [mantissa, exp] = x.toExponential().split('e') as [string, string]
  const e = Number(exp)
  if (e < -4 || e >= 16) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  return x.toString()
}

function pythonNumber(x: number): string {
  if (Number.isInteger(x)) return Math.abs(x) < 1e21 ? (x === 0 ? '0' : x.toString()) : BigInt(x).toString()
  return pythonFloat(x)
}

function dump(value: PythonJsonValue, ensureAscii: boolean): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      return pythonNumber(value)
    case 'string':
      return pythonString(value, ensureAscii)
    default:
      break
  }
  if (Array.isArray(value)) return `[${(value as readonly PythonJsonValue[]).map((v) => dump(v, ensureAscii)).join(', ')}]`
  const parts: string[] = []
  for (const [key, v] of Object.entries(value as { readonly [key: string]: PythonJsonValue | undefined })) {
    if (v !== undefined) parts.push(`${pythonString(key, ensureAscii)}: ${dump(v, ensureAscii)}`)
  }
  return `{${parts.join(', ')}}`
}

/** `json.dumps(value, ensure_ascii=…)` with Python's default separators; see the module comment for numbers. */
export function pythonJsonDumps(value: PythonJsonValue, options: PythonJsonOptions = {}): string {
  return dump(value, options.ensureAscii ?? true)
}
