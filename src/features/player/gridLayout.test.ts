import { describe, expect, it } from 'vitest'
import { bestGrid } from './gridLayout'

describe('bestGrid', () => {
  it.each([
    // Two 4:3 cameras in a wide, short area: side by side, height-limited, no letterbox.
    [{ width: 1000, height: 400, count: 2, aspect: 4 / 3, header: 20, gap: 0 }, { cols: 2, width: 500, height: 395 }],
    // Two cameras in a tall narrow area: stacked.
    [{ width: 400, height: 1000, count: 2, aspect: 4 / 3, header: 20, gap: 0 }, { cols: 1, width: 400, height: 320 }],
    // Three cameras in a wide area: one row.
    [{ width: 1500, height: 400, count: 3, aspect: 4 / 3, header: 0, gap: 0 }, { cols: 3, width: 500, height: 375 }],
    // Four cameras in a square area: 2 x 2.
    [{ width: 800, height: 600, count: 4, aspect: 4 / 3, header: 0, gap: 0 }, { cols: 2, width: 400, height: 300 }],
    // One camera is as large as fits.
    [{ width: 800, height: 300, count: 1, aspect: 4 / 3, header: 0, gap: 0 }, { cols: 1, width: 400, height: 300 }],
  ])('%j', (space, layout) => {
    expect(bestGrid(space)).toEqual(layout)
  })

  it('never returns negative sizes', () => {
    expect(bestGrid({ width: 10, height: 10, count: 3, aspect: 2, header: 30, gap: 8 })).toMatchObject({ width: 0 })
  })
})
