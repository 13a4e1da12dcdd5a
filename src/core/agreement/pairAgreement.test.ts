import { describe, expect, it } from 'vitest'
import { labelAgreement } from './pairAgreement'
import { labelled, THREE_STEPS } from '@/test/agreementDocs'

describe('labelAgreement', () => {
  it('agrees on frames outside the task (null and null)', () => {
    const a = labelled({ from: 10, steps: THREE_STEPS })
    const b = labelled({ from: 12, steps: THREE_STEPS })
    // Frames 10 and 11: Grasp for A, outside for B.
    expect(labelAgreement(a, b)).toEqual({ agree: 98, frames: 100, rate: 0.98 })
  })

  it('counts the frames past the shorter document as disagreeing', () => {
    const a = labelled({ steps: THREE_STEPS })
    const b = labelled({ frameCount: 120, steps: THREE_STEPS })
    expect(labelAgreement(a, b)).toEqual({ agree: 100, frames: 120, rate: 100 / 120 })
  })
})
