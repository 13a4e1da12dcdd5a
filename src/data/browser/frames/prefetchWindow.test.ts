import { describe, expect, it } from 'vitest'
import { PAUSED, prefetchOrder, windowFor } from './prefetchWindow'

describe('prefetchOrder', () => {
  it('paused: the target, then two ahead for every one behind', () => {
    expect(prefetchOrder(10, PAUSED, { ahead: 4, behind: 2 }, 100)).toEqual([10, 11, 12, 9, 13, 14, 8])
  })

  it('paused after stepping back: "ahead" is backwards', () => {
    expect(prefetchOrder(10, { ...PAUSED, direction: -1 }, { ahead: 2, behind: 1 }, 100)).toEqual([10, 9, 8, 11])
  })

  it('playing: everything ahead first', () => {
    expect(prefetchOrder(10, { playing: true, direction: 1, rate: 1 }, { ahead: 3, behind: 2 }, 100)).toEqual([10, 11, 12, 13, 9, 8])
    expect(prefetchOrder(10, { playing: true, direction: -1, rate: 2 }, { ahead: 3, behind: 1 }, 100)).toEqual([10, 9, 8, 7, 11])
  })

  it('paused with room for a jump: its target right after the next frame', () => {
    expect(prefetchOrder(10, PAUSED, { ahead: 12, behind: 2 }, 100)).toEqual([10, 11, 20, 9, 12, 13, 8, 14, 15, 16, 17, 18, 19, 21, 22])
    expect(prefetchOrder(50, { ...PAUSED, direction: -1 }, { ahead: 10, behind: 0 }, 100)).toEqual([50, 49, 40, 48, 47, 46, 45, 44, 43, 42, 41])
  })

  it('stays inside the episode', () => {
    expect(prefetchOrder(1, PAUSED, { ahead: 2, behind: 3 }, 3)).toEqual([1, 2, 0])
    expect(prefetchOrder(5, PAUSED, { ahead: 2, behind: 3 }, 3)).toEqual([])
  })

  it('plays one second ahead at the current speed', () => {
    expect(windowFor({ playing: true, direction: 1, rate: 4 }, 30).ahead).toBe(124)
    expect(windowFor({ playing: true, direction: -1, rate: 0.5 }, 30).ahead).toBe(19)
    expect(windowFor(PAUSED, 30)).toEqual({ ahead: 12, behind: 12 })
  })
})
