import { describe, expect, it } from 'vitest'
import { bestGrid, splitPane } from './gridLayout'

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

describe('splitPane', () => {
  const pane = { header: 26, gap: 4, pad: 24, editor: 300, editorMaxExtra: 200 }
  it.each([
    // Two 4:3 cameras side by side in a wide, short pane: their height is set by the width; the editor gets the rest.
    ['two 4:3 cameras, 1440×900 window', { height: 760, width: 790, count: 2, aspect: 4 / 3 }, { cameras: 335, editorExtra: 125 }],
    // One 4:3 camera limited by height: nothing spare.
    ['one camera, height-limited', { height: 760, width: 790, count: 1, aspect: 4 / 3 }, { cameras: 460, editorExtra: 0 }],
    // Three cameras in a row leave much; the editor takes at most its limit.
    ['three cameras in a wide pane', { height: 1300, width: 1900, count: 3, aspect: 4 / 3 }, { cameras: 800, editorExtra: 200 }],
    ['no camera', { height: 760, width: 790, count: 0, aspect: 4 / 3 }, { cameras: 460, editorExtra: 0 }],
    ['too short for the editor', { height: 200, width: 790, count: 2, aspect: 4 / 3 }, { cameras: 0, editorExtra: 0 }],
  ])('%s', (_, space, split) => {
    expect(splitPane({ ...pane, ...space })).toEqual(split)
  })

  it('gives the cameras exactly the grid they fill', () => {
    const space = { ...pane, height: 760, width: 790, count: 2, aspect: 4 / 3 }
    const { cameras } = splitPane(space)
    const grid = bestGrid({ width: space.width - space.pad, height: cameras - space.pad, count: 2, aspect: 4 / 3, header: 26, gap: 4 })
    expect(grid.height + space.pad).toBeGreaterThanOrEqual(cameras - 1)
  })
})
