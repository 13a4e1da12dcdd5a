import { describe, expect, it } from 'vitest'
import type { ReviewState } from '@/core/review'
import { groupProblems, scopeEpisodes } from './exportChoices'

const reviews = new Map<number, ReviewState>([[4, { status: 'accepted' }], [1, { status: 'flagged' }], [2, { status: 'in-progress' }], [0, { status: 'accepted' }], [3, { status: 'rejected' }]])

describe('scopeEpisodes', () => {
  it.each<[Parameters<typeof scopeEpisodes>[0], readonly number[] | undefined, number[]]>([
    ['all', undefined, [0, 1, 2, 3, 4, 5]],
    ['accepted', undefined, [0, 4]],
    ['reviewed', undefined, [0, 1, 3, 4]],
    ['shown', [5, 2], [2, 5]],
    ['shown', undefined, [0, 1, 2, 3, 4, 5]],
  ])('%s', (scope, listOrder, expected) => expect(scopeEpisodes(scope, { count: 6, reviews, listOrder })).toEqual(expected))
})

describe('groupProblems', () => {
  it('groups by severity and kind, errors first, then the most frequent, with the first examples', () => {
    const w = (kind: string, episode: number) => ({ severity: 'warning', kind, message: `m${episode}`, episode })
    const groups = groupProblems([w('notes', 1), w('notes', 2), w('budget', 3), w('notes', 4), w('notes', 5), { severity: 'error', kind: 'bad', message: 'x' }], 2)
    expect(groups).toEqual([
      { kind: 'bad', severity: 'error', count: 1, examples: ['x'] },
      { kind: 'notes', severity: 'warning', count: 4, examples: ['1: m1', '2: m2'] },
      { kind: 'budget', severity: 'warning', count: 1, examples: ['3: m3'] },
    ])
  })
})
