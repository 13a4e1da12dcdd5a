import { describe, expect, it } from 'vitest'
import { parseInferenceJsonl } from '../formats/inference'
import { parsePredictions } from '../formats/predictions'
import { ProblemLog } from '../problems'
import { parseProcvlmAnswer, procvlmLine, procvlmPrompt, procvlmRequest, reasoningOf } from './procvlm'

const TASK = 'fold the red T-shirt'
const ANSWER = 'The following actions are required: \n1. Fold the left sleeve.\n2. Fold in half.\nTherefore, the estimated progress is <progress>31.5%</progress>.'

describe('procvlm protocol', () => {
  it('asks procedural_c with the task, verbatim', () => {
    expect(procvlmPrompt(TASK)).toBe('Given the recent observation and the task "fold the red T-shirt", first infer the remaining atomic actions required to complete the task. Then estimate the current completion percentage and output it as a float wrapped by <progress> tags.')
  })

  it('sends the window\'s images first, oldest first, then the prompt; no placeholders', () => {
    const req = procvlmRequest('procvlm-7b', TASK, ['AAAA', 'BBBB'], 4096)
    const content = req.messages[0]!.content
    expect(content.map((p) => p.type)).toEqual(['image_url', 'image_url', 'text'])
    expect(content[0]).toEqual({ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,AAAA' } })
    expect(content[1]).toEqual({ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,BBBB' } })
    expect(content[2]).toEqual({ type: 'text', text: procvlmPrompt(TASK) })
    expect(req).toMatchObject({ model: 'procvlm-7b', temperature: 0, max_tokens: 4096 })
  })

  it.each<[string, string, number, Partial<ReturnType<typeof parseProcvlmAnswer>>]>([
    ['a tagged answer', ANSWER, 0, { progress: 31.5, parsedProgress: 31.5, progressSource: 'model' }],
    ['no percent sign', 'x <progress> 40 </progress>', 10, { progress: 40, parsedProgress: 40, progressSource: 'model' }],
    ['over 100: clipped, the raw parse kept', '<progress>120%</progress>', 10, { progress: 100, parsedProgress: 120, progressSource: 'model' }],
    ['no tag: the previous value, and says so', 'I think about 50%.', 22, { progress: 22, parsedProgress: null, progressSource: 'previous' }],
    ['an empty tag', '<progress>%</progress>', 7, { progress: 7, parsedProgress: null, progressSource: 'previous' }],
    ['a bare fraction is not rescaled', '<progress>0.5</progress>', 0, { progress: 0.5, parsedProgress: 0.5 }],
  ])('parses %s', (_name, text, previous, expected) => {
    expect(parseProcvlmAnswer(text, previous)).toMatchObject(expected)
  })

  it.each<[string, string]>([
    [ANSWER, 'The following actions are required: \n1. Fold the left sleeve.\n2. Fold in half.'],
    ['Two steps left. The progress is <progress>50%</progress>. Keep going.', 'Two steps left.  Keep going.'],
    ['So we are done.\n<progress>100%</progress>', ''],
    ['no tag at all', 'no tag at all'],
  ])('reasoning of %j', (output, reasoning) => {
    expect(reasoningOf(output)).toBe(reasoning)
  })

  it('writes ProcVLM\'s fields in ProcVLM\'s order, then the run\'s metadata, and both readers load it without a word', () => {
    const frames = [[0, 'The following actions are required: \n1. A\nTherefore, the estimated progress is <progress>10%</progress>.'], [29, 'garbled'], [58, '<progress>60%</progress>']] as const
    let previous = 0
    const lines = frames.map(([frameIndex, output], i) => {
      const answer = parseProcvlmAnswer(output, previous)
      previous = answer.progress
      return procvlmLine({ videoPath: 'videos/ep.mp4', task: TASK, sampleIndex: i, frameIndex, fps: 30, window: [0, 0, frameIndex] }, output, answer, { model: 'm', protocol: 'procvlm', episode: 'episode_000000' })
    })
    expect(Object.keys(lines[0]!)).toEqual(['video_path', 'task', 'sample_index', 'frame_index', 'timestamp_sec', 'window_frame_indices', 'progress', 'parsed_progress', 'progress_source', 'reasoning', 'model_output', 'model', 'protocol', 'episode'])
    expect(lines[1]).toMatchObject({ progress: 10, parsed_progress: null, progress_source: 'previous', model_output: 'garbled' })
    const text = lines.map((l) => `${JSON.stringify(l)}\n`).join('')
    const log = new ProblemLog()
    const file = parseInferenceJsonl(text, log)
    expect(log.problems).toEqual([])
    expect(file.task).toBe(TASK)
    expect(file.frames.map((f) => [f.frameIndex, f.progress, f.source])).toEqual([[0, 10, 'model'], [29, 10, 'previous'], [58, 60, 'model']])
    const generic = parsePredictions(text, log, { scale: 'percent' })
    expect(log.problems).toEqual([])
    expect(generic.series[0]!.frames.map((f) => f.progress)).toEqual([10, 10, 60])
  })
})
