import { describe, expect, it } from 'vitest'
import { readPartialOutput, runMismatch } from './resume'

describe('resume', () => {
  it('keeps complete object lines and drops a cut-off tail', () => {
    const r = readPartialOutput('{"frame_index":0}\n{"frame_index":5}\n{"frame_ind')
    expect(r.kept).toBe('{"frame_index":0}\n{"frame_index":5}\n')
    expect(r.records).toEqual([{ frame_index: 0 }, { frame_index: 5 }])
    expect(r.dropped).toBe(1)
  })

  it.each<[string, string, number]>([
    ['empty', '', 0],
    ['blank lines', '\n\n', 0],
    ['a broken middle line and an array', '{"a":1}\nnot json\n[1]\n', 2],
  ])('%s', (_name, text, dropped) => {
    expect(readPartialOutput(text).dropped).toBe(dropped)
  })

  it('a run continues a file only with the same model, protocol, prompt and sampling', () => {
    const meta = { model: 'm', protocol: 'gvl', prompt: 'p', sampling: { stride: 5 }, seed: 0, camera: 'top', episode: 'x' }
    expect(runMismatch({ ...meta, episode: 'y' }, meta)).toBeUndefined()
    expect(runMismatch({ ...meta, sampling: { stride: 6 } }, meta)).toBe('sampling')
    expect(runMismatch({ ...meta, model: 'n' }, meta)).toBe('model')
  })
})
