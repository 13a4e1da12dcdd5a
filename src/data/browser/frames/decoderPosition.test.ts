import { describe, expect, it } from 'vitest'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import { DecoderPosition } from './decoderPosition'
import { mapEpisodeFrames } from './frameMap'

// 600 frames, a key frame every 200, no B-frames: frame k is sample k.
const map = mapEpisodeFrames(fakeMp4Index(Array.from({ length: 600 }, (_, i) => i), (s) => s % 200 === 0))
const sample = (timestamp: number) => ({ start: 0, size: 1, timestamp, key: false })

describe('DecoderPosition', () => {
  it.each([
    { name: 'closed', cursor: undefined, frame: 130, queued: 0, reaches: false },
    { name: 'further on in the same GOP', cursor: 120, frame: 130, queued: 0, reaches: true },
    { name: 'further on, behind a long queue', cursor: 120, frame: 130, queued: 125, reaches: false },
    { name: 'in the next GOP', cursor: 120, frame: 210, queued: 0, reaches: false },
    { name: 'behind the cursor', cursor: 120, frame: 100, queued: 0, reaches: false },
  ])('reaches a frame $name: $reaches', ({ cursor, frame, queued, reaches }) => {
    const position = new DecoderPosition(map, 3)
    if (cursor !== undefined) position.feed(0, cursor, false, [])
    expect(position.reaches(frame, queued)).toBe(reaches)
  })

  it('holds the tail frames of an unflushed run; a continuation takes them, a run from a key frame does not', () => {
    const position = new DecoderPosition(map, 3)
    expect(position.feed(0, 23, false, [21, 22, 23])).toEqual([])
    expect(position.reaches(22, 0)).toBe(true)
    expect(position.open()?.holds(22)).toBe(true)
    expect(position.feed(24, 40, false, [38, 39, 40]).sort()).toEqual([21, 22, 23])
    expect(position.feed(200, 210, false, [208, 209, 210])).toEqual([])
    expect(position.open()?.cursor).toBe(210)
    position.feed(211, 599, true, [])
    expect(position.open()).toBeUndefined()
  })

  it('learns the decoder\'s output delay from when frames come out, up to 24', () => {
    const position = new DecoderPosition(map, 3)
    position.posted([0, 1, 2, 3, 4, 5, 6, 7].map(sample))
    // Frame 0 (the first chunk) came out once the decoder had taken six: a delay of five chunks.
    position.out(0, 6)
    expect(position.tail).toBe(6)
    position.out(1, 4)
    expect(position.tail).toBe(6)
    position.posted(Array.from({ length: 60 }, (_, i) => sample(100 + i)))
    position.out(100, 68)
    expect(position.tail).toBe(24)
  })

  it('adopts a decoder fed elsewhere: goes on from its cursor, holding nothing, counting its chunks', () => {
    const position = new DecoderPosition(map, 3)
    position.feed(0, 23, false, [21, 22, 23])
    position.adopt(110, 40)
    expect(position.open()?.holds(22)).toBe(false)
    expect(position.reaches(130, 0)).toBe(true)
    expect(position.reaches(100, 0)).toBe(false)
    // Frame 111 is the 41st chunk it gets: out once the decoder took 46, a delay of six.
    position.posted([sample(111), sample(112)])
    position.out(111, 46)
    expect(position.tail).toBe(6)
  })
})

