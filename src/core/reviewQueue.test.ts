import { describe, expect, it } from 'vitest'
import type { QueueItem, QueuePriority } from './reviewQueue'
import { disagreementWithPredictions, orderQueue } from './reviewQueue'

const item = (episodeIndex: number, fields: Partial<QueueItem> = {}): QueueItem => ({
  episodeIndex, status: 'unreviewed', outcome: 'done', problemCount: 0, shortestSegment: 30, ...fields,
})

// Eight episodes, shuffled: each priority's key, and the statuses every priority ranks first.
const ITEMS: QueueItem[] = [
  item(7, { status: 'accepted', disagreement: 0.9, outcome: 'failed', problemCount: 5 }),
  item(3, { disagreement: 0.2, outcome: 'failed', problemCount: 1, shortestSegment: 12 }),
  item(5, { status: 'in-progress', disagreement: 0.5, outcome: 'not-done' }),
  item(1, { outcome: 'failed', problemCount: 1, shortestSegment: 1 }),
  item(6, { status: 'flagged', disagreement: 0.7 }),
  item(0, { disagreement: 0.4, outcome: 'not-done' }),
  item(4, { status: 'rejected', disagreement: 0.1 }),
  item(2, { disagreement: 0.4, problemCount: 2, shortestSegment: 40 }),
]

describe('orderQueue', () => {
  const cases: { priority: QueuePriority; order: number[]; why: string }[] = [
    // Unreviewed (3, 1, 0, 2), in progress (5), flagged (6), then the verdicts (7, 4).
    { priority: 'index', order: [0, 1, 2, 3, 5, 6, 4, 7], why: 'status, then episode index' },
    { priority: 'disagreement', order: [0, 2, 3, 1, 5, 6, 7, 4], why: 'largest first (0 and 2 tie at 0.4: by index); 1 has no predictions: last of its status' },
    { priority: 'failures', order: [0, 1, 3, 2, 5, 6, 7, 4], why: 'not done and failed first, in each status (the accepted failure 7 before the rejected 4)' },
    { priority: 'suspicious', order: [2, 1, 3, 0, 5, 6, 7, 4], why: 'most problems (2), then 1 and 3 with one each, the shorter segment first' },
  ]
  it.each(cases)('$priority: $why', ({ priority, order }) => {
    expect(orderQueue(ITEMS, priority).map((i) => i.episodeIndex)).toEqual(order)
  })

  it('leaves its input alone', () => {
    const before = ITEMS.map((i) => i.episodeIndex)
    orderQueue(ITEMS, 'disagreement')
    expect(ITEMS.map((i) => i.episodeIndex)).toEqual(before)
  })
})

describe('disagreementWithPredictions', () => {
  const target = [0, 0.25, 0.5, 0.75, 1]
  const cases: { predictions: { frame: number; progress: number }[]; expected: number | undefined; why: string }[] = [
    { predictions: [{ frame: 0, progress: 0 }, { frame: 2, progress: 50 }, { frame: 4, progress: 100 }], expected: 0, why: 'agreeing (predictions on 0..100)' },
    { predictions: [{ frame: 1, progress: 60 }, { frame: 3, progress: 70 }], expected: 0.35, why: 'the largest gap at a predicted frame' },
    { predictions: [{ frame: 4, progress: 104 }], expected: 0.04, why: 'not clipped' },
    { predictions: [{ frame: 9, progress: 0 }, { frame: -1, progress: 0 }, { frame: 2, progress: Number.NaN }], expected: undefined, why: 'frames outside the target and NaN are skipped' },
    { predictions: [], expected: undefined, why: 'no predictions' },
  ]
  it.each(cases)('$why', ({ predictions, expected }) => {
    const d = disagreementWithPredictions(target, predictions)
    if (expected === undefined) expect(d).toBeUndefined()
    else expect(d).toBeCloseTo(expected, 12)
  })
})
