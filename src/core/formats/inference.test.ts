import { describe, expect, it } from 'vitest'
import { ProblemLog } from '../problems'
import { extractProgressTag, extractProgressValue, parseInferenceJsonl } from './inference'

const line = (o: Record<string, unknown>): string => JSON.stringify({ video_path: '/d/fold.mp4', task: 'fold', ...o })

describe('extractProgressValue (compute_metrics.py rules)', () => {
  // Expected: Python re-implementation of extract_progress_value (same regexes).
  it.each([
    ['<progress>37.50%</progress>', 37.5],
    ['<progress>0.5</progress>', 50],
    ['<progress>1</progress>', 100],
    ['<progress>-5</progress>', -500],
    ['The answer is 0.42 overall', 42],
    ['<progress>none</progress> but 73.1% later', 73.1],
    ['no number', undefined],
    ['<PROGRESS>\n 12.5 %</progress>', 12.5],
    ['<progress>.5%</progress>', 0.5],
    ['<progress>+3</progress>', 3],
    ['7 steps, <progress>55%</progress>', 55],
    ['<progress>100%</progress>', 100],
    ['1.5.3', 1.5],
  ])('%j → %s', (text, want) => {
    const got = extractProgressValue(text)
    if (want === undefined) expect(got).toBeUndefined()
    else expect(got).toBeCloseTo(want, 12)
  })
})

describe('extractProgressTag (inference.py / RLInf rules)', () => {
  it.each([
    ['Therefore, the estimated progress is <progress>31.5%</progress>.', 31.5],
    ['<progress> 12 % </progress>', 12],
    ['<Progress>0.5</Progress>', 0.5],
    ['<progress>140%</progress>', 100],
    ['<progress>-3</progress>', 0],
    ['<progress>about 40%</progress>', undefined],
    ['<progress>40%', undefined],
    ['<progress>1e2</progress>', undefined],
  ])('%j → %s', (text, want) => {
    expect(extractProgressTag(text)).toBe(want)
  })
})

describe('parseInferenceJsonl', () => {
  it('reads a clean file', () => {
    const text = [
      line({ sample_index: 0, frame_index: 0, timestamp_sec: 0, progress: 0, parsed_progress: 0, progress_source: 'model', reasoning: 'r0', model_output: '…' }),
      line({ sample_index: 1, frame_index: 29, timestamp_sec: 0.97, progress: 12.5, parsed_progress: 12.5, progress_source: 'model', reasoning: 'r1' }),
    ].join('\n')
    const log = new ProblemLog({ file: 'p.jsonl' })
    const file = parseInferenceJsonl(text, log)
    expect(log.problems).toEqual([])
    expect(file.videoPath).toBe('/d/fold.mp4')
    expect(file.task).toBe('fold')
    expect(file.frames).toEqual([
      { frameIndex: 0, progress: 0, source: 'model', reasoning: 'r0', sampleIndex: 0, timestampSec: 0, line: 1 },
      { frameIndex: 29, progress: 12.5, source: 'model', reasoning: 'r1', sampleIndex: 1, timestampSec: 0.97, line: 2 },
    ])
  })

  it('handles messy lines like ProcVLM would and reports each', () => {
    const text = [
      line({ frame_index: 0, progress: 10, parsed_progress: 10, progress_source: 'model' }),
      '{"frame_index": 5, "progress": NaN, "parsed_progress": null, "model_output": "no tag here"}',
      line({ frame_index: 10, parsed_progress: 30 }),
      line({ frame_index: 15, progress: null, model_output: 'so <progress>45%</progress>.' }),
      line({ frame_index: 20, progress: 40, parsed_progress: null, progress_source: 'previous', extra: { a: 1 } }),
      line({ window_frame_indices: [10, 15, 20, 25], progress: 50 }),
      line({ frame_index: -1, progress: 50 }),
      'not json',
      line({ frame_index: 30, progress: 130, progress_source: 'guess' }),
      '[1, 2]',
    ].join('\n')
    const log = new ProblemLog({ file: 'p.jsonl' })
    const file = parseInferenceJsonl(text, log)
    expect(file.frames.map((f) => [f.frameIndex, f.progress, f.source])).toEqual([
      [0, 10, 'model'],
      [5, 10, 'previous'],
      [10, 30, 'model'],
      [15, 45, 'model'],
      [20, 40, 'previous'],
      [25, 50, 'model'],
      [30, 100, 'model'],
    ])
    expect(log.problems.map((p) => [p.line, p.kind])).toEqual([
      [2, 'non-finite-number'],
      [8, 'malformed-json'],
      [2, 'missing-progress'],
      [3, 'missing-progress'],
      [4, 'missing-progress'],
      [6, 'frame-index-from-window'],
      [7, 'bad-frame-index'],
      [9, 'bad-progress-source'],
      [9, 'progress-out-of-range'],
      [10, 'bad-inference-line'],
    ])
  })

  it('starts the "previous" fallback at 0', () => {
    const file = parseInferenceJsonl(line({ frame_index: 0 }), new ProblemLog())
    expect(file.frames[0]).toMatchObject({ progress: 0, source: 'previous' })
  })

  it('keeps the raw output of a sample that did not parse, and only of such samples', () => {
    const file = parseInferenceJsonl([
      line({ frame_index: 0, progress: 10, model_output: 'fine <progress>10%</progress>' }),
      line({ frame_index: 5, progress: 10, parsed_progress: null, progress_source: 'previous', model_output: 'I cannot tell' }),
    ].join('\n'), new ProblemLog())
    expect(file.frames.map((f) => f.failedOutput)).toEqual([undefined, 'I cannot tell'])
  })

  it('sorts frames out of order, keeps the first of a duplicate, warns on mixed videos', () => {
    const text = [
      line({ frame_index: 20, progress: 20 }),
      line({ frame_index: 10, progress: 10 }),
      line({ frame_index: 10, progress: 99 }),
      JSON.stringify({ video_path: '/d/other.mp4', frame_index: 30, progress: 30 }),
    ].join('\n')
    const log = new ProblemLog()
    const file = parseInferenceJsonl(text, log)
    expect(file.frames.map((f) => [f.frameIndex, f.progress])).toEqual([[10, 10], [20, 20], [30, 30]])
    expect(log.problems.map((p) => p.kind)).toEqual(['duplicate-frame', 'multiple-videos', 'frames-out-of-order'])
  })

  it('reports an empty file', () => {
    const log = new ProblemLog()
    expect(parseInferenceJsonl('\n', log).frames).toEqual([])
    expect(log.problems.map((p) => [p.severity, p.kind])).toEqual([['error', 'no-frames']])
  })
})
