import { describe, expect, it } from 'vitest'
import { compareAnnotators } from '@/core/agreement'
import { DEFAULT_SORT, isAscending, nextSort, sortEpisodes } from './agreementColumns'
import type { AgreementSort } from './agreementColumns'
import { labelled } from '@/test/agreementDocs'

// Four episodes, Bob against Ann: 0 agrees fully; 1 moves a boundary by 6 frames (F1 2/3); 2 misses a step
// (F1 0.8, the largest budget difference); 3 has only unnamed steps, so no budget to compare.
const steps = (grasp: number) => [['Grasp.', grasp], ['Lift.', 60], ['Place.', 90]] as const
const ann = [steps(30), steps(30), steps(30)].map((s, i) => labelled({ episode: `episode_${i}`, steps: s }))
const bob = [
  labelled({ episode: 'episode_0', steps: steps(30) }),
  labelled({ episode: 'episode_1', steps: steps(36) }),
  labelled({ episode: 'episode_2', steps: [['Grasp.', 60], ['Place.', 90]] }),
]
const unnamed = (end: number) => labelled({ episode: 'episode_3', steps: [['', end]] })
const report = compareAnnotators([{ name: 'ann', docs: [...ann, unnamed(50)] }, { name: 'bob', docs: [...bob, unnamed(50)] }])
const order = (sort: AgreementSort) => sortEpisodes(report.episodes, sort).map((e) => e.episode)

describe('sortEpisodes', () => {
  it.each([
    [DEFAULT_SORT, ['episode_1', 'episode_2', 'episode_0', 'episode_3']],
    [{ column: 'boundaryF1', order: 'best-first' }, ['episode_0', 'episode_3', 'episode_2', 'episode_1']],
    [{ column: 'labelAgreement', order: 'worst-first' }, ['episode_2', 'episode_1', 'episode_0', 'episode_3']],
    // Largest difference first; episode 3 has none to rank and stays last both ways.
    [{ column: 'budgetMax', order: 'worst-first' }, ['episode_2', 'episode_1', 'episode_0', 'episode_3']],
    [{ column: 'budgetMax', order: 'best-first' }, ['episode_0', 'episode_1', 'episode_2', 'episode_3']],
    // 0, 1 and 3 tie on unmatched steps: the lower boundary F1 (episode 1) goes first.
    [{ column: 'unmatchedSteps', order: 'worst-first' }, ['episode_2', 'episode_1', 'episode_0', 'episode_3']],
    [{ column: 'episode', order: 'best-first' }, ['episode_3', 'episode_2', 'episode_1', 'episode_0']],
  ] as const)('%j', (sort, expected) => {
    expect(order(sort)).toEqual(expected)
  })
})

describe('sortEpisodes: ties', () => {
  it('go to label agreement, worst first, before the report order', () => {
    const notDone = { kind: 'not-done', cutoff: 0.75 } as const
    // Both episodes have F1 1; in episode_1 the outcomes differ, so its 10 tail frames disagree.
    const tied = compareAnnotators([
      { name: 'ann', docs: [labelled({ episode: 'episode_0', steps: steps(30) }), labelled({ episode: 'episode_1', steps: steps(30) })] },
      { name: 'bob', docs: [labelled({ episode: 'episode_0', steps: steps(30) }), labelled({ episode: 'episode_1', steps: steps(30), outcome: notDone })] },
    ])
    expect(sortEpisodes(tied.episodes, DEFAULT_SORT).map((e) => e.episode)).toEqual(['episode_1', 'episode_0'])
  })
})

describe('nextSort', () => {
  it('starts a new column worst first and turns the order round on a second click', () => {
    const byLabels = nextSort(DEFAULT_SORT, 'labelAgreement')
    expect(byLabels).toEqual({ column: 'labelAgreement', order: 'worst-first' })
    expect(nextSort(byLabels, 'labelAgreement')).toEqual({ column: 'labelAgreement', order: 'best-first' })
  })

  it('reports the direction of the values for aria-sort', () => {
    expect(isAscending(DEFAULT_SORT)).toBe(true)
    expect(isAscending({ column: 'budgetMean', order: 'worst-first' })).toBe(false)
  })
})
