import { describe, expect, it } from 'vitest'
import { progressAnswer } from './progressAnswer'

describe('ProcVQA (c) answers', () => {
  it.each([
    [{ progress: 0.375, remaining: ['Grasp the cup.', 'Place the cup onto the plate.'] },
      'The following actions are required: \n1. Grasp the cup.\n2. Place the cup onto the plate.\nTherefore, the estimated progress is <progress>37.50%</progress>.'],
    [{ progress: 0.12125, remaining: [null] }, 'The following actions are required: \n1. None\nTherefore, the estimated progress is <progress>12.12%</progress>.'],
    [{ progress: 1, remaining: [], finishReason: 'The cup rests on the plate' },
      'The cup rests on the plate.\nTherefore, the estimated progress is <progress>100%</progress>.'],
  ])('%j', (input, text) => {
    expect(progressAnswer(input).text).toBe(text)
  })

  it('a finished frame without a finish reason is not a sample, but its tag is still shown', () => {
    expect(progressAnswer({ progress: 1, remaining: [] })).toMatchObject({ text: undefined, tag: '<progress>100%</progress>', skipped: expect.stringMatching(/finish reason/) as unknown })
  })
})
