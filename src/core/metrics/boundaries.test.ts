import { describe, expect, it } from 'vitest'
import { aggregateBoundaries, extractBoundaries, scoreSegmentationSample } from './boundaries'

const S = (...pairs: [number, number][]): { start_frame: number; end_frame: number }[] =>
  pairs.map(([start_frame, end_frame]) => ({ start_frame, end_frame }))

// Expected counts: /usr/bin/python3 re-implementing eval_action_segmentation (sorted set of per-segment
// min/max of numeric values, δ = 5% of the GT span, scipy.optimize.linear_sum_assignment on |gt − pred|).
const cases: [string, unknown, unknown, { tp: number; fp: number; fn: number; err: number; f1: number; delta?: number }][] = [
  // Two optimal assignments cost 2; SciPy's choice ({0, 0, 2, 0}) leaves one pair outside δ = 1.
  ['tie in the assignment (SciPy\'s choice)', S([0, 9], [10, 20]), S([0, 10], [11, 20]), { tp: 3, fp: 1, fn: 1, err: 0, f1: 0.75, delta: 1 }],
  ['exact', S([0, 10], [11, 20]), S([0, 10], [11, 20]), { tp: 4, fp: 0, fn: 0, err: 0, f1: 1, delta: 1 }],
  ['nonzero matched errors', S([1, 10], [12, 19]), S([0, 10], [11, 20]), { tp: 4, fp: 0, fn: 0, err: 3, f1: 1, delta: 1 }],
  ['an extra numeric key widens the segment', [{ id: 1, start: 5, end: 15 }], [{ start: 0, end: 15 }], { tp: 1, fp: 1, fn: 1, err: 0, f1: 0.5, delta: 0.75 }],
  ['a boolean counts as 0/1', [{ a: true, b: 8 }], [{ a: 1, b: 8 }], { tp: 2, fp: 0, fn: 0, err: 0, f1: 1, delta: 0.35000000000000003 }],
  ['zero GT span uses the prediction span', [{ s: 0, e: 40 }], [{ s: 5, e: 5 }], { tp: 0, fp: 2, fn: 1, err: 0, f1: 0, delta: 2 }],
  ['prediction not a list scores nothing at all', { s: 0 }, S([0, 10]), { tp: 0, fp: 0, fn: 0, err: 0, f1: 0 }],
  ['no boundary on either side', [], [], { tp: 0, fp: 0, fn: 0, err: 0, f1: 1 }],
  ['empty prediction', [], S([0, 10], [11, 20]), { tp: 0, fp: 0, fn: 4, err: 0, f1: 0 }],
  ['empty GT', S([0, 10]), [], { tp: 0, fp: 2, fn: 0, err: 0, f1: 0 }],
  ['more GT than predicted boundaries', S([2, 48], [52, 99]), S([0, 3], [4, 30], [31, 33], [34, 100]), { tp: 2, fp: 2, fn: 6, err: 2, f1: 1 / 3, delta: 5 }],
]

describe('BF1@5 / mMAE', () => {
  it.each(cases)('%s', (_name, pred, gt, want) => {
    const s = scoreSegmentationSample(pred, gt)
    expect({ tp: s.tp, fp: s.fp, fn: s.fn }).toEqual({ tp: want.tp, fp: want.fp, fn: want.fn })
    expect(s.matchedErrorSum).toBeCloseTo(want.err, 12)
    expect(s.f1).toBeCloseTo(want.f1, 12)
    if (want.delta !== undefined) expect(s.delta).toBeCloseTo(want.delta, 15)
  })

  it('micro-aggregates over samples: 2ΣTP / (2ΣTP + ΣFP + ΣFN), Σerror / ΣTP', () => {
    // Python: over all the samples above, BF1 = 0.6037735849056604, mMAE = 0.3125.
    const agg = aggregateBoundaries(cases.map(([, pred, gt]) => scoreSegmentationSample(pred, gt)))
    expect(agg?.['BF1@5']).toBeCloseTo(0.6037735849056604, 14)
    expect(agg?.mMAE).toBeCloseTo(0.3125, 14)
  })

  it('is undefined when no sample has any boundary (ProcVLM omits both keys)', () => {
    expect(aggregateBoundaries([scoreSegmentationSample([], [])])).toBeUndefined()
    expect(aggregateBoundaries([])).toBeUndefined()
  })

  it('collapses shared boundaries and ignores non-objects and segments with < 2 numbers', () => {
    expect(extractBoundaries([{ s: 0, e: 10 }, { s: 10, e: 20 }, 'x', null, { s: 3, label: 'a' }, [1, 2]])).toEqual([0, 10, 20])
  })

  it('sigma scales the tolerance', () => {
    expect(scoreSegmentationSample(S([0, 9], [10, 20]), S([0, 10], [11, 20]), 10).tp).toBe(4)
  })
})
