import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  cumulativeProgress,
  formatProgressAnswer,
  isFinished,
  procvlmIncrements,
  procvlmProgress,
  procvlmSpans,
  runsOf,
} from './progress'

const rep = <T,>(x: T, n: number): T[] => Array.from({ length: n }, () => x)

function expectClose(actual: ArrayLike<number>, expected: readonly number[], tol: number): void {
  expect(actual.length).toBe(expected.length)
  expected.forEach((e, i) => {
    if (Math.abs(actual[i]! - e) > tol) throw new Error(`frame ${i}: got ${actual[i]}, expected ${e} (±${tol})`)
  })
}

// procvlm-formats.md §3.3. The doc prints 6 decimals; the exact fractions behind them are checked to 1e-9.
const CASE1 = {
  labels: ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'done', 'done'],
  similarities: [1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 0.3, 1.0],
}
// d_A = 1.5 - sim = [.5, 1, .75] (sum 2.25), d_B = [1.25, .5] (sum 1.75); dp = w * d / sum; D = 8/7 + 6/7 = 2
const CASE1_DP = [0, 16 / 63, 32 / 63, 24 / 63, 0, 30 / 49, 12 / 49, 0, 0]
const CASE1_P = [0, 0, 8 / 63, 24 / 63, 4 / 7, 4 / 7, 43 / 49, 1, 1]
const CASE3 = {
  labels: [...rep('A', 4), ...rep('B', 5)],
  similarities: [1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 1.0, 1.0],
}

describe('procvlmProgress: procvlm-formats §3.3 vectors', () => {
  it('case 1 increments match the printed dp', () => {
    const dp = procvlmIncrements(procvlmSpans(runsOf(CASE1.labels)), CASE1.similarities, 9)
    expectClose(dp, [0, 0.253968, 0.507937, 0.380952, 0, 0.612245, 0.244898, 0, 0], 5e-7)
    expectClose(dp, CASE1_DP, 1e-12)
  })

  it.each([
    ['case 1 (done tail)', CASE1, 1, CASE1_P, [0, 0, 0.126984, 0.380952, 0.571429, 0.571429, 0.877551, 1.0, 1.0]],
    [
      'case 2 (Not Done tail, cutoff 0.75)',
      { ...CASE1, labels: [...CASE1.labels.slice(0, 7), 'Not Done', 'Not Done'] },
      0.75,
      CASE1_P.map((p) => p * 0.75),
      [0, 0, 0.095238, 0.285714, 0.428571, 0.428571, 0.658163, 0.75, 0.75],
    ],
    [
      'case 3 (no trailing done run)',
      CASE3,
      1,
      [0, 0, 8 / 81, 24 / 81, 36 / 81, 36 / 81, 36 / 81 + (10 / 9) * (1.25 / 2.75) / 2, 36 / 81 + (10 / 9) * (1.75 / 2.75) / 2, 36 / 81 + (10 / 9) * (2.25 / 2.75) / 2],
      [0, 0, 0.098765, 0.296296, 0.444444, 0.444444, 0.69697, 0.79798, 0.89899],
    ],
  ])('%s', (_name, input, cutoff, exact, printed) => {
    const p = procvlmProgress(input).map((x) => x * cutoff)
    expectClose(p, exact, 1e-9)
    expectClose(p, printed, 5e-6)
  })

  it('case 3 with the case-1 similarity 0.3 at pair 7 ends at .919485', () => {
    const p = procvlmProgress({ labels: CASE3.labels, similarities: [1.0, 0.5, 0.75, 0.9, 0.25, 1.0, 0.3, 1.0] })
    expect(p[8]).toBeCloseTo(0.919485, 6)
  })

  it('ignores the similarity of pairs that cross a run boundary', () => {
    const a = procvlmProgress(CASE1)
    const b = procvlmProgress({ labels: CASE1.labels, similarities: [1.0, 0.5, 0.75, 0.0, 0.25, 1.0, 0.0, 0.0] })
    expect([...b]).toEqual([...a])
  })
})

