import { describe, expect, it } from 'vitest'
import { BIN_SPECS, histogram, meansByModel } from './corpusScores'
import { CORPUS_CSV_COLUMNS, corpusScoresCsv } from './corpusScoresCsv'
import type { EpisodeScores } from './episodeScores'

function scores(over: Partial<EpisodeScores>): EpisodeScores {
  return {
    VOC: 0, KT: 0, CCC: 0, 'EPR@50': 0, MAE: 0, monotonicityViolations: 0, frames: 2,
    finalTarget: 100, finalPrediction: 100, finalError: 0, worstFrame: 0, worstError: 0, ...over,
  }
}

describe('meansByModel', () => {
  it('averages each model over its scored episodes, unweighted, and counts the ones left out', () => {
    const means = meansByModel([
      { model: 'a', scores: scores({ VOC: 1, MAE: 10, monotonicityViolations: 1, finalError: 5, frames: 100 }) },
      { model: 'b', scores: scores({ VOC: -1 }) },
      { model: 'a', scores: scores({ VOC: 0.5, MAE: 20, monotonicityViolations: 2, finalError: 15, frames: 2 }) },
      { model: 'a', scores: undefined },
    ])
    expect(means.map((m) => [m.model, m.episodes, m.excluded])).toEqual([['a', 2, 1], ['b', 1, 0]])
    expect(means[0]?.mean).toEqual({ VOC: 0.75, KT: 0, CCC: 0, 'EPR@50': 0, MAE: 15, monotonicityViolations: 1.5, finalError: 10 })
  })

  it('gives 0 means to a model with no scored episode, as ProcVLM does', () => {
    expect(meansByModel([{ model: 'a', scores: undefined }])[0]?.mean.VOC).toBe(0)
  })
})

describe('histogram', () => {
  it('bins on the fixed axis, the last bin closed, values beyond either end in the end bins', () => {
    // VOC: ten bins of 0.2 over [−1, 1].
    const h = histogram([-5, -1, 0, 0.99, 1, 2, NaN], BIN_SPECS.VOC)
    expect(h.counts).toEqual([2, 0, 0, 0, 0, 1, 0, 0, 0, 3])
  })

  it('puts counts above 20 drops into the last bin', () => {
    expect(histogram([0, 1, 2, 3, 19, 20, 57], BIN_SPECS.monotonicityViolations).counts).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0, 3])
  })
})

describe('corpusScoresCsv', () => {
  it('writes one row per episode × model, quoting names, with empty fields for an unscorable curve', () => {
    const csv = corpusScoresCsv([
      { index: 3, name: 'ep,3', model: 'm · alt', scores: scores({ VOC: 0.1 + 0.2, frames: 5, worstFrame: 4, worstError: 12.5 }), targetKind: 'hashed', corrected: true },
      { index: 4, name: 'ep4', model: 'm', scores: undefined, targetKind: 'time', corrected: false },
    ])
    expect(csv.split('\r\n')).toEqual([
      CORPUS_CSV_COLUMNS.join(','),
      '3,"ep,3",m · alt,5,0.3,0,0,0,0,0,100,100,0,4,12.5,hashed,1',
      '4,ep4,m,,,,,,,,,,,,,time,0',
      '',
    ])
  })
})
