import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('toCsv', () => {
  it('writes a header, one row per record, CRLF, quoting as RFC 4180 asks', () => {
    const rows = [{ name: 'a, b', n: 0.1 + 0.2 }, { name: 'say "hi"', n: undefined }, { name: 'two\nlines', n: 3 }]
    const csv = toCsv(rows, [{ name: 'name', value: (r) => r.name }, { name: 'n', value: (r) => r.n }])
    expect(csv).toBe('name,n\r\n"a, b",0.3\r\n"say ""hi""",\r\n"two\nlines",3\r\n')
  })

  it('has the header alone for no rows', () => {
    expect(toCsv([], [{ name: 'frame', value: () => 1 }])).toBe('frame\r\n')
  })
})
