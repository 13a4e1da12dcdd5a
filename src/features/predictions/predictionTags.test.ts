import { describe, expect, it } from 'vitest'
import { defaultTags } from './predictionTags'

describe('defaultTags', () => {
  it.each<[string, string, string, { model: string; instruction: string }]>([
    ['proclens predict output', 'run.jsonl', '{"model": "qwen2.5-vl-7b", "instruction": "put the cup away", "frame_index": 0}\n', { model: 'qwen2.5-vl-7b', instruction: 'put the cup away' }],
    ['ProcVLM inference: task is the instruction', 'procvlm-2b.jsonl', '\n{"task": "fold the shirt", "frame_index": 0}', { model: 'procvlm-2b', instruction: 'fold the shirt' }],
    ['CSV: the file name', 'gvl_gemini.csv', 'episode,frame_index,progress\n', { model: 'gvl_gemini', instruction: '' }],
    ['a broken first line', 'x.jsonl', '{"model": ', { model: 'x', instruction: '' }],
  ])('%s', (_name, file, text, tags) => expect(defaultTags(file, text)).toEqual(tags))
})
