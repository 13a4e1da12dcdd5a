import { describe, expect, it } from 'vitest'
import { chooseFrame, frameAtPosition, positionAt } from './playbackClock'

describe('positionAt', () => {
  it.each([
    // anchor frame, anchor time, rate, now -> position
    [0, 1000, 1, 1000, 0],
    [0, 1000, 1, 2000, 30],
    [10, 0, 4, 500, 70],
    [10, 0, 0.1, 1000, 13],
    [100, 0, -2, 1000, 40],
  ])('from frame %f at %f ms at %fx, at %f ms is %f', (frame, time, rate, now, expected) => {
    expect(positionAt({ frame, time, rate, fps: 30 }, now)).toBeCloseTo(expected, 9)
  })

  it('is computed from elapsed time, so the same instant always gives the same position', () => {
    const anchor = { frame: 7, time: 123.4, rate: 1.5, fps: 30 }
    const steps = [200, 216.7, 233.3, 1000]
    const a = steps.map((t) => positionAt(anchor, t))
    expect(steps.map((t) => positionAt(anchor, t))).toEqual(a)
    // No accumulation: 3000 ticks later the position is exact.
    expect(positionAt(anchor, 123.4 + 100_000)).toBeCloseTo(7 + 100 * 45, 6)
  })
})

describe('frameAtPosition', () => {
  it.each([
    // position, rate, frameCount -> frame, ended
    [0, 1, 100, 0, false],
    [0.999, 1, 100, 0, false],
    [1 - 1e-9, 1, 100, 1, false], // float noise just under a frame boundary still lands on it
    [41.2, 1, 100, 41, false],
    [98.9, 1, 100, 98, false],
    [99, 1, 100, 99, true],
    [250, 4, 100, 99, true],
    [-3, 1, 100, 0, false],
    [50, -1, 100, 50, false],
    [49.5, -1, 100, 50, false],
    [49, -1, 100, 49, false],
    [0.5, -1, 100, 1, false],
    [0, -1, 100, 0, true],
    [-7, -4, 100, 0, true],
    [120, -1, 100, 99, false],
  ])('position %f at rate %f of %i frames: frame %i, ended %s', (position, rate, count, frame, ended) => {
    expect(frameAtPosition(position, rate, count)).toEqual({ frame, ended })
  })
})

describe('chooseFrame', () => {
  const readySet = (...frames: number[]) => (f: number) => frames.includes(f)

  it('paints the clock frame when every camera has it', () => {
    expect(chooseFrame(12, 10, 1, readySet(11, 12))).toBe(12)
  })

  it('skips to the newest frame every camera has, behind the clock when decoding lags', () => {
    expect(chooseFrame(15, 10, 1, readySet(11, 12, 13))).toBe(13)
  })

  it('keeps the frame on screen when nothing newer is ready (never goes backwards)', () => {
    expect(chooseFrame(15, 10, 1, readySet(8, 9, 10))).toBeUndefined()
    expect(chooseFrame(10, 10, 1, readySet(10))).toBeUndefined()
  })

  it('backwards: the lowest-numbered ready frame down to the clock frame', () => {
    expect(chooseFrame(20, 25, -1, readySet(20, 21, 24))).toBe(20)
    expect(chooseFrame(20, 25, -1, readySet(22, 24))).toBe(22)
    expect(chooseFrame(20, 25, -1, readySet(26, 19))).toBeUndefined()
  })

  it('after a jump (clock behind the picture, or nothing shown) only the clock frame qualifies', () => {
    expect(chooseFrame(3, 200, 1, readySet(3, 4))).toBe(3)
    expect(chooseFrame(3, 200, 1, readySet(4))).toBeUndefined()
    expect(chooseFrame(3, undefined, 1, readySet(3))).toBe(3)
  })
})
