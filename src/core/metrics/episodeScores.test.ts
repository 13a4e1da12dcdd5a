import { describe, expect, it } from 'vitest'
import type { Outcome } from '../annotation'
import { episodeScores, outcomeFinalProgress } from './episodeScores'
import { pairByFrame } from './pairByFrame'

const samples = (values: readonly (readonly [number, number])[]) => values.map(([frame, progress]) => ({ frame, progress }))
const done: Outcome = { kind: 'done' }

describe('pairByFrame', () => {
  it('keeps the shared frames in ascending order, the last of a repeated frame, and counts the rest', () => {
    expect(pairByFrame([[4, 1], [0, 2], [9, 3], [4, 5]], [[0, 10], [2, 20], [4, 40]])).toEqual({ frames: [0, 4], pred: [2, 5], target: [10, 40], onlyPred: 1, onlyTarget: 1 })
  })
})

describe('outcomeFinalProgress', () => {
  it.each<[Outcome, number]>([[done, 100], [{ kind: 'not-done', cutoff: 0.8 }, 80], [{ kind: 'failed' }, 0]])('%j ends at %d', (outcome, end) => {
    expect(outcomeFinalProgress(outcome)).toBeCloseTo(end, 12)
  })
})

describe('episodeScores', () => {
  // docs/metrics.md's running example: target 0, 25, 50, 75, 100; prediction 10, 20, 20, 60, 90.
  const target = [0, 0.25, 0.5, 0.75, 1]
  const running = samples([[0, 10], [1, 20], [2, 20], [3, 60], [4, 90]])

  it('gives the running example its documented scores, worst frame and final error', () => {
    const s = episodeScores(running, target, done)
    expect(s?.VOC).toBeCloseTo(0.9747, 4)
    expect(s?.KT).toBeCloseTo(0.9, 12)
    expect(s?.CCC).toBeCloseTo(0.8811, 4)
    expect(s?.['EPR@50']).toBe(3)
    expect(s?.MAE).toBeCloseTo(14, 12)
    expect(s?.monotonicityViolations).toBe(0)
    expect(s?.frames).toBe(5)
    // Errors per frame are 10, 5, 30, 15, 10.
    expect([s?.worstFrame, s?.worstError]).toEqual([2, 30])
    expect([s?.finalPrediction, s?.finalTarget, s?.finalError]).toEqual([90, 100, 10])
  })

  it.each<[Outcome, number]>([[{ kind: 'not-done', cutoff: 0.8 }, 10], [{ kind: 'failed' }, 90]])('measures the final error against the outcome %j', (outcome, error) => {
    expect(episodeScores(running, target, outcome)?.finalError).toBeCloseTo(error, 12)
  })

  // Samples at frames 0, 4, 8 of a 9-frame target rising by 1/8 a frame (0, 50, 100 there); frame 20 is past the end.
  const sparseTarget = Array.from({ length: 9 }, (_, f) => f / 8)
  const sparse = samples([[0, 0], [4, 70], [8, 60], [20, 100]])

  it('pairs the samples with the target at their frames and ignores samples outside the episode', () => {
    const s = episodeScores(sparse, sparseTarget, done)
    // Pairs (0, 0), (70, 50), (60, 100): errors 0, 20, 40; one pair of three discordant.
    expect(s?.frames).toBe(3)
    expect(s?.MAE).toBeCloseTo(20, 12)
    expect(s?.KT).toBeCloseTo(1 / 3, 12)
    expect([s?.worstFrame, s?.worstError]).toEqual([8, 40])
    expect(s?.finalError).toBe(40)
    // 70 → 60 is a drop of 10: it counts with no tolerance, not with a tolerance of 10 (only larger drops count).
    expect(s?.monotonicityViolations).toBe(1)
    expect(episodeScores(sparse, sparseTarget, done, { monotonicityTolerance: 10 })?.monotonicityViolations).toBe(0)
  })

  it('skips frames without a finite value, and gives the earliest frame of equal errors', () => {
    const s = episodeScores(samples([[0, 20], [1, NaN], [2, 70], [3, 30]]), [0, 0.5, 0.5, 0.5], done)
    // Scored: (20, 0), (70, 50), (30, 50): errors 20, 20, 20; the last scored prediction is 30.
    expect(s?.frames).toBe(3)
    expect([s?.worstFrame, s?.worstError]).toEqual([0, 20])
    expect(s?.finalPrediction).toBe(30)
  })

  it('leaves out a curve with fewer than 2 scorable frames', () => {
    expect(episodeScores(samples([[3, 50]]), target, done)).toBeUndefined()
    expect(episodeScores(samples([[7, 50], [8, 60]]), target, done)).toBeUndefined()
  })
})
