import { describe, expect, it } from 'vitest'
import { parseEpisodeList } from './episodeList'

describe('parseEpisodeList', () => {
  it.each<[string, number[]]>([
    ['10', [10]],
    ['0-3,12', [0, 1, 2, 3, 12]],
    [' 3 - 5 , 8, 4', [3, 4, 5, 8]],
    ['7-7', [7]],
  ])('%s', (text, episodes) => expect(parseEpisodeList(text)).toEqual({ ok: true, episodes }))

  it.each<[string, RegExp]>([
    ['', /not an episode index/],
    ['5-2', /runs backwards/],
    ['a', /not an episode index/],
    ['1,,2', /not an episode index/],
    ['-3', /not an episode index/],
  ])('refuses %j', (text, reason) => {
    const r = parseEpisodeList(text)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.reason).toMatch(reason)
  })
})
