import { describe, expect, it } from 'vitest'
import { filterEpisodes, isFiltering, NO_FILTER } from './episodeFilter'
import type { EpisodeFilter, EpisodeRow } from './episodeFilter'

function row(index: number, over: Partial<EpisodeRow> = {}): EpisodeRow {
  return {
    index, name: `episode_${String(index).padStart(6, '0')}`, length: 100 + index, task: 'pick the red cube',
    status: 'unreviewed', outcome: 'unknown', hasAnnotations: undefined, hasPredictions: undefined,
    datasetOutcome: undefined, availability: undefined, playable: undefined, absent: undefined, ...over,
  }
}

const SUCCESS = { success: true, source: 'information.json taskState SUCCESS' }
const FAILURE = { success: false, source: 'information.json taskState FAILURE' }

const rows: EpisodeRow[] = [
  row(0, { task: 'Put the red cube in the bin', length: 300, outcome: 'done', hasAnnotations: true, datasetOutcome: SUCCESS, availability: 'complete', playable: true }),
  row(1, { task: 'Put the blue cylinder in the bin', length: 150, outcome: 'not-done', hasAnnotations: true, status: 'accepted', datasetOutcome: SUCCESS, availability: 'partial', playable: true }),
  row(2, { task: 'Stack the cubes', length: undefined, hasAnnotations: false, hasPredictions: true, availability: 'partial', playable: false }),
  row(3, { task: 'put the RED cube and the blue cylinder in the bin', length: 900, outcome: 'done', status: 'flagged', datasetOutcome: FAILURE, availability: 'missing', playable: false }),
]
const f = (over: Partial<EpisodeFilter>): EpisodeFilter => ({ ...NO_FILTER, ...over })

describe('filterEpisodes', () => {
  it.each([
    ['no filter keeps index order', f({}), [0, 1, 2, 3]],
    ['text, any case, all words', f({ text: 'red BIN' }), [0, 3]],
    ['text matches the episode name', f({ text: 'episode_000002' }), [2]],
    ['text matches #index', f({ text: '#1' }), [1]],
    ['status', f({ status: 'accepted' }), [1]],
    ['outcome', f({ outcome: 'done' }), [0, 3]],
    ['dataset success', f({ outcome: 'dataset-success' }), [0, 1]],
    ['dataset failure', f({ outcome: 'dataset-failure' }), [3]],
    ['VLM and dataset disagree', f({ outcome: 'disagree' }), [1, 3]],
    ['playable files', f({ files: 'playable' }), [0, 1]],
    ['complete files', f({ files: 'complete' }), [0]],
    ['incomplete files', f({ files: 'incomplete' }), [1, 2, 3]],
    ['missing files', f({ files: 'missing' }), [3]],
    ['annotations yes (unknown excluded)', f({ annotations: 'yes' }), [0, 1]],
    ['annotations no', f({ annotations: 'no' }), [2]],
    ['predictions yes', f({ predictions: 'yes' }), [2]],
    ['length ascending, unknown last', f({ sort: 'length-asc' }), [1, 0, 3, 2]],
    ['length descending, unknown last', f({ sort: 'length-desc' }), [3, 0, 1, 2]],
    ['filter and sort together', f({ text: 'bin', sort: 'length-desc' }), [3, 0, 1]],
  ])('%s', (_name, filter, expected) => {
    expect(filterEpisodes(rows, filter)).toEqual(expected)
  })

  it('knows when a filter is active', () => {
    expect(isFiltering(NO_FILTER)).toBe(false)
    expect(isFiltering(f({ text: '  ' }))).toBe(false)
    expect(isFiltering(f({ outcome: 'failed' }))).toBe(true)
  })

  it('handles 100,000 rows', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => row(i, { task: i % 10 === 0 ? 'rare task' : 'common task' }))
    expect(filterEpisodes(many, f({ text: 'rare' }))).toHaveLength(10_000)
  })
})

describe('the review queue as a sort', () => {
  const queue: EpisodeRow[] = [
    row(0, { outcome: 'done', problemCount: 0, shortestSegment: 40, disagreement: 0.1 }),
    row(1, { outcome: 'not-done', problemCount: 2, shortestSegment: 3, disagreement: 0.4, status: 'accepted' }),
    row(2, { outcome: 'failed', problemCount: 1, shortestSegment: 9 }),
    row(3, { outcome: 'done', problemCount: 2, shortestSegment: 1, disagreement: 0.3, status: 'in-progress' }),
    row(4, { outcome: 'done', problemCount: 0, shortestSegment: 50, disagreement: 0.6 }),
  ]
  it.each<[EpisodeFilter['sort'], number[]]>([
    ['queue:index', [0, 2, 4, 3, 1]],
    ['queue:disagreement', [4, 0, 2, 3, 1]],
    ['queue:failures', [2, 0, 4, 3, 1]],
    ['queue:suspicious', [2, 0, 4, 3, 1]],
  ])('%s: unreviewed first, then in progress, verdicts last', (sort, expected) => {
    expect(filterEpisodes(queue, f({ sort })).map((p) => queue[p]!.index)).toEqual(expected)
  })

  it('keeps filtering: the queue orders only the rows that match', () => {
    expect(filterEpisodes(queue, f({ sort: 'queue:disagreement', outcome: 'done' })).map((p) => queue[p]!.index)).toEqual([4, 0, 3])
  })
})
