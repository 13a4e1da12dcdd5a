import { describe, expect, it } from 'vitest'
import { compareNatural } from './naturalSort'

describe('compareNatural', () => {
  it.each([
    [['ep_1_step_10.jpg', 'ep_1_step_2.jpg', 'ep_1_step_1.jpg', 'ep_1_step_0.jpg'], ['ep_1_step_0.jpg', 'ep_1_step_1.jpg', 'ep_1_step_2.jpg', 'ep_1_step_10.jpg']],
    [['frame_000012.png', 'frame_000002.png', 'frame_000100.png'], ['frame_000002.png', 'frame_000012.png', 'frame_000100.png']],
    [['b2.png', 'a10.png', 'a9.png'], ['a9.png', 'a10.png', 'b2.png']],
    [['wrist__image_00000010.webp', 'exterior__image_00000011.webp', 'exterior__image_00000002.webp'],
      ['exterior__image_00000002.webp', 'exterior__image_00000011.webp', 'wrist__image_00000010.webp']],
    [['x_01.png', 'x_1.png'], ['x_01.png', 'x_1.png']], // equal numbers: a stable, total order
  ])('%j -> %j', (input, sorted) => {
    expect([...input].sort(compareNatural)).toEqual(sorted)
  })
})
