import { describe, expect, it } from 'vitest'
import { groupProblems } from './problems'

describe('groupProblems', () => {
  it('groups by severity and kind, errors first, then the most frequent, with the first examples', () => {
    const w = (kind: string, episode: number) => ({ severity: 'warning' as const, kind, message: `m${episode}`, episode })
    const groups = groupProblems([w('notes', 1), w('notes', 2), w('budget', 3), w('notes', 4), w('notes', 5), { severity: 'error' as const, kind: 'bad', message: 'x' }], 2)
    expect(groups.map(({ first, ...g }) => ({ ...g, first: first.length }))).toEqual([
      { kind: 'bad', severity: 'error', count: 1, examples: ['x'], first: 1 },
      { kind: 'notes', severity: 'warning', count: 4, examples: ['1: m1', '2: m2'], first: 2 },
      { kind: 'budget', severity: 'warning', count: 1, examples: ['3: m3'], first: 1 },
    ])
  })
})