describe('runsOf', () => {
  it.each([
    ['empty', [], []],
    ['one frame', ['A'], [[0, 1, 'A', true]]],
    ['nulls merge, null is invalid', [null, null, 'A'], [[0, 2, null, false], [2, 3, 'A', true]]],
    ['empty label is invalid', ['', 'A'], [[0, 1, '', false], [1, 2, 'A', true]]],
    ['Done. / NOT DONE variants are invalid', ['Done.', 'NOT DONE', 'not done.', 'done'], [[0, 1, 'Done.', false], [1, 2, 'NOT DONE', false], [2, 3, 'not done.', false], [3, 4, 'done', false]]],
    ['"done!" and "Done with cup" are valid labels', ['done!', 'Done with cup'], [[0, 1, 'done!', true], [1, 2, 'Done with cup', true]]],
    ['case and spacing matter for runs', ['Grasp', 'grasp', 'Grasp '], [[0, 1, 'Grasp', true], [1, 2, 'grasp', true], [2, 3, 'Grasp ', true]]],
    ['a repeated label in separate runs is two runs', ['A', 'B', 'A'], [[0, 1, 'A', true], [1, 2, 'B', true], [2, 3, 'A', true]]],
  ] as const)('%s', (_name, labels, expected) => {
    expect(runsOf(labels).map((r) => [r.start, r.end, r.label, r.valid])).toEqual(expected)
  })
})

describe('procvlmProgress: edge cases', () => {
  const sims = (n: number, s = 0.5) => rep(s, Math.max(0, n - 1))

  it.each([
    ['a single frame', ['A']],
    ['all invalid (done, null, empty)', ['done', 'done', null, '', 'Not Done']],
    ['only one-frame runs (D = 0)', ['A', 'B', 'C', 'D']],
    ['one-frame steps between done frames', ['A', 'done', 'B', 'done']],
  ])('%s -> all zeros', (_name, labels) => {
    expect([...procvlmProgress({ labels, similarities: sims(labels.length) })]).toEqual(rep(0, labels.length))
  })

  it('K counts runs, not unique labels: A A B B A A gives three equal budgets', () => {
    const p = procvlmProgress({ labels: ['A', 'A', 'B', 'B', 'A', 'A', 'done'], similarities: sims(7) })
    expectClose(p, [0, 0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1], 1e-12)
  })

  it('a one-frame step adds nothing and the others renormalise', () => {
    // weights: A (3 frames) clip(3*3/5)=1.25 -> .. B (1 frame) 0.75 but r = [0]; D = w_A only
    const p = procvlmProgress({ labels: ['A', 'A', 'A', 'B', 'C', 'done'], similarities: sims(6) })
    // runs A(3) B(1) C(1): T = 5, K = 3; only A carries anything, so A alone goes 0 -> 1
    expectClose(p, [0, 0, 0.5, 1, 1, 1], 1e-12)
  })

  it('weights are clipped to [0.75, 1.25]', () => {
    // A: 2 frames, B: 10 frames. K*L/T = 2*2/12 = .33 -> .75 and 2*10/12 = 1.67 -> 1.25
    const labels = [...rep('A', 2), ...rep('B', 10), 'done']
    const p = procvlmProgress({ labels, similarities: sims(13) })
    expect(p[2]).toBeCloseTo(0.75 / 2, 12) // A's share = .75 / (.75 + 1.25)
  })

  it('invalid runs in the middle stay flat and carry no budget', () => {
    const p = procvlmProgress({ labels: ['A', 'A', null, null, 'B', 'B', 'done'], similarities: sims(7) })
    expectClose(p, [0, 0, 0.5, 0.5, 0.5, 0.5, 1], 1e-12)
  })

  it('the last frame stays below 1 when a step runs to the end', () => {
    const p = procvlmProgress({ labels: ['A', 'A', 'A'], similarities: [1, 0] })
    // d = [0.5, 1.5]: p = [0, 0, .25]
    expectClose(p, [0, 0, 0.25], 1e-12)
  })

  it('treats a missing or NaN similarity as 1.0 and clamps out-of-range ones', () => {
    const labels = ['A', 'A', 'A', 'A', 'done']
    const ref = procvlmProgress({ labels, similarities: [1, 1, 0, 1] })
    expect([...procvlmProgress({ labels, similarities: [Number.NaN, 1, -3] })]).toEqual([...ref])
  })
})

