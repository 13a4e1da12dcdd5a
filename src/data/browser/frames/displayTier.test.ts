import { describe, expect, it } from 'vitest'
import { displayOrder, splitBudget } from './displayTier'

const paused = (direction: 1 | -1) => ({ playing: false, direction, rate: 1 })

describe('displayOrder', () => {
  it.each([
    // Paused after a step forward: the frame, the next steps either way, the next jump, then the jump back.
    { focus: 50, motion: paused(1), fit: 17, out: [50, 51, 49, 60, 52, 48, 40] },
    { focus: 50, motion: paused(-1), fit: 17, out: [50, 49, 51, 40, 48, 52, 60] },
    // At the ends of the episode, frames outside it are left out.
    { focus: 0, motion: paused(1), fit: 17, out: [0, 1, 10, 2] },
    { focus: 99, motion: paused(1), fit: 17, out: [99, 98, 97, 89] },
    // A budget of three bitmaps keeps the three most wanted.
    { focus: 50, motion: paused(1), fit: 3, out: [50, 51, 49] },
    // Playing: none (each frame is drawn once; the decoders need the time a conversion takes).
    { focus: 50, motion: { playing: true, direction: 1 as const, rate: 1 }, fit: 17, out: [] },
  ])('focus $focus, $motion.direction, fit $fit', ({ focus, motion, fit, out }) => {
    expect(displayOrder({ focus, motion, fit, frameCount: 100 })).toEqual(out)
  })
})

describe('splitBudget', () => {
  it.each([
    // 170 MB for a 1280×720 camera: 10 bitmaps of 3.7 MB, the rest for decoded frames.
    { bytes: 170e6, width: 1280, height: 720, display: 10 * 1280 * 720 * 4 },
    // A small budget: at most 40 % for bitmaps.
    { bytes: 10e6, width: 1280, height: 720, display: 4e6 },
  ])('$bytes bytes at $width×$height', ({ bytes, width, height, display }) => {
    const split = splitBudget(bytes, width, height)
    expect(split.display).toBeCloseTo(display)
    expect(split.frames + split.display).toBeCloseTo(bytes)
  })
})
