import { describe, expect, it } from 'vitest'
import type { InstructionCurve } from './instructionDivergence'
import { divergence, instructionDivergences } from './instructionDivergence'

const curve = (instruction: string, points: [number, number][], model = 'm'): InstructionCurve =>
  ({ model, instruction, frames: points.map(([frameIndex, progress]) => ({ frameIndex, progress })) })

describe('divergence of one model under two instructions', () => {
  it.each<[string, [number, number][], [number, number][], { ranges: { start: number; end: number }[]; maxGap: number; maxFrame: number | undefined }]>([
    ['identical curves never part', [[0, 0], [10, 50], [20, 100]], [[0, 0], [10, 50], [20, 100]], { ranges: [], maxGap: 0, maxFrame: undefined }],
    ['parting at the end stays open to the last frame', [[0, 0], [10, 50], [20, 100]], [[0, 0], [10, 45], [20, 60]], { ranges: [{ start: 20, end: 21 }], maxGap: 40, maxFrame: 20 }],
    ['a range closes where they agree again', [[0, 0], [10, 50], [20, 60], [30, 90]], [[0, 0], [10, 20], [20, 30], [30, 85]], { ranges: [{ start: 10, end: 30 }], maxGap: 30, maxFrame: 10 }],
    // b is sampled at other frames: each is held until its next sample.
    ['different sampling: values held until the next sample', [[0, 0], [10, 40], [20, 80]], [[0, 0], [15, 20]], { ranges: [{ start: 10, end: 21 }], maxGap: 60, maxFrame: 20 }],
    ['exactly the threshold is agreement', [[0, 0], [10, 30]], [[0, 0], [10, 20]], { ranges: [], maxGap: 10, maxFrame: 10 }],
    ['a sample that did not parse is left out', [[0, 0], [10, Number.NaN], [20, 30]], [[0, 0], [10, 90], [20, 30]], { ranges: [], maxGap: 0, maxFrame: undefined }],
    ['frames before one curve starts are not compared', [[5, 0], [10, 10]], [[0, 90], [10, 15]], { ranges: [{ start: 5, end: 10 }], maxGap: 90, maxFrame: 5 }],
  ])('%s', (_name, a, b, expected) => {
    expect(divergence(curve('A', a), curve('B', b))).toEqual({ model: 'm', instructions: ['A', 'B'], ...expected })
  })
})

describe('every pair of instructions per model', () => {
  it('pairs instructions within a model, never across models or with itself', () => {
    const pts: [number, number][] = [[0, 0], [10, 50]]
    const found = instructionDivergences([curve('A', pts), curve('B', pts), curve('A', pts, 'n'), curve('C', pts), curve('A', pts, 'n')])
    expect(found.map((d) => `${d.model}:${d.instructions.join('/')}`)).toEqual(['m:A/B', 'm:A/C', 'm:B/C'])
  })
})