describe('cumulativeProgress', () => {
  it('is exclusive and scales after dividing', () => {
    expect([...cumulativeProgress(new Float64Array([1, 1, 2, 0]), 0.5)]).toEqual([0, 0.125, 0.25, 0.5])
  })
})

describe('formatProgressAnswer', () => {
  it.each([
    [0, '0.00%'],
    [0.375, '37.50%'],
    [0.126984126984127, '12.70%'],
    [2 / 3, '66.67%'],
    [0.07, '7.00%'], // 7.000000000000001
    [0.145, '14.50%'], // 14.499999999999998 still rounds to 14.50 in both languages
    [0.12125, '12.12%'], // exact tie 12.125: Python rounds half to even, JS toFixed would say 12.13
    [0.37625, '37.62%'],
    [0.00125, '0.12%'],
    [0.99999, '100.00%'], // not finished: ProcVLM prints 100.00% here
    [1, '100%'],
    [1.0000001, '100%'],
  ])('%d -> %s', (p, expected) => {
    expect(formatProgressAnswer(p)).toBe(expected)
  })

  it('isFinished is p >= 1', () => {
    expect([isFinished(0.999999), isFinished(1)]).toEqual([false, true])
  })
})

describe('procvlmProgress: properties', () => {
  const label = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('A', 'B', 'C', 'Grasp the cup.') },
    { weight: 2, arbitrary: fc.constantFrom('done', 'Done', 'not done', 'Not Done.', '') },
    { weight: 1, arbitrary: fc.constant(null) },
  )
  const episode = fc.array(fc.tuple(label, fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 12 }).chain((runs) => {
    const labels = runs.flatMap(([l, len]) => rep(l, len))
    return fc.record({
      labels: fc.constant(labels),
      similarities: fc.array(fc.integer({ min: 0, max: 64 }).map((h) => 1 - h / 64), {
        minLength: labels.length - 1,
        maxLength: labels.length - 1,
      }),
    })
  })

  it('is non-decreasing, within [0, 1], starts at 0', () => {
    fc.assert(
      fc.property(episode, (input) => {
        const p = procvlmProgress(input)
        const bad: number[] = []
        for (let i = 0; i < p.length; i++) if (p[i]! < 0 || p[i]! > 1 || (i > 0 && p[i]! < p[i - 1]!)) bad.push(i)
        expect(p[0]).toBe(0)
        expect(bad).toEqual([])
      }),
    )
  })

  it('ends at exactly 1 when a trailing done run follows a step of 2+ frames', () => {
    fc.assert(
      fc.property(episode, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 1, max: 4 }), (input, stepLen, doneLen) => {
        const labels = [...input.labels, ...rep('Z', stepLen), ...rep('done', doneLen)]
        const similarities = [...input.similarities, ...rep(0.5, stepLen + doneLen)]
        const p = procvlmProgress({ labels, similarities })
        expect(p[p.length - 1]).toBe(1)
        expect(p[p.length - doneLen]).toBe(1)
      }),
    )
  })

  it('ends at 1 exactly when some step has 2+ frames and the last frame adds nothing (invalid or a 1-frame run)', () => {
    fc.assert(
      fc.property(episode, ({ labels, similarities }) => {
        const runs = runsOf(labels)
        const last = runs[runs.length - 1]!
        const expected = runs.some((r) => r.valid && r.end - r.start >= 2) && (!last.valid || last.end - last.start === 1)
        expect(procvlmProgress({ labels, similarities })[labels.length - 1] === 1).toBe(expected)
      }),
    )
  })

  it('is flat on invalid frames: p[i+1] = p[i] whenever frame i is invalid', () => {
    fc.assert(
      fc.property(episode, ({ labels, similarities }) => {
        const p = procvlmProgress({ labels, similarities })
        const valid = new Set(runsOf(labels).filter((r) => r.valid).flatMap((r) => Array.from({ length: r.end - r.start }, (_, k) => r.start + k)))
        const moved: number[] = []
        for (let i = 0; i + 1 < labels.length; i++) if (!valid.has(i) && p[i + 1] !== p[i]) moved.push(i)
        expect(moved).toEqual([])
      }),
    )
  })
})
