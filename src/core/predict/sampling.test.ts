import { describe, expect, it } from 'vitest'
import { roundHalfEven, sampleFrames, samplingRecord, windowOf } from './sampling'

describe('sampling', () => {
  it.each<[number, number]>([[0.5, 0], [1.5, 2], [2.5, 2], [2.4, 2], [2.6, 3], [3.5, 4]])('rounds %d half to even like NumPy: %d', (x, y) => {
    expect(roundHalfEven(x)).toBe(y)
  })

  it.each<[string, number, Parameters<typeof sampleFrames>[1], number[]]>([
    ['stride 3 over 10', 10, { kind: 'stride', stride: 3 }, [0, 3, 6, 9]],
    ['stride larger than the episode', 5, { kind: 'stride', stride: 50 }, [0]],
    ['linspace with room for every frame', 4, { kind: 'max-frames', maxFrames: 512 }, [0, 1, 2, 3]],
    // np.linspace(0, 9, 4).round() = [0, 3, 6, 9]
    ['linspace 4 of 10', 10, { kind: 'max-frames', maxFrames: 4 }, [0, 3, 6, 9]],
    // np.linspace(0, 6, 5) = [0, 1.5, 3, 4.5, 6] -> round half even [0, 2, 3, 4, 6]
    ['linspace rounds halves to even', 7, { kind: 'max-frames', maxFrames: 5 }, [0, 2, 3, 4, 6]],
    ['one frame', 1, { kind: 'max-frames', maxFrames: 8 }, [0]],
    ['max 1', 9, { kind: 'max-frames', maxFrames: 1 }, [0]],
    ['empty episode', 0, { kind: 'stride', stride: 2 }, []],
  ])('%s', (_name, n, sampling, expected) => {
    expect(sampleFrames(n, sampling)).toEqual(expected)
  })

  it('windows hold the last W sampled frames, left-padded with the first (ProcVLM\'s example)', () => {
    const sampled = [0, 29, 58, 87, 116]
    expect(windowOf(sampled, 3, 8)).toEqual([0, 0, 0, 0, 0, 29, 58, 87])
    expect(windowOf(sampled, 0, 3)).toEqual([0, 0, 0])
    expect(windowOf(sampled, 4, 2)).toEqual([87, 116])
  })

  it('records the sampling as it was asked for', () => {
    expect(samplingRecord({ kind: 'stride', stride: 5 })).toEqual({ stride: 5 })
    expect(samplingRecord({ kind: 'max-frames', maxFrames: 512 })).toEqual({ max_frames: 512 })
  })
})
