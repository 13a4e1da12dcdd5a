import { describe, expect, it } from 'vitest'
import { bFrameStream, fakeMp4Index as fakeIndex } from '@/test/fakeMp4Index'
import { episodeBytes, keyBefore, mapEpisodeFrames, nextKey } from './frameMap'

describe('mapEpisodeFrames', () => {
  it('maps frames to samples in presentation order, never decode order', () => {
    // decode order I0 P3 B1 B2 I4 P7 B5 B6 (the diagram in frameMap.ts)
    const index = fakeIndex([0, 3, 1, 2, 4, 7, 5, 6], (i) => i === 0 || i === 4)
    const map = mapEpisodeFrames(index)
    expect([...map.sampleOf]).toEqual([0, 2, 3, 1, 4, 6, 7, 5])
    expect([...map.frameOfSample]).toEqual([0, 3, 1, 2, 4, 7, 5, 6])
    expect(map.frameCount).toBe(8)
    expect(map.lastSample).toBe(7)
  })

  it.each([
    // [from, to] seconds at 30 fps over 12 frames -> first frame, count
    [0, 0.2, 0, 6],
    [0.2, 0.4, 6, 6],
    [0.1, 0.3, 3, 6],
  ])('a v3.0 span %s..%s s holds the frames inside it, renumbered from 0', (from, to, first, count) => {
    const index = fakeIndex([0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 11, 10], (i) => i % 4 === 0)
    const map = mapEpisodeFrames(index, { from, to })
    expect(map.frameCount).toBe(count)
    const order = [0, 3, 1, 2, 6, 4, 5, 9, 7, 8, 11, 10]
    for (let k = 0; k < count; k++) expect(order[map.sampleOf[k]!]).toBe(first + k)
    // Samples of other episodes map to no frame.
    const outside = order.map((r, s) => (r < first || r >= first + count ? s : -1)).filter((s) => s >= 0)
    for (const s of outside) expect(map.frameOfSample[s]).toBe(-1)
  })

  it('uses the edit list offset: presentation times start at 0', () => {
    const index = fakeIndex([0, 2, 1, 3], (i) => i === 0, 1024)
    const map = mapEpisodeFrames(index, { from: 0, to: 4 / 30 })
    expect(map.frameCount).toBe(4)
    expect([...map.sampleOf]).toEqual([0, 2, 1, 3])
  })

  it('finds the key frame to start from and the next one', () => {
    const map = mapEpisodeFrames(fakeIndex([0, 1, 2, 3, 4, 5, 6], (i) => i % 3 === 0))
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => keyBefore(map, s))).toEqual([0, 0, 0, 3, 3, 3, 6])
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => nextKey(map, s))).toEqual([3, 3, 3, 6, 6, 6, 7])
  })

  it('treats the first sample as a key frame even when the muxer did not flag it', () => {
    const map = mapEpisodeFrames(fakeIndex([0, 1, 2], () => false))
    expect(keyBefore(map, 2)).toBe(0)
    expect(map.isSync[0]).toBe(1)
  })

  it('builds B-frame streams the way x264 orders them', () => {
    const { ranks, sync } = bFrameStream(10, 5)
    expect(ranks).toEqual([0, 3, 1, 2, 4, 5, 8, 6, 7, 9])
    expect(ranks.map((_, s) => sync(s))).toEqual([true, false, false, false, false, true, false, false, false, false])
  })
})

describe('episodeBytes', () => {
  it('spans a whole file, and a v3.0 episode from the key frame before its span to its last sample', () => {
    // Samples of 100 bytes from byte 1000 (fakeMp4Index); 40 frames, a key frame every 4.
    const index = fakeIndex(Array.from({ length: 40 }, (_, i) => i), (s) => s % 4 === 0)
    expect(episodeBytes(mapEpisodeFrames(index))).toEqual({ start: 1000, end: 1000 + 40 * 100 })
    // Frames 10..29: from the key frame at 8 to sample 29.
    expect(episodeBytes(mapEpisodeFrames(index, { from: 10 / 30, to: 30 / 30 }))).toEqual({ start: 1000 + 8 * 100, end: 1000 + 30 * 100 })
  })
})
