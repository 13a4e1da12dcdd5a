import { describe, expect, it } from 'vitest'
import { rulerTicks, tickStep } from './rulerTicks'

describe('ruler ticks', () => {
  it.each([[0.05, 2000], [0.5, 200], [2, 50], [8, 10], [24, 5]])('at %f px per frame, a label every %i frames', (ppf, step) => {
    expect(tickStep(ppf)).toBe(step)
  })

  it('labels the visible frames on the step, never past the last frame', () => {
    expect(rulerTicks({ pxPerFrame: 2, scrollFrame: 120 }, 400, 10_000)).toEqual({ step: 50, frames: [150, 200, 250, 300] })
    expect(rulerTicks({ pxPerFrame: 2, scrollFrame: 0 }, 400, 120)).toEqual({ step: 50, frames: [0, 50, 100] })
  })
})
