import { describe, expect, it } from 'vitest'
import { FrameCache } from './frameCache'

interface Fake {
  frame: number
  bytes: number
  closed: number
}

function setup(budget: number) {
  const closed: number[] = []
  const cache = new FrameCache<Fake>(budget, {
    bytes: (v) => v.bytes,
    close: (v) => {
      v.closed += 1
      closed.push(v.frame)
    },
  })
  const make = (frame: number, bytes = 100): Fake => ({ frame, bytes, closed: 0 })
  return { cache, closed, make }
}

describe('FrameCache', () => {
  it('keeps frames while they fit, counting bytes', () => {
    const { cache, make } = setup(300)
    expect(cache.put(0, make(0))).toBe(true)
    expect(cache.put(1, make(1))).toBe(true)
    expect(cache.bytes).toBe(200)
    expect(cache.size).toBe(2)
    expect(cache.get(1)?.frame).toBe(1)
  })

  it('evicts the frame farthest from the playhead, closing it exactly once', () => {
    const { cache, closed, make } = setup(300)
    cache.setFocus(5, 0)
    for (const f of [3, 5, 9]) cache.put(f, make(f))
    cache.put(6, make(6))
    expect(closed).toEqual([9])
    expect(cache.frames()).toEqual([3, 5, 6])
    expect(cache.bytes).toBe(300)
  })

  it('declines (and closes) a new frame that would be the first to go', () => {
    const { cache, closed, make } = setup(200)
    cache.setFocus(0, 0)
    cache.put(0, make(0))
    cache.put(1, make(1))
    const far = make(50)
    expect(cache.put(50, far)).toBe(false)
    expect(far.closed).toBe(1)
    expect(closed).toEqual([50])
    expect(cache.frames()).toEqual([0, 1])
  })

  it('while playing forward, frames behind count double', () => {
    const { cache, closed, make } = setup(300)
    cache.setFocus(10, 1)
    for (const f of [8, 10, 13]) cache.put(f, make(f))
    // 8 is 2 behind (cost 4), 13 is 3 ahead (cost 3): 8 goes.
    cache.put(11, make(11))
    expect(closed).toEqual([8])
  })

  it('while playing backwards, frames ahead of the frame index count double', () => {
    const { cache, closed, make } = setup(300)
    cache.setFocus(10, -1)
    for (const f of [7, 10, 12]) cache.put(f, make(f))
    cache.put(9, make(9))
    expect(closed).toEqual([12])
  })

  it('evicts when the playhead moves away, never the playhead frame or pinned frames', () => {
    const { cache, closed, make } = setup(250)
    cache.put(0, make(0))
    cache.put(1, make(1))
    cache.pin(0)
    cache.setFocus(100, 0)
    cache.put(100, make(100))
    expect(closed).toEqual([1])
    expect(cache.frames()).toEqual([0, 100])
    cache.unpin(0)
    cache.setBudget(100)
    expect(cache.frames()).toEqual([100])
  })

  it('replacing a frame closes the old value and keeps the byte count right', () => {
    const { cache, make } = setup(1000)
    const a = make(3, 100)
    cache.put(3, a)
    cache.put(3, make(3, 150))
    expect(a.closed).toBe(1)
    expect(cache.bytes).toBe(150)
  })

  it('clear closes everything', () => {
    const { cache, closed, make } = setup(1000)
    for (const f of [1, 2, 3]) cache.put(f, make(f))
    cache.clear()
    expect(closed.sort()).toEqual([1, 2, 3])
    expect(cache.bytes).toBe(0)
  })

  it('never exceeds its budget whatever the order of puts (property)', () => {
    const { cache, make } = setup(1000)
    let seed = 7
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let i = 0; i < 500; i++) {
      if (rnd() < 0.1) cache.setFocus(Math.floor(rnd() * 200), ([-1, 0, 1] as const)[Math.floor(rnd() * 3)]!)
      const f = Math.floor(rnd() * 200)
      cache.put(f, make(f, 50 + Math.floor(rnd() * 100)))
      expect(cache.bytes).toBeLessThanOrEqual(1000)
    }
  })
})
