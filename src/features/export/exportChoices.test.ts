import { describe, expect, it } from 'vitest'
import type { ReviewState } from '@/core/review'
import { scopeEpisodes } from './exportChoices'

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
