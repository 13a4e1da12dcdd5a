import { describe, expect, it } from 'vitest'
import { barsPath, returnRange, rewardScale, stripRuns } from './rewardPaths'

const y = (r: number) => 10 - r * 10

describe('barsPath', () => {
  it('draws one bar per frame when frames are wide, with a gap, skipping zeros', () => {
    // 10 px a frame: bars 8 px wide (a 20% gap), frame 1 has no reward.
    expect(barsPath([0.5, 0, -0.5], { from: 0, to: 3 }, { pxPerFrame: 10, scrollFrame: 0 }, y))
      .toBe('M1.0,5.0H9.0V10.0H1.0ZM21.0,10.0H29.0V15.0H21.0Z')
  })

  it('draws a column\'s lowest and highest reward when frames are narrower than a pixel', () => {
    // Half a pixel a frame: two frames a column.
    expect(barsPath([0.5, -0.5, 0, 0], { from: 0, to: 4 }, { pxPerFrame: 0.5, scrollFrame: 0 }, y)).toBe('M0.0,5.0H1.0V15.0H0.0Z')
  })
})

describe('stripRuns', () => {
  it('clips the runs to the window', () => {
    const runs = [{ start: 0, end: 5, keep: true }, { start: 5, end: 10, keep: false }, { start: 10, end: 12, keep: true }]
    expect(stripRuns(runs, { from: 3, to: 8 }, { pxPerFrame: 2, scrollFrame: 3 })).toEqual([{ x: 0, width: 4, keep: true }, { x: 4, width: 6, keep: false }])
  })
})

describe('scales', () => {
  it('returnRange includes 0 and is never empty', () => {
    expect(returnRange([0.2, 0.5, 0.4])).toEqual({ lo: 0, hi: 0.5 })
    expect(returnRange([-0.2, 0.1])).toEqual({ lo: -0.2, hi: 0.1 })
    expect(returnRange([0, 0])).toEqual({ lo: 0, hi: 1 })
  })

  it('rewardScale is the largest |r|, else the clip, else 1', () => {
    expect(rewardScale([0.01, -0.03], 0.2)).toBe(0.03)
    expect(rewardScale([0, 0], 0.2)).toBe(0.2)
    expect(rewardScale([], 0)).toBe(1)
  })
})
