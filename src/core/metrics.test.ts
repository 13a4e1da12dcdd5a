import { describe, expect, it } from 'vitest'
import { CURVE_METRIC_KEYS, corpusMetrics, episodeMetrics } from './metrics'

describe('episodeMetrics', () => {
  it('scores every curve metric on the frames with both values', () => {
    // Values: the "noisy" case of progressMetrics.test.ts (Python-computed), plus a NaN frame that is dropped.
    const pred = [5, 3, 18, 35, 33, 52, 61, 58, 85, 90, 97, NaN]
    const target = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 100]
    const m = episodeMetrics(pred, target)
    expect(m?.frames).toBe(11)
    expect(m?.VOC).toBeCloseTo(0.9727272727272729, 12)
    expect(m?.KT).toBeCloseTo(0.8909090909090909, 12)
    expect(m?.CCC).toBeCloseTo(0.984769265737289, 12)
    expect(m?.['EPR@50']).toBeCloseTo(4.321928094887363, 12)
    expect(m?.MAE).toBeCloseTo(4.454545454545454, 12)
    // drops: 5→3, 35→33, 61→58
    expect(m?.monotonicityViolations).toBe(3)
    expect(episodeMetrics(pred, target, { monotonicityTolerance: 2.5 })?.monotonicityViolations).toBe(1)
  })

  it('is undefined below 2 usable frames', () => {
    expect(episodeMetrics([50], [50])).toBeUndefined()
    expect(episodeMetrics([50, NaN], [50, 60])).toBeUndefined()
  })
})

describe('corpusMetrics', () => {
  it('averages over scored episodes (unweighted) and lists the excluded ones', () => {
    const result = corpusMetrics([
      { episode: 'up', pred: [0, 50, 100], target: [0, 50, 100] },
      { episode: 'down', pred: [100, 50, 0], target: [0, 50, 100] },
      { episode: 'short', pred: [10], target: [10] },
    ])
    expect(Object.keys(result.episodes)).toEqual(['up', 'down'])
    expect(result.excluded).toEqual(['short'])
    expect(result.mean.VOC).toBeCloseTo(0, 12)
    expect(result.mean.KT).toBeCloseTo(0, 12)
    expect(result.mean.MAE).toBeCloseTo((0 + 200 / 3) / 2, 12)
    expect(result.mean.monotonicityViolations).toBe(1)
    expect(result.mean['EPR@50']).toBeCloseTo(Math.log2(6), 12)
  })

  it('gives 0 means with no scored episode, as ProcVLM does', () => {
    const result = corpusMetrics([])
    for (const key of CURVE_METRIC_KEYS) expect(result.mean[key]).toBe(0)
  })
})
