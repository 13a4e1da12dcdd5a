import { describe, expect, it } from 'vitest'
import { advantageFilter } from './advantage'
import { toCsv } from './csv'
import { sampledFrameRewards } from './frameRewards'
import { REWARD_CSV_COLUMNS, rewardCsv } from './rewardCsv'

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

describe('rewardCsv', () => {
  it('writes a row per frame: an empty progress before the first call', () => {
    const rewards = sampledFrameRewards([1, 2], [0.1, 0.5], 3)
    const csv = rewardCsv(rewards, advantageFilter(rewards.rewards, { horizon: 1 }))
    expect(csv).toBe([
      REWARD_CSV_COLUMNS.join(','),
      '0,,0,0,0,0,0',
      '1,0.1,0.1,0.1,0.1,0.1,1',
      '2,0.5,0.2,0.3,0.2,0.2,1',
      '',
    ].join('\r\n'))
  })
})
