import { describe, expect, it } from 'vitest'
import type { InferenceFrame } from '@/core/formats/inference'
import { docOf } from '@/test/docs'
import { progressCurves } from './progressCurves'

const sample = (frameIndex: number, progress: number, source: InferenceFrame['source'] = 'model'): InferenceFrame =>
  ({ frameIndex, progress, source, line: 1, ...(source === 'previous' ? { failedOutput: 'The cup is <progress>about half</progress>' } : {}) })

describe('the chart\'s curves', () => {
  const doc = docOf([['A', 50], ['B', 50], ['tail', 20]])
  const model = { name: 'm', model: 'm', path: 'p', frames: [sample(0, 0), sample(40, 30), sample(80, 60, 'previous'), sample(119, 100)] }
  const curves = progressCurves(doc, undefined, [model])

  it('target, proposal, time-linear and each model, in that order', () => {
    expect(curves.map((c) => c.key)).toEqual(['target', 'proposal', 'linear', 'model:m'])
  })

  it('a model\'s value at a frame is its sample at or before it; an output that did not parse is no value, with its raw text', () => {
    const m = curves[3]!
    expect(m.at(50)).toEqual({ value: 0.3, frame: 40 })
    expect(m.at(80)).toEqual({ value: Number.NaN, frame: 80, note: 'output did not parse: "The cup is <progress>about half</progress>"' })
    expect(m.at(40)).toEqual({ value: 0.3, frame: 40 })
  })

  it('a model is drawn at its own frames in the window, with one sample past each edge, and a gap where nothing parsed', () => {
    expect(curves[3]!.points(45, 70, 100).map((p) => p.x)).toEqual([40.5, 80.5])
    expect(curves[3]!.points(0, 120, 100)).toEqual([{ x: 0.5, y: 0 }, { x: 40.5, y: 0.3 }, { x: 80.5, y: null }, { x: 119.5, y: 1 }])
  })

  it('dense curves: exact values by frame, points at frame centres', () => {
    const linear = curves[2]!
    expect(linear.at(60)).toEqual({ value: 60 / 119, frame: 60 })
    expect(linear.at(120)).toBeUndefined()
    expect(linear.points(10, 13, 100)).toEqual([{ x: 10.5, y: 10 / 119 }, { x: 11.5, y: 11 / 119 }, { x: 12.5, y: 12 / 119 }])
  })
})
