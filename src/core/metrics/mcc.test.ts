import { describe, expect, it } from 'vitest'
import { doneConfusion, mcc, mccFromConfusion } from './mcc'

const P = (pairs: [number, number][]): { pred: number; target: number }[] => pairs.map(([pred, target]) => ({ pred, target }))

describe('MCC@95', () => {
  // Expected: Python (TP·TN − FP·FN) / np.sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN) + 1e-8) with Python ints.
  it.each([
    ['mixed (TP 2, TN 2, FP 1, FN 1; 95 itself is done)', [[96, 100], [50, 20], [99, 90], [10, 30], [95, 95], [94.9, 100]], 0.3333333333127572],
    ['nothing done anywhere → 0, not NaN', [[10, 20], [30, 40]], 0],
    ['perfect', [[100, 100], [0, 0], [96, 99], [3, 4]], 0.9999999996875],
    ['empty', [], 0],
  ] as [string, [number, number][], number][])('%s', (_name, pairs, want) => {
    expect(mcc(P(pairs))).toBeCloseTo(want, 14)
  })

  it('counts exactly with large numbers (Python ints): 30000/30000/5000/7000', () => {
    expect(mccFromConfusion({ tp: 30000, tn: 30000, fp: 5000, fn: 7000 })).toBeCloseTo(0.667953667953668, 14)
  })

  it('skips non-finite pairs and honours the threshold', () => {
    expect(doneConfusion(P([[NaN, 100], [96, Infinity], [80, 90]]))).toEqual({ tp: 0, tn: 1, fp: 0, fn: 0 })
    expect(doneConfusion(P([[80, 90]]), 80)).toEqual({ tp: 1, tn: 0, fp: 0, fn: 0 })
  })
})
