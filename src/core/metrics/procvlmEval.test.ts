import { describe, expect, it } from 'vitest'
import { detectTaskType, episodeToken, procvlmMetrics } from './procvlmEval'
import type { TextSample } from './procvlmEval'

const P = (v: string): string =>
  `The following actions are required: \n1. Place the cup.\nTherefore, the estimated progress is <progress>${v}</progress>.`
const seg = (...pairs: [number, number][]): string => JSON.stringify(pairs.map(([start_frame, end_frame]) => ({ start_frame, end_frame })))

describe('ProcVLM text-level evaluation', () => {
  it.each([
    [P('37.50%'), 'progress'],
    [seg([0, 10]), 'segmentation'],
    ['[]', 'segmentation'],
    ['[1, 2]', 'planning'],
    ['1. Pick up the cup\n2. Place it', 'planning'],
    ['<progress>40%', 'planning'],
  ])('detectTaskType(%j) = %s', (gt, want) => {
    expect(detectTaskType(gt)).toBe(want)
  })

  it.each([
    ['images/bridge/observation.images.image_0/episode_000114/000041.jpg', 'episode_000114'],
    ['/data/ds_a/episode_7/0.jpg', 'episode_7'],
    ['/data/frames/0001.jpg', undefined],
  ])('episodeToken(%s)', (path, want) => {
    expect(episodeToken(path)).toBe(want)
  })

  it('reproduces compute_accuracy_with_episode on a mixed log', () => {
    const samples: TextSample[] = [
      { pred: P('10%'), gt: P('0.00%'), episode: 'episode_000001' },
      { pred: P('35%'), gt: P('25.00%'), episode: 'episode_000001' },
      { pred: P('30%'), gt: P('50.00%'), episode: 'episode_000001' },
      { pred: P('97%'), gt: P('100%'), episode: 'episode_000001' },
      { pred: 'I think 0.2', gt: P('10.00%'), episode: 'episode_000002' },
      { pred: P('50%'), gt: P('60.00%'), episode: 'episode_000002' },
      { pred: 'no idea', gt: P('80.00%'), episode: 'episode_000002' },
      { pred: P('40%'), gt: P('40.00%'), episode: 'episode_000003' },
      { pred: P('99%'), gt: P('20.00%') },
      { pred: P('5%'), gt: P('96.00%') },
      { pred: seg([0, 9], [10, 20]), gt: seg([0, 10], [11, 20]), episode: 'episode_000001' },
      { pred: 'not json', gt: seg([0, 10], [11, 20]), episode: 'episode_000001' },
      { pred: '1. pick the cup', gt: '2. place the cup', episode: 'episode_000001' },
    ]
    // Expected: /usr/bin/python3 re-implementation of compute_metrics.py on the same samples (stdlib json in
    // place of json_repair, which reads these strict-JSON answers the same way).
    const m = procvlmMetrics(samples)
    expect(m['BF1@5']).toBeCloseTo(0.75, 14)
    expect(m.mMAE).toBe(0)
    // MCC counts the segmentation sample (0 vs 0) and the planning one ("1" → 100 vs "2") too.
    expect(m['MCC@95']).toBeCloseTo(0.2405626121595598, 14)
    expect(m.CCC).toBeCloseTo(0.28378118230648225, 12)
    expect(m['EPR@50']).toBeCloseTo(2.1949875002403854, 12)
    expect(m.VOC).toBeCloseTo(0.26666666666666666, 12)
    expect(m.KT).toBeCloseTo(0.22222222222222218, 12)
  })

  it('omits BF1@5 and mMAE without segmentation samples, and scores 0 with no episode', () => {
    const m = procvlmMetrics([{ pred: P('50%'), gt: P('50%') }])
    expect(m).toEqual({ 'MCC@95': 0, CCC: 0, 'EPR@50': 0, VOC: 0, KT: 0 })
  })
})
