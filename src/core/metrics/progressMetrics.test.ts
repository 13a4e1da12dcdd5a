import { describe, expect, it } from 'vitest'
import { ccc, epr, kt, mae, monotonicityViolations, voc } from './progressMetrics'

// Expected values: /usr/bin/python3 with NumPy 1.24 / SciPy 1.10, re-implementing compute_metrics.py's
// definitions (stable sort by GT + scipy.stats.spearmanr for VOC; ProcVLM's pair loop for τ-a; np.var,
// np.corrcoef and the 1e-8 terms for CCC; the k = 1000…1 loop with np.floor/np.unique for EPR;
// np.mean(|p − t|) for MAE). Frames with a NaN on either side are dropped first.
const N = NaN
const cases: [string, number[], number[], { VOC: number; KT: number; CCC: number; EPR: number; MAE: number }][] = [
  ['perfect', [0, 25, 50, 75, 100], [0, 25, 50, 75, 100],
    { VOC: 0.9999999999999999, KT: 1, CCC: 0.9999999999959999, EPR: 3.321928094887362, MAE: 0 }],
  ['reversed', [100, 75, 50, 25, 0], [0, 25, 50, 75, 100],
    { VOC: -0.9999999999999999, KT: -1, CCC: -0.9999999999959999, EPR: 3.321928094887362, MAE: 60 }],
  ['noisy', [5, 3, 18, 35, 33, 52, 61, 58, 85, 90, 97], [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
    { VOC: 0.9727272727272729, KT: 0.8909090909090909, CCC: 0.984769265737289, EPR: 4.321928094887363, MAE: 4.454545454545454 }],
  // Tied targets keep frame order (stable sort): the order by target is [10, 5, 40, 60, 90].
  ['tied targets, stable order', [40, 10, 90, 5, 60], [50, 0, 100, 0, 50],
    { VOC: 0.8999999999999998, KT: 0.8, CCC: 0.9646569646529537, EPR: 3.321928094887362, MAE: 9 }],
  ['step prediction (ties in the τ-a denominator)', [0, 0, 50, 50, 100, 100], [0, 20, 40, 60, 80, 100],
    { VOC: 0.956182887467515, KT: 0.8, CCC: 0.9411764705849134, EPR: 2.584962500721156, MAE: 10 }],
  ['constant prediction', [30, 30, 30], [0, 50, 100], { VOC: 0, KT: 0, CCC: 0, EPR: 1, MAE: 40 }],
  // VOC orders a constant target by frame order, so a rising prediction still scores 1.
  ['constant target', [90, 95, 100], [100, 100, 100], { VOC: 1, KT: 0, CCC: 0, EPR: 2, MAE: 5 }],
  ['two samples', [20, 10], [0, 100], { VOC: -0.9999999999999999, KT: -1, CCC: -0.13333333333297775, EPR: 1, MAE: 55 }],
  ['out of range (CCC/EPR clip, MAE does not)', [-10, 50, 120], [0, 50, 100],
    { VOC: 1, KT: 1, CCC: 0.9999999999970002, EPR: 2.584962500721156, MAE: 10 }],
  ['NaN dropped', [10, N, 30, 40], [0, 33, 66, 100], { VOC: 1, KT: 1, CCC: 0.38341286819012227, EPR: 2.584962500721156, MAE: 35.333333333333336 }],
  ['offset by 10', [10, 30, 50, 70, 90], [0, 20, 40, 60, 80], { VOC: 0.9999999999999999, KT: 1, CCC: 0.9411764705826992, EPR: 3.321928094887362, MAE: 10 }],
]

// 200 frames with many ties: t_i = 5·floor(21i/200), p_i = t_i + (37i mod 31) − 15 (same formula in Python).
const bigT = Array.from({ length: 200 }, (_, i) => 5 * Math.floor((i * 21) / 200))
const bigP = bigT.map((t, i) => t + ((i * 37) % 31) - 15)
cases.push(['200 frames with ties', bigP, bigT,
  { VOC: 0.9604387767228102, KT: 0.8189949748743719, CCC: 0.9609557759413416, EPR: 6.977279923499917, MAE: 7.745 }])

describe('per-episode progress metrics (ProcVLM definitions)', () => {
  it.each(cases)('%s', (_name, pred, target, want) => {
    expect(voc(pred, target)).toBeCloseTo(want.VOC, 12)
    expect(kt(pred, target)).toBeCloseTo(want.KT, 12)
    expect(ccc(pred, target)).toBeCloseTo(want.CCC, 12)
    expect(epr(pred)).toBeCloseTo(want.EPR, 12)
    expect(mae(pred, target)).toBeCloseTo(want.MAE, 12)
  })

  it('uses a stable sort for VOC (an unstable order of tied targets would give another value)', () => {
    // Targets all tied: the order is the frame order, so a rising prediction scores 1 and a falling one -1.
    expect(voc([1, 2, 3, 4], [50, 50, 50, 50])).toBeCloseTo(1, 12)
    expect(voc([4, 3, 2, 1], [50, 50, 50, 50])).toBeCloseTo(-1, 12)
  })

  it.each([
    ['empty', [], []],
    ['one frame', [10], [10]],
    ['one finite pair', [10, N], [10, 20]],
  ])('leaves an episode with < 2 frames out: %s', (_name, pred, target) => {
    expect(voc(pred, target)).toBeUndefined()
    expect(kt(pred, target)).toBeUndefined()
    expect(ccc(pred, target)).toBeUndefined()
  })

  // procvlm-formats.md §6.2: 5 well-spread values → 3.32, 6 → 3.58, a constant curve → 1.0.
  it.each([
    ['5 well-spread values', [10, 30, 50, 70, 90], Math.log2(10)],
    ['6 well-spread values', [5, 20, 40, 55, 75, 95], Math.log2(12)],
    ['constant', [42, 42, 42, 42], 1],
    ['two extremes', [0, 100], 2],
    ['out of range clips to the extremes', [-20, 150], 2],
  ])('EPR@50: %s', (_name, pred, want) => {
    expect(epr(pred)).toBeCloseTo(want, 12)
  })

  it('EPR rounds like the doc: 3.32 and 3.58', () => {
    expect(epr([10, 30, 50, 70, 90])?.toFixed(2)).toBe('3.32')
    expect(epr([5, 20, 40, 55, 75, 95])?.toFixed(2)).toBe('3.58')
  })

  it('EPR with fewer than 2 finite predictions is undefined; options change τ and the finest δ', () => {
    expect(epr([50, N])).toBeUndefined()
    expect(epr([0, 100], { kMax: 1 })).toBe(0)
    expect(epr([10, 30, 50, 70, 90], { tau: 0.25 })).toBeCloseTo(Math.log2(20), 12)
    expect(epr([0, 100], { tau: 3 })).toBeUndefined()
  })

  it.each([
    ['rising', [0, 10, 20, 30], 0, 0],
    ['two drops', [0, 30, 20, 40, 39, 50], 0, 2],
    ['drop within tolerance', [0, 30, 29, 40], 1, 0],
    ['drop beyond tolerance', [0, 30, 28, 40], 1, 1],
    ['NaN skipped: compared with the last finite value', [50, N, 40], 0, 1],
    ['flat is not a drop', [10, 10, 10], 0, 0],
  ])('monotonicity violations: %s', (_name, pred, tolerance, want) => {
    expect(monotonicityViolations(pred, { tolerance })).toBe(want)
  })
})
