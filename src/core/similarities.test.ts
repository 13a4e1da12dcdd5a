import { describe, expect, it } from 'vitest'
import type { PixelBuffer } from './frameStamp'
import { phashHex } from './phash'
import { procvlmProgress } from './progress'
import type { HashedFrame } from './similarities'
import { frameSimilarity, similaritiesFromHashes } from './similarities'

const f = (phash: string | undefined, width = 64, height = 48): HashedFrame => ({ phash, width, height })

describe('frameSimilarity', () => {
  it.each([
    ['identical hashes', f('8f373714acfcf4d0'), f('8f373714acfcf4d0'), 1],
    ['one bit apart', f('0000000000000000'), f('0000000000000001'), 63 / 64],
    ['all bits apart', f('0000000000000000'), f('ffffffffffffffff'), 0],
    ['16 bits apart, upper-case hex', f('FFFF000000000000'), f('0000000000000000'), 0.75],
    // ProcVLM's image_phash_sim returns 1.0 for images of different sizes, whatever they show.
    ['different width', f('0000000000000000', 64, 48), f('ffffffffffffffff', 65, 48), 1],
    ['different height', f('0000000000000000', 64, 48), f('ffffffffffffffff', 64, 47), 1],
    ['different sizes, one hash missing', f(undefined, 64, 48), f('ffffffffffffffff', 32, 48), 1],
  ])('%s', (_name, a, b, expected) => {
    expect(frameSimilarity(a, b)).toBe(expected)
  })

  it.each([
    ['a missing hash', f(undefined), f('0000000000000000')],
    ['a short hash', f('abc'), f('0000000000000000')],
    ['a non-hex hash', f('zzzzzzzzzzzzzzzz'), f('0000000000000000')],
  ])('%s -> NaN', (_name, a, b) => {
    expect(frameSimilarity(a, b)).toBeNaN()
  })
})

describe('similaritiesFromHashes', () => {
  it('gives n - 1 consecutive similarities', () => {
    const sims = similaritiesFromHashes([f('0000000000000000'), f('0000000000000003'), f('0000000000000003', 10, 10), f('fffffffffffffffc', 10, 10)])
    expect([...sims]).toEqual([62 / 64, 1, 0])
    expect(similaritiesFromHashes([f('0000000000000000')]).length).toBe(0)
    expect(similaritiesFromHashes([]).length).toBe(0)
  })

  it('feeds the engine from real hashes: a static episode advances by the 0.5 floor only', () => {
    const img = (v: number): PixelBuffer => {
      const data = new Uint8Array(32 * 32 * 3)
      for (let i = 0; i < data.length; i++) data[i] = (i * v) % 251
      return { data, width: 32, height: 32, channels: 3 }
    }
    const frames = [img(3), img(3), img(3), img(7), img(7)].map((p) => ({ phash: phashHex(p), width: 32, height: 32 }))
    const sims = similaritiesFromHashes(frames)
    expect(sims[0]).toBe(1)
    expect(sims[1]).toBe(1)
    const p = procvlmProgress({ labels: ['A', 'A', 'A', 'B', 'B'], similarities: sims })
    // A: d = [.5, .5] (identical frames), weight 2*3/5 = 1.2 against B's 0.8: A's share .6, half of it at frame 2.
    expect(p[2]).toBeCloseTo(0.3, 12)
  })
})
