import { describe, expect, it } from 'vitest'
import type { DecodeRun } from './decodePlan'
import { framesOfRun, planDecode, reorderDepth, runEnd } from './decodePlan'
import { bFrameStream, fakeMp4Index } from '@/test/fakeMp4Index'
import type { EpisodeFrameMap } from './frameMap'
import { mapEpisodeFrames } from './frameMap'
import { PAUSED, prefetchOrder } from './prefetchWindow'

function ipMap(frames: number, gop: number): EpisodeFrameMap {
  return mapEpisodeFrames(fakeMp4Index(Array.from({ length: frames }, (_, i) => i), (s) => s % gop === 0))
}

function plan(map: EpisodeFrameMap, wanted: number[], ready: Iterable<number> = [], maxSamples?: number, open?: { cursor: number; held?: number[] }): DecodeRun | undefined {
  const set = new Set(ready)
  const held = new Set(open?.held ?? [])
  return planDecode({
    map, wanted, isReady: (f) => set.has(f), ...(maxSamples === undefined ? {} : { maxSamples }),
    ...(open === undefined ? {} : { open: { cursor: open.cursor, holds: (f: number) => held.has(f) } }),
  })
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i)

describe('planDecode', () => {
  it('plans nothing when every wanted frame is ready', () => {
    expect(plan(ipMap(10, 2), [4, 5, 3], [3, 4, 5])).toBeUndefined()
  })

  it.each([
    // GOP 2 (LeRobot's -g 2): a frame costs at most its key frame and itself.
    { gop: 2, target: 7, run: { first: 6, last: 7 } },
    { gop: 2, target: 6, run: { first: 6, last: 6 } },
    // GOP 250: from the key frame to the frame, not on to the end of the GOP (stepping on continues).
    { gop: 250, target: 100, run: { first: 0, last: 100 } },
    { gop: 250, target: 300, run: { first: 250, last: 300 } },
    // One key frame, 5000 frames: however far, the frame itself is never cut.
    { gop: 5000, target: 4900, run: { first: 0, last: 4900 } },
  ])('starts at the key frame and stops at the frame (gop $gop, frame $target)', ({ gop, target, run }) => {
    expect(plan(ipMap(5000, gop), [target])).toEqual(run)
  })

  it('reaches the window\'s missing frames, at most maxSamples from its start', () => {
    const map = ipMap(5000, 5000)
    expect(plan(map, [40, 41, 42, 60], [], 300)).toEqual({ first: 0, last: 60 })
    expect(plan(map, [40, 41, 400], [], 300)).toEqual({ first: 0, last: 41 })
  })

  it('extends through consecutive GOPs to the missing window frames (playback ahead)', () => {
    const map = ipMap(100, 2)
    const wanted = prefetchOrder(10, { playing: true, direction: 1, rate: 1 }, { ahead: 9, behind: 0 }, 100)
    expect(plan(map, wanted)).toEqual({ first: 10, last: 19 })
  })

  it('does not decode a ready GOP again to reach a missing frame behind it', () => {
    const map = ipMap(100, 2)
    // 10..11 missing, 12..15 ready, 16 missing: two runs, not 10..16.
    expect(plan(map, [10, 11, 12, 13, 14, 15, 16], [12, 13, 14, 15])).toEqual({ first: 10, last: 11 })
    expect(plan(map, [10, 11, 12, 13, 14, 15, 16], [10, 11, 12, 13, 14, 15])).toEqual({ first: 16, last: 16 })
  })

  it('decodes the previous GOP when stepping back across a key frame', () => {
    const map = ipMap(600, 250)
    const wanted = prefetchOrder(250, PAUSED, { ahead: 12, behind: 12 }, 600)
    const ready = range(250, 263)
    expect(plan(map, wanted, ready)).toEqual({ first: 0, last: 249 })
  })

  it('serves the most urgent frame first, whatever else is missing', () => {
    const map = ipMap(100, 10)
    expect(plan(map, [55, 10, 90])?.first).toBe(50)
  })

  describe('with the decoder open where the last run stopped', () => {
    const long = ipMap(600, 200)
    it.each([
      // Stepping on in a 200-frame GOP: go on from the cursor, only as far as the window needs.
      { name: 'the next frames of the same GOP', wanted: range(121, 134), ready: range(100, 122), cursor: 121, run: { first: 122, last: 133 } },
      // A frame the decoder holds back (reordering) comes out when the next samples go in.
      { name: 'a frame it holds back', wanted: [120], ready: [], cursor: 121, held: [120], run: { first: 122, last: 122 } },
      // The cursor is in another GOP, or past the frame (and not holding it): from the key frame, as always.
      { name: 'a frame of the next GOP', wanted: [210], ready: [], cursor: 121, run: { first: 200, last: 210 } },
      { name: 'a frame behind the cursor', wanted: [90], ready: [], cursor: 121, run: { first: 0, last: 90 } },
      // Nothing left to feed: an empty run (only its flush).
      { name: 'a held frame at the end', wanted: [599], ready: [], cursor: 599, held: [599], run: { first: 600, last: 599 } },
    ])('continues for $name', ({ wanted, ready, cursor, held, run }) => {
      expect(plan(long, wanted, ready, 300, { cursor, ...(held === undefined ? {} : { held }) })).toEqual(run)
    })

    it('a continuation reaches the window\'s frames, at most maxSamples past the cursor', () => {
      expect(plan(long, range(130, 143), range(100, 130), 62, { cursor: 129 })).toEqual({ first: 130, last: 142 })
      expect(plan(long, [130, 195], range(100, 130), 62, { cursor: 129 })).toEqual({ first: 130, last: 130 })
    })
  })

  it.each([
    { name: 'no B-frames', map: ipMap(40, 10), depth: 0 },
    { name: 'one B between references (I P B)', map: mapEpisodeFrames(fakeMp4Index([0, 2, 1, 4, 3, 6, 5], (s) => s === 0)), depth: 1 },
    { name: 'two Bs between references', map: mapEpisodeFrames(fakeMp4Index(bFrameStream(30, 10).ranks, bFrameStream(30, 10).sync)), depth: 1 },
    // x264's B-pyramid (I0 P4 B2 b1 b3): b1 waits for P4 and B2.
    { name: 'a B-pyramid', map: mapEpisodeFrames(fakeMp4Index([0, 4, 2, 1, 3, 8, 6, 5, 7], (s) => s === 0)), depth: 2 },
  ])('reordering depth: $name is $depth', ({ map, depth }) => {
    expect(reorderDepth(map)).toBe(depth)
  })

  describe('with B-frames (decode order differs from presentation)', () => {
    const { ranks, sync } = bFrameStream(30, 10)
    const map = mapEpisodeFrames(fakeMp4Index(ranks, sync))

    it('reaches the sample of the target, stored before the B-frames shown before it', () => {
      // Decode order I0 P3 B1 B2 …: frame 3 is the second sample.
      const run = plan(map, [3])!
      expect(run).toEqual({ first: 0, last: 1 })
      expect(framesOfRun(map, run)).toEqual([0, 3])
    })

    it('a frame is produced only by runs that include its sample and start at its GOP key frame', () => {
      for (let target = 0; target < 30; target++) {
        const run = plan(map, [target])!
        const s = map.sampleOf[target]!
        expect(map.isSync[run.first]).toBe(1)
        expect(run.first).toBeLessThanOrEqual(s)
        expect(run.last).toBeGreaterThanOrEqual(s)
        expect(framesOfRun(map, run)).toContain(target)
      }
    })
  })

  it('in a v3.0 shared file, starts at the key frame before the span and stops at its last sample', () => {
    // 40 frames, GOP 4; the episode is frames 10..29 (span 10/30 .. 30/30 s).
    const index = fakeMp4Index(range(0, 40), (s) => s % 4 === 0)
    const map = mapEpisodeFrames(index, { from: 10 / 30, to: 30 / 30 })
    expect(map.frameCount).toBe(20)
    // Episode frame 0 is file frame 10, in the GOP starting at file frame 8.
    expect(plan(map, [0])).toEqual({ first: 8, last: 10 })
    expect(framesOfRun(map, { first: 8, last: 11 })).toEqual([0, 1])
    // The last GOP (28..31) is cut at the episode's last sample (29).
    expect(plan(map, [19])).toEqual({ first: 28, last: 29 })
  })
})

describe('runEnd', () => {
  // Key frames every 100 samples, 300 samples; a tail of 3.
  it.each([
    { name: 'in the middle of a long GOP: the tail past the run, the decoder left open', run: { first: 0, last: 40 }, sent: 43, flush: false },
    { name: 'a key frame within the tail of a long GOP: the rest of the GOP, then a flush', run: { first: 0, last: 98 }, sent: 99, flush: true },
    { name: 'the episode\'s last sample within the tail: up to it, then a flush', run: { first: 200, last: 298 }, sent: 299, flush: true },
  ])('$name', ({ run, sent, flush }) => {
    expect(runEnd(ipMap(300, 100), run, 3)).toEqual({ sent, flush })
  })

  it('in a short GOP a key frame within the tail flushes at the run\'s last sample', () => {
    expect(runEnd(ipMap(300, 4), { first: 8, last: 9 }, 3)).toEqual({ sent: 9, flush: true })
  })
})
