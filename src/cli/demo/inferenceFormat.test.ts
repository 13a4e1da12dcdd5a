// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { extractProgressTag } from '../../core/formats/inference'
import { extractReasoningText, makeRow, uniformIndices, windowValues } from './inferenceFormat'
import { imageSampleIndices } from './stats'

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)

describe('uniformIndices (ProcVLM build_uniform_indices, numpy rounding)', () => {
  // Reference values from numpy: np.round(np.linspace(0, total - 1, target)).
  it.each([
    { total: 6, target: 3, head: [0, 2, 5], sum: 7 },
    { total: 11, target: 4, head: [0, 3, 7, 10], sum: 20 },
    { total: 5065, target: 512, head: [0, 10, 20, 30, 40, 50], sum: 1296384 },
    { total: 1000, target: 512, head: [0, 2, 4, 6, 8, 10], sum: 255744 },
    { total: 600, target: 512, head: [0, 1, 2, 4, 5, 6], sum: 153344 },
  ])('$total frames, $target samples', ({ total, target, head, sum: s }) => {
    const idx = uniformIndices(total, target)
    expect(idx.slice(0, head.length)).toEqual(head)
    expect(idx).toHaveLength(target)
    expect(sum(idx)).toBe(s)
    expect(idx.at(-1)).toBe(total - 1)
  })

  it('takes every frame when there are fewer than the target', () => {
    expect(uniformIndices(5, 512)).toEqual([0, 1, 2, 3, 4])
  })
})

describe('imageSampleIndices (LeRobot sample_indices)', () => {
  it.each([
    { n: 340, k: 100, sum: 16950, head: [0, 3, 7, 10, 14] },
    { n: 5065, k: 600, sum: 1519200, head: [0, 8, 17, 25, 34] },
    { n: 50, k: 50, sum: 1225, head: [0, 1, 2, 3, 4] },
  ])('$n frames -> $k samples', ({ n, k, sum: s, head }) => {
    const idx = imageSampleIndices(n)
    expect(idx).toHaveLength(k)
    expect(sum(idx)).toBe(s)
    expect(idx.slice(0, 5)).toEqual(head)
  })
})

describe('windowValues (build_window_values)', () => {
  it.each([
    { index: 0, out: [10, 10, 10, 10] },
    { index: 2, out: [10, 10, 11, 12] },
    { index: 5, out: [12, 13, 14, 15] },
  ])('window of 4 ending at $index', ({ index, out }) => {
    expect(windowValues([10, 11, 12, 13, 14, 15], index, 4)).toEqual(out)
  })
})

describe('answer parsing (extract_progress, extract_reasoning_text)', () => {
  const trained = 'The following actions are required: \n1. Place the cup.\nTherefore, the estimated progress is <progress>48.21%</progress>.'
  it.each([
    { text: trained, progress: 48.21, reasoning: 'The following actions are required:\n1. Place the cup.' },
    { text: 'The cup is on the plate.\nTherefore, the estimated progress is <progress>100%</progress>.', progress: 100, reasoning: 'The cup is on the plate.' },
    { text: 'Done. <progress> 130 </progress>', progress: 100, reasoning: 'Done.' },
    { text: 'Working on: Grasp the cup.\nThe task looks about partly complete.', progress: null, reasoning: 'Working on: Grasp the cup.\nThe task looks about partly complete.' },
    { text: 'So far so good.\nHence nothing.', progress: null, reasoning: '' },
  ])('$text', ({ text, progress, reasoning }) => {
    expect(extractProgressTag(text) ?? null).toBe(progress)
    expect(extractReasoningText(text)).toBe(reasoning)
  })

  it('carries the previous progress when the answer does not parse', () => {
    const base = { video_path: '/v/episode_000001.mp4', task: 't', sample_index: 3, frame_index: 87, window_frame_indices: [0, 29, 58, 87], fps: 30 }
    expect(makeRow({ ...base, model_output: 'no tag', previous: 31.5 })).toMatchObject({ progress: 31.5, parsed_progress: null, progress_source: 'previous', timestamp_sec: 2.9 })
    expect(makeRow({ ...base, model_output: '<progress>40%</progress>', previous: 31.5 })).toMatchObject({ progress: 40, parsed_progress: 40, progress_source: 'model' })
  })
})
