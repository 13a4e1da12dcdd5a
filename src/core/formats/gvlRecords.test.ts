import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { kt, voc } from '../metrics/progressMetrics'
import { ProblemLog } from '../problems'
import { extractFramePercentages, parseGvlRecords } from './gvlRecords'

const dir = new URL('../../../../shared/datasets/opengvl-predictions/results/', import.meta.url)
const file = new URL('gemma3-12b-2shot-toto_20250720_211004_results.jsonl', dir)

describe('GVL records', () => {
  it.each([
    ['Frame 1: 15.0% - start\nFrame 2: 45% - grasp', [[1, 15], [2, 45]]],
    ['**Frame 3:** 25%\n**Frame 4**: 30 %', [[3, 25], [4, 30]]],
    ['Frame 1: 10%\nFrame 1: 90%', [[1, 10]]],
    ['Frame 1: The robot … Task Completion: 15%', []],
    ['Frame 2: 1.2.3%', []],
  ])('extractFramePercentages(%j)', (text, want) => {
    expect([...extractFramePercentages(text)]).toEqual(want)
  })

  it('pairs the k-th shown frame with ground_truth_completion[k] and its source frame', () => {
    const record = {
      eval_episode: { episode_index: 4, instruction: 'pour', original_frames_indices: [30, 10, 20], shuffled_frames_indices: [2, 0, 1], ground_truth_completion: [66, 100, 33] },
      model_response: 'Frame 1: 60%\nFrame 3: 40%\nFrame 9: 1%',
    }
    const log = new ProblemLog()
    const [r] = parseGvlRecords(JSON.stringify(record), log)
    expect(r).toEqual({ line: 1, episodeIndex: 4, instruction: 'pour', frames: [
      { shownIndex: 0, frameIndex: 20, target: 66, predicted: 60 },
      { shownIndex: 1, frameIndex: 30, target: 100 },
      { shownIndex: 2, frameIndex: 10, target: 33, predicted: 40 },
    ] })
    expect(log.problems.map((p) => p.kind)).toEqual(['gvl-frame-out-of-range', 'gvl-missing-predictions'])
  })

  it('skips records without ground truth', () => {
    const log = new ProblemLog()
    expect(parseGvlRecords('{"eval_episode": {}}\n{"x": 1}', log)).toEqual([])
    expect(log.problems.map((p) => p.kind)).toEqual(['bad-gvl-record', 'bad-gvl-record'])
  })
})

describe.skipIf(!existsSync(file))('GVL records: real OpenGVL file (Gemma-3-12B on toto)', () => {
  const records = existsSync(file) ? parseGvlRecords(readFileSync(file, 'utf8'), new ProblemLog()) : []

  it('reads all 32 records with 20 frames each', () => {
    expect(records).toHaveLength(32)
    for (const r of records) expect(r.frames).toHaveLength(20)
  })

  it('targets rise with the source frame index (the shown-order pairing is right)', () => {
    // Python: Spearman(original_frames_indices[shuffled[k]], ground_truth_completion[k]) is 1.0 in 30 of 32
    // records (the others have truncation ties); the naive pairing original_frames_indices[k] is not.
    let rising = 0
    for (const r of records) {
      const idx = r.frames.map((f) => f.frameIndex ?? NaN)
      const tgt = r.frames.map((f) => f.target)
      // VOC with the frame index as the ordering key is Spearman(frame index, target).
      if ((voc(tgt, idx) ?? 0) > 0.999) rising++
    }
    expect(rising).toBeGreaterThanOrEqual(30)
  })

  it('computes VOC and KT per record without errors, matching Python', () => {
    const vocs: number[] = []
    const kts: number[] = []
    for (const r of records) {
      const pred = r.frames.map((f) => f.predicted ?? NaN)
      const target = r.frames.map((f) => f.target)
      const v = voc(pred, target)
      const k = kt(pred, target)
      if (v === undefined || k === undefined) continue
      expect(v).toBeGreaterThanOrEqual(-1)
      expect(v).toBeLessThanOrEqual(1)
      vocs.push(v)
      kts.push(k)
    }
    // Python (regex of SOURCE.md, first mention per frame, the compute_metrics.py definitions):
    // 29 records scored, mean VOC 0.02258019601859196, mean KT 0.011978221415607983,
    // first record VOC 0.019548872180451125, KT 0.005263157894736842.
    expect(vocs).toHaveLength(29)
    expect(vocs[0]).toBeCloseTo(0.019548872180451125, 12)
    expect(kts[0]).toBeCloseTo(0.005263157894736842, 12)
    expect(vocs.reduce((s, x) => s + x, 0) / vocs.length).toBeCloseTo(0.02258019601859196, 12)
    expect(kts.reduce((s, x) => s + x, 0) / kts.length).toBeCloseTo(0.011978221415607983, 12)
  })
})
