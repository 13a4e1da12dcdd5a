import { describe, expect, it } from 'vitest'
import type { DecodeRun } from './decodePlan'
import { framesOfRun, planDecode } from './decodePlan'
import { bFrameStream, fakeMp4Index } from '@/test/fakeMp4Index'
import type { EpisodeFrameMap } from './frameMap'
import { mapEpisodeFrames } from './frameMap'
import { PAUSED, prefetchOrder } from './prefetchWindow'

function ipMap(frames: number, gop: number): EpisodeFrameMap {
  return mapEpisodeFrames(fakeMp4Index(Array.from({ length: frames }, (_, i) => i), (s) => s % gop === 0))
}

function plan(map: EpisodeFrameMap, wanted: number[], ready: Iterable<number> = [], maxSamples?: number): DecodeRun | undefined {
  const set = new Set(ready)
  return planDecode({ map, wanted, isReady: (f) => set.has(f), ...(maxSamples === undefined ? {} : { maxSamples }) })
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i)

describe('planDecode', () => {
  it('plans nothing when every wanted frame is ready', () => {
    expect(plan(ipMap(10, 2), [4, 5, 3], [3, 4, 5])).toBeUndefined()
  })

  it.each([
    // GOP 2 (LeRobot's -g 2): a frame costs at most its key frame and itself.
    { gop: 2, target: 7, run: { first: 6, last: 7 } },
    { gop: 2, target: 6, run: { first: 6, last: 7 } },
    // GOP 250: the whole GOP is decoded once (stepping back through it is then free).
    { gop: 250, target: 100, run: { first: 0, last: 249 } },
    { gop: 250, target: 300, run: { first: 250, last: 399 } },
  ])('starts at the key frame and decodes the whole short GOP (gop $gop, frame $target)', ({ gop, target, run }) => {
    expect(plan(ipMap(400, gop), [target])).toEqual(run)
  })

  it('in a GOP longer than the cap, decodes as far past the frame as it took to reach it', () => {
    const map = ipMap(5000, 5000) // one key frame, 5000 frames
    expect(plan(map, [40], [], 300)).toEqual({ first: 0, last: 80 })
    expect(plan(map, [1000], [], 300)).toEqual({ first: 0, last: 1300 })
    expect(plan(map, [4900], [], 300)).toEqual({ first: 0, last: 4999 })
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
    expect(plan(map, [10, 11, 12, 13, 14, 15, 16], [10, 11, 12, 13, 14, 15])).toEqual({ first: 16, last: 17 })
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

  describe('with B-frames (decode order differs from presentation)', () => {
    const { ranks, sync } = bFrameStream(30, 10)
    const map = mapEpisodeFrames(fakeMp4Index(ranks, sync))

    it('covers every frame of the GOP, including B-frames stored after the target', () => {
      const run = plan(map, [3])!
      expect(run).toEqual({ first: 0, last: 9 })
      expect(framesOfRun(map, run)).toEqual(range(0, 10))
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
    expect(plan(map, [0])).toEqual({ first: 8, last: 11 })
    expect(framesOfRun(map, { first: 8, last: 11 })).toEqual([0, 1])
    // The last GOP (28..31) is cut at the episode's last sample (29).
    expect(plan(map, [19])).toEqual({ first: 28, last: 29 })
  })
})
