import { describe, expect, it } from 'vitest'
import { makeRng } from '../random'
import { MAX_FINISHED, numberedList, pickFrames } from './procvqaPlanning'
import { boundedSample, previousFrames } from './procvqaSampling'

const range = (a: number, b: number, step = 1) => Array.from({ length: Math.ceil((b - a) / step) }, (_, k) => a + k * step)

describe('boundedSample = get_sample_image_indices_bounded', () => {
  it.each([
    [0, 9, 32, range(0, 9)],
    [0, 32, 32, range(0, 32)],
    [0, 33, 32, range(0, 33, 2)],
    [0, 100, 32, range(0, 100, 4)],
    [5, 70, 16, range(5, 70, 5)],
    [3, 4, 16, [3]],
  ])('[%i, %i) with at most %i frames', (start, end, max, expected) => {
    expect(boundedSample(start, end, max)).toEqual(expected)
  })
})

describe('previousFrames = sample_previous_frames', () => {
  it('is [cur] 30% of the time, else 4..16 frames before cur and cur, cut at the first frame', () => {
    const rng = makeRng(11)
    let single = 0
    const lengths = new Set<number>()
    for (let i = 0; i < 4000; i++) {
      const w = previousFrames(rng, 40, 0)
      expect(w.at(-1)).toBe(40)
      expect(w).toEqual(range(w[0]!, 41))
      if (w.length === 1) single++
      else lengths.add(w.length)
    }
    expect(single / 4000).toBeGreaterThan(0.27)
    expect(single / 4000).toBeLessThan(0.33)
    expect([...lengths].sort((a, b) => a - b)).toEqual(range(5, 18))
  })

  it.each([[0, 0], [3, 0], [12, 10]])('never reaches before the first frame (cur %i, first %i)', (cur, first) => {
    const rng = makeRng(5)
    for (let i = 0; i < 200; i++) expect(previousFrames(rng, cur, first)[0]).toBeGreaterThanOrEqual(first)
  })
})

describe('pickFrames', () => {
  it('keeps at most 10 finished frames, and every other frame it does not skip, in frame order', () => {
    const frames = pickFrames({ rng: makeRng(2), start: 0, end: 200, skipRatio: 0.2, finishedAt: (f) => f >= 50 })
    expect(frames.filter((f) => f >= 50)).toHaveLength(MAX_FINISHED)
    const open = frames.filter((f) => f < 50).length
    expect(open).toBeGreaterThan(30)
    expect(open).toBeLessThan(50)
    expect(frames).toEqual([...frames].sort((a, b) => a - b))
  })
})

it('numberedList writes Python\'s f"{i+1}. {action}" lines, None for a null', () => {
  expect(numberedList(['Grasp the cup.', null])).toBe('1. Grasp the cup.\n2. None')
  expect(numberedList([])).toBe('')
})
