import { describe, expect, it } from 'vitest'
import type { PythonJsonValue } from './pythonJson'
import { pythonJsonDumps } from './pythonJson'

// Expected texts printed by CPython 3.11.7: json.dumps(value) and json.dumps(value, ensure_ascii=False).
const CASES: [name: string, value: PythonJsonValue, ascii: string, raw: string][] = [
  ['null', null, 'null', 'null'],
  ['true', true, 'true', 'true'],
  ['false', false, 'false', 'false'],
  ['zero', 0, '0', '0'],
  ['negative zero (an int in Python)', -0, '0', '0'],
  ['negative int', -7, '-7', '-7'],
  ['2 ** 53', 2 ** 53, '9007199254740992', '9007199254740992'],
  ['10 ** 21, written out as an int', 1e21, '1000000000000000000000', '1000000000000000000000'],
  ['0.1', 0.1, '0.1', '0.1'],
  ['2.5', 2.5, '2.5', '2.5'],
  ['-0.375', -0.375, '-0.375', '-0.375'],
  ['123456.789', 123456.789, '123456.789', '123456.789'],
  ['1e-4 stays fixed', 0.0001, '0.0001', '0.0001'],
  ['1e-5 turns scientific', 0.00001, '1e-05', '1e-05'],
  ['1.5e-7', 1.5e-7, '1.5e-07', '1.5e-07'],
  ['smallest subnormal', 5e-324, '5e-324', '5e-324'],
  ['1 / 3', 1 / 3, '0.3333333333333333', '0.3333333333333333'],
  ['NaN', NaN, 'NaN', 'NaN'],
  ['Infinity', Infinity, 'Infinity', 'Infinity'],
  ['-Infinity', -Infinity, '-Infinity', '-Infinity'],
  ['empty list', [], '[]', '[]'],
  ['empty dict', {}, '{}', '{}'],
  ['nesting and separators', { a: [1, { b: null }], c: 'd' }, '{"a": [1, {"b": null}], "c": "d"}', '{"a": [1, {"b": null}], "c": "d"}'],
  ['quotes and backslashes, slash kept', 'say "hi" \\ back/slash', '"say \\"hi\\" \\\\ back/slash"', '"say \\"hi\\" \\\\ back/slash"'],
  ['control characters; DEL only in ASCII mode', '\x00\x01\x1f\b\f\n\r\t\x7f', '"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\\u007f"', '"\\u0000\\u0001\\u001f\\b\\f\\n\\r\\t\x7f"'],
  ['non-ASCII, astral as a surrogate pair, U+2028', 'café – 漢字 😀 \u2028', '"caf\\u00e9 \\u2013 \\u6f22\\u5b57 \\ud83d\\ude00 \\u2028"', '"café – 漢字 😀 \u2028"'],
  ['non-ASCII keys', { 'clé': 'é' }, '{"cl\\u00e9": "\\u00e9"}', '{"clé": "é"}'],
]

describe('pythonJsonDumps matches CPython json.dumps', () => {
  it.each(CASES)('%s', (_name, value, ascii, raw) => {
    expect(pythonJsonDumps(value)).toBe(ascii)
    expect(pythonJsonDumps(value, { ensureAscii: true })).toBe(ascii)
    expect(pythonJsonDumps(value, { ensureAscii: false })).toBe(raw)
  })

  it('keeps insertion order and leaves out undefined values (optional fields)', () => {
    expect(pythonJsonDumps({ z: 1, a: undefined, m: [true] })).toBe('{"z": 1, "m": [true]}')
  })

  it('reads back as the same value with JSON.parse (finite numbers)', () => {
    const value = { action_description: 'Grasp the "mug" – ☕', start_frame: 0, end_frame: 12, p: 0.00001234, list: [null, false] }
    expect(JSON.parse(pythonJsonDumps(value))).toEqual(value)
    expect(JSON.parse(pythonJsonDumps(value, { ensureAscii: false }))).toEqual(value)
  })
})
