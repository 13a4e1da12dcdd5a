import { describe, expect, it } from 'vitest'
import { deriveSeed, makeRng, shuffleInPlace } from './random'

describe('makeRng (mulberry32)', () => {
  it('is a fixed stream per seed (the demo dataset depends on these values)', () => {
    const rng = makeRng(42)
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099])
  })

  it('int(lo, hi) is inclusive at both ends and covers the range', () => {
    const rng = makeRng(7)
    const seen = new Set<number>()
    for (let i = 0; i < 2000; i++) seen.add(rng.int(4, 16))
    expect([...seen].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
  })
})

describe('deriveSeed', () => {
  it.each([
    ['another base seed', [2, 'ds', 'episode_000001']],
    ['another dataset', [1, 'ds2', 'episode_000001']],
    ['another episode', [1, 'ds', 'episode_000002']],
    ['names split elsewhere', [1, 'dse', 'pisode_000001']],
    ['one more name', [1, 'ds', 'episode_000001', 'a']],
  ] as [string, [number, ...string[]]][])('changes with %s', (_what, args) => {
    expect(deriveSeed(...args)).not.toBe(deriveSeed(1, 'ds', 'episode_000001'))
  })

  it('is a pure function of its arguments, in [0, 2^32)', () => {
    const s = deriveSeed(1, 'ds', 'episode_000001', 'c')
    expect(deriveSeed(1, 'ds', 'episode_000001', 'c')).toBe(s)
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true)
  })
})

describe('shuffleInPlace', () => {
  it('permutes, deterministically for a seed', () => {
    const a = shuffleInPlace(makeRng(3), [...Array(20).keys()])
    expect([...a].sort((x, y) => x - y)).toEqual([...Array(20).keys()])
    expect(shuffleInPlace(makeRng(3), [...Array(20).keys()])).toEqual(a)
    expect(a).not.toEqual([...Array(20).keys()])
  })
})
