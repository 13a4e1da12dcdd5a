import { describe, expect, it } from 'vitest'
import { docOf } from '@/test/docs'
import { conflictRows } from './conflictRows'

describe('conflict rows', () => {
  it('marks the steps and the outcome the other version does not share', () => {
    const mine = docOf([['Grasp the cup.', 12], ['Place the cup.', 18], ['tail', 10]])
    const theirs = docOf([['Grasp the cup.', 12], ['Place it.', 18], ['tail', 10]], { outcome: { kind: 'not-done', cutoff: 0.5 } })
    expect(conflictRows(mine, theirs)).toEqual([
      { text: 'Grasp the cup.', frames: '0–11', differs: false },
      { text: 'Place the cup.', frames: '12–29', differs: true },
      { text: 'tail', frames: '30–39', differs: false },
      { text: 'Outcome: done', frames: '', differs: true },
    ])
    expect(conflictRows(theirs, mine).map((r) => r.differs)).toEqual([false, true, false, true])
  })
})
