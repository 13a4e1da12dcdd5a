import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { parseJsonl, toJsonl } from './jsonl'

describe('parseJsonl', () => {
  it.each([
    ['plain lines', '{"a":1}\n{"a":2}\n', [1, 2], []],
    ['blank lines and CRLF', '{"a":1}\r\n\r\n{"a":2}', [1, 2], []],
    ['NaN read as null', '{"a":NaN}\n{"a":2}', [null, 2], ['non-finite-number']],
    ['-Infinity in an array', '{"a":[1,-Infinity]}', [[1, null]], ['non-finite-number']],
    ['malformed line skipped', '{"a":1}\n{"a":\n{"a":3}', [1, 3], ['malformed-json']],
    ['a string containing NaN is not touched', '{"a":"NaN"}', ['NaN'], []],
  ])('%s', (_name, text, values, kinds) => {
    const log = new ProblemLog({ file: 'x.jsonl' })
    const rows = parseJsonl(text, log)
    expect(rows.map((r) => (r.value as { a: unknown }).a)).toEqual(values)
    expect(log.problems.map((p) => p.kind)).toEqual(kinds)
    for (const p of log.problems) expect(p.file).toBe('x.jsonl')
  })

  it('reports the 1-based line of a malformed line', () => {
    const log = new ProblemLog()
    parseJsonl('{}\n\nnot json\n', log)
    expect(log.problems[0]?.line).toBe(3)
  })

  it('writes a trailing newline', () => {
    expect(toJsonl([{ a: 1 }, { b: null }])).toBe('{"a":1}\n{"b":null}\n')
    expect(toJsonl([])).toBe('')
  })
})
