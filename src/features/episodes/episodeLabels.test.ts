import { describe, expect, it } from 'vitest'
import type { InferenceFrame } from '@/core/formats/inference'
import { docOf } from '@/test/docs'
import { queueFacts } from './episodeLabels'

const frame = (frameIndex: number, progress: number): InferenceFrame => ({ frameIndex, progress, source: 'model', line: 1 })

describe('queueFacts', () => {
  // Two steps of 5 frames each, a 2-frame tail: by time, the target is 0 at frame 0, 0.4 at frame 5 … 1 at the tail.
  const doc = docOf([['Grasp the cup.', 5], ['Place the cup.', 5], ['tail', 2]])

  it('counts the proposal\'s problems and its shortest step; no predictions, no disagreement', () => {
    expect(queueFacts(doc, undefined)).toEqual({ problemCount: expect.any(Number) as number, shortestSegment: 5 })
  })

  it('the largest gap between the proposal\'s target and any model, on 0..1', () => {
    const curves = [
      { name: 'm1', model: 'm1', path: 'p', frames: [frame(0, 0), frame(10, 100)] },
      { name: 'm2', model: 'm2', path: 'q', frames: [frame(10, 40)] },
    ]
    expect(queueFacts(doc, { curves, problems: [] }).disagreement).toBeCloseTo(0.6, 10)
  })

  it('measures the proposal, not the correction', () => {
    const corrected = { ...doc, outcome: { kind: 'failed' as const } }
    const curves = [{ name: 'm', model: 'm', path: 'p', frames: [frame(11, 100)] }]
    expect(queueFacts(corrected, { curves, problems: [] }).disagreement).toBeCloseTo(0, 10)
  })
})
