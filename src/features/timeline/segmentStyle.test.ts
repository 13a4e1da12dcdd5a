import { describe, expect, it } from 'vitest'
import { compactLabel } from './segmentStyle'

describe('compactLabel', () => {
  it.each([
    ['Grasp the yellow cube.', 'Grasp yellow cube'],
    ['Place the yellow cube into the bin.', 'Place yellow cube bin'],
    ['Pick up the yellow bottle on the table.', 'Pick up yellow bottle table'],
    ['The gripper opens', 'The gripper opens'],
    ['done', 'done'],
    ['', ''],
  ])('%s -> %s', (text, short) => {
    expect(compactLabel(text)).toBe(short)
  })
})
