// The ProcVQA export's files against procvlm-formats.md §4.3: record shape, placeholders, relative paths with
// the episode token in ProcVLM's layout, JSONL bytes, determinism, and the episodes it refuses.
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc } from '../annotation'
import { docOf } from '@/test/docs'
import type { ProcvqaEpisode, ProcvqaInput, ProcvqaRecord } from './procvqa'
import { PROCVQA_FAMILIES, procvqaEpisode, procvqaJsonl, procvqaLayout } from './procvqa'
import { makeRecord, placeholderCount } from './procvqaRecord'

const REASON = 'The cup rests on the plate'
const CAMERA = 'observation.images.image_0'

/** A longer episode: 40 frames of grasping, 50 of placing, a 10-frame done tail; similarities vary. */
function longDoc(overrides: Partial<AnnotationDoc> = {}): AnnotationDoc {
  const doc = docOf([['Grasp the cup.', 40], ['Place the cup onto the plate.', 50], ['tail', 10]], { episode: 'episode_000114' })
  return { ...doc, dataset: 'bridge_orig_lerobot', episodeIndex: 114, provenance: { ...doc.provenance, finishReason: REASON }, ...overrides }
}
const sims = (n: number) => Array.from({ length: n - 1 }, (_, i) => ((i * 37) % 64) / 64)

function run(input: Partial<ProcvqaInput> = {}): ProcvqaEpisode {
  const doc = input.doc ?? longDoc()
  return procvqaEpisode({ doc, similarities: sims(doc.frameCount), camera: CAMERA, seed: 7, ...input })
}

const IMAGE_PATH = /^images\/bridge_orig_lerobot\/observation\.images\.image_0\/episode_000114\/(\d{6})\.jpg$/

describe('records follow §4.3', () => {
  const result = run()

  it('makes records of every family, and no problem', () => {
    expect(result.problems).toEqual([])
    expect(new Set(result.records.map((r) => r.family))).toEqual(new Set(PROCVQA_FAMILIES.filter((f) => f !== 'a2' || result.records.some((r) => r.family === 'a2'))))
    expect(result.records.filter((r) => r.family === 'c').length).toBeGreaterThan(50)
  })

  it('has exactly the keys image, conversations, meta, in that order, and a human then a gpt turn', () => {
    for (const { record } of result.records) {
      expect(Object.keys(record)).toEqual(['image', 'conversations', 'meta'])
      expect(record.conversations.map((t) => Object.keys(t))).toEqual([['from', 'value'], ['from', 'value']])
      expect(record.conversations.map((t) => t.from)).toEqual(['human', 'gpt'])
    }
  })

  it('has one <image> placeholder per image, no <video>, and paths relative to the export root with the episode token', () => {
    for (const { record, frames } of result.records) {
      expect(placeholderCount(record.conversations[0].value)).toBe(record.image.length)
      expect(record.conversations[0].value).not.toContain('<video>')
      expect(record.conversations[1].value).not.toMatch(/<image>|<video>/)
      expect(record.image.map((p) => Number(IMAGE_PATH.exec(p)?.[1]))).toEqual(frames)
    }
  })

  it('carries meta: dataset, episode, frame of the last image, task, its label, family, and where the target came from', () => {
    const c = result.records.find((r) => r.family === 'c' && r.record.meta.frame_index === r.frames.at(-1) && r.frames.length > 1)!
    expect(c.record.meta).toEqual({
      dataset: 'bridge_orig_lerobot', episode: 'episode_000114', episode_index: 114, camera: CAMERA,
      frame_index: c.frames.at(-1), task: 'put the cup on the plate', sub_task: c.frames.at(-1)! < 40 ? 'Grasp the cup.' : c.frames.at(-1)! < 90 ? 'Place the cup onto the plate.' : 'done',
      family: 'c', source: { tool: 'proclens', progress: 'annotator', outcome: 'done', budgets: 'procvlm', seed: 7 },
    })
  })

  it('lists every image once, by frame, at the paths the records use', () => {
    const used = new Set(result.records.flatMap((r) => r.record.image))
    expect(result.images.map((i) => i.path)).toEqual([...used].sort())
    expect(result.images.map((i) => i.frame)).toEqual([...result.images.map((i) => i.frame)].sort((a, b) => a - b))
    for (const { frame, path } of result.images) expect(Number(IMAGE_PATH.exec(path)?.[1])).toBe(frame)
  })

  it('writes one JSONL file per generator in ProcVLM\'s <a|b|c>/<dataset>/<episode>.jsonl layout, a line per record', () => {
    expect(result.files.map((f) => f.path)).toEqual(['a/bridge_orig_lerobot/episode_000114.jsonl', 'b/bridge_orig_lerobot/episode_000114.jsonl', 'c/bridge_orig_lerobot/episode_000114.jsonl'])
    const lines = result.files.flatMap((f) => (f.data as string).split('\n'))
    expect(lines.filter((l) => l === '')).toHaveLength(3) // each file ends with a newline, no blank line inside
    expect(lines.filter((l) => l !== '').map((l) => JSON.parse(l) as ProcvqaRecord)).toEqual(result.records.map((r) => r.record))
  })
})

describe('procvqaJsonl writes what ProcVLM\'s jsonlines writer would', () => {
  it('separators ", " and ": ", non-ASCII as is, \\n escaped inside strings, one line per record', () => {
    const record: ProcvqaRecord = {
      image: ['images/d/cam/episode_000001/000003.jpg'],
      conversations: [{ from: 'human', value: '<image>\nGiven the task "öffnen"' }, { from: 'gpt', value: '1. A\n2. B' }],
      meta: { dataset: 'd', episode: 'episode_000001', episode_index: 1, camera: 'cam', frame_index: 3, task: 'öffnen', sub_task: null, family: 'b2',
        source: { tool: 'proclens', progress: 'annotator', outcome: 'not-done', cutoff: 0.75, budgets: 'procvlm', seed: 1 } },
    }
    const line = '{"image": ["images/d/cam/episode_000001/000003.jpg"], "conversations": [{"from": "human", "value": "<image>\\nGiven the task \\"öffnen\\""}, {"from": "gpt", "value": "1. A\\n2. B"}], ' +
      '"meta": {"dataset": "d", "episode": "episode_000001", "episode_index": 1, "camera": "cam", "frame_index": 3, "task": "öffnen", "sub_task": null, "family": "b2", ' +
      '"source": {"tool": "proclens", "progress": "annotator", "outcome": "not-done", "cutoff": 0.75, "budgets": "procvlm", "seed": 1}}}'
    expect(procvqaJsonl([record, record])).toBe(`${line}\n${line}\n`)
  })
})

describe('procvqaLayout', () => {
  it('gives each generator\'s JSONL and the image folder, relative to the export root', () => {
    expect(procvqaLayout({ dataset: 'ds', camera: 'cam', episode: 'episode_000002' })).toEqual({
      jsonl: { a: 'a/ds/episode_000002.jsonl', b: 'b/ds/episode_000002.jsonl', c: 'c/ds/episode_000002.jsonl' },
      imageDir: 'images/ds/cam/episode_000002',
    })
  })
})

describe('seeded', () => {
  it('same seed, same records and bytes', () => {
    expect(run()).toEqual(run())
  })

  it('another seed draws other frames and windows', () => {
    const frames = (r: ProcvqaEpisode) => r.records.map((x) => x.frames.join(','))
    expect(frames(run({ seed: 8 }))).not.toEqual(frames(run({ seed: 7 })))
  })

  it('an episode\'s records depend on its own dataset and name, not on the other episodes or their order', () => {
    const a = longDoc()
    const b = longDoc({ episode: 'episode_000115', episodeIndex: 115 })
    const forward = [a, b].map((doc) => run({ doc }))
    const backward = [b, a].map((doc) => run({ doc })).reverse()
    expect(backward).toEqual(forward)
    expect(forward[1]!.records.map((x) => x.frames)).not.toEqual(forward[0]!.records.map((x) => x.frames))
  })

  it('choosing families filters records without changing what is drawn', () => {
    const all = run()
    for (const family of PROCVQA_FAMILIES) {
      expect(run({ families: [family] }).records).toEqual(all.records.filter((r) => r.family === family))
    }
    expect(run({ families: ['c'] }).files.map((f) => f.path)).toEqual(['c/bridge_orig_lerobot/episode_000114.jsonl'])
  })
})

describe('episodes and frames it cannot use as they are', () => {
  it('derives episode_XXXXXX for paths when the name lacks the token, and says so', () => {
    const result = run({ doc: longDoc({ episode: 'take 3', episodeIndex: 12 }) })
    expect(result.episode).toBe('episode_000012')
    expect(result.problems).toMatchObject([{ severity: 'warning', kind: 'procvqa-episode-name' }])
    expect(result.records.every((r) => r.record.image.every((p) => p.includes('/episode_000012/')) && r.record.meta.episode === 'take 3')).toBe(true)
    expect(result.files[0]!.path).toBe('a/bridge_orig_lerobot/episode_000012.jsonl')
  })

  it('leaves frames outside the task out of every record and window, and says so', () => {
    const doc = docOf([['outside', 5], ['Grasp the cup.', 30], ['Place the cup onto the plate.', 30], ['tail', 5], ['outside', 8]], { episode: 'episode_000114' })
    const result = run({ doc: { ...doc, dataset: 'bridge_orig_lerobot', provenance: { finishReason: REASON } } })
    expect(result.problems).toMatchObject([{ severity: 'warning', kind: 'procvqa-outside-frames', message: expect.stringMatching(/^13 frame/) as unknown }])
    const frames = result.records.flatMap((r) => r.frames)
    expect(Math.min(...frames)).toBe(5)
    expect(Math.max(...frames)).toBeLessThan(70)
    expect(result.records.some((r) => r.frames[0] === 5 && r.frames.length > 1)).toBe(true)
  })

  const base = longDoc()
  it.each([
    ['a failed episode', { outcome: { kind: 'failed' } }, {}, 'procvqa-failed-episode'],
    ['an unnamed step', { segments: base.segments.map((s, i) => (i === 0 ? { ...s, label: '' } : s)) }, {}, 'procvqa-unnamed-step'],
    ['a step named done', { segments: base.segments.map((s, i) => (i === 1 ? { ...s, label: 'Done' } : s)) }, {}, 'procvqa-unnamed-step'],
    ['no step at all', { segments: [{ ...base.segments[2]!, start: 0 }] }, {}, 'procvqa-no-steps'],
    ['a task text holding <image>', { task: 'look at <image> twice' }, {}, 'procvqa-placeholder-in-task'],
    ['a dataset name that is no folder name', { dataset: '..' }, {}, 'procvqa-path-name'],
    ['a camera name with a slash', {}, { camera: 'front/left' }, 'procvqa-path-name'],
    ['missing similarities', {}, { similarities: [0.5, 0.5] }, 'procvqa-similarities'],
    ['an unsound document', { frameCount: 101 }, {}, 'procvqa-unsound-document'],
  ] as [string, Partial<AnnotationDoc>, Partial<ProcvqaInput>, string][])('refuses %s: no record, no file, an error', (_name, docChange, inputChange, kind) => {
    const result = run({ doc: longDoc(docChange), ...inputChange })
    expect(result.records).toEqual([])
    expect(result.files).toEqual([])
    expect(result.images).toEqual([])
    expect(result.problems).toMatchObject([{ severity: 'error', kind, episode: base.episode }])
  })

  it('reports the frames it skipped, counted by reason', () => {
    const result = run({ doc: longDoc({ provenance: {} }) })
    expect(result.skipped['no-finish-reason']).toBeGreaterThan(0)
    expect(result.problems).toMatchObject([{ severity: 'warning', kind: 'procvqa-skipped-frames', message: expect.stringMatching(new RegExp(`^${result.skipped['no-finish-reason']} picked frame`)) as unknown }])
  })
})

it('makeRecord refuses a question whose placeholders do not match its images', () => {
  const facts = { doc: longDoc(), pathEpisode: 'episode_000114', camera: CAMERA, labels: [], progress: new Float64Array(0), remaining: [], range: { start: 0, end: 100 }, finishReason: undefined,
    source: { tool: 'proclens' as const, progress: 'annotator' as const, outcome: 'done' as const, budgets: 'procvlm' as const, seed: 1 } }
  expect(() => makeRecord(facts, { family: 'c', frames: [1, 2], question: '<image>\nhow far?', answer: 'x' })).toThrow(/1 placeholders for 2 images/)
  expect(() => makeRecord(facts, { family: 'c', frames: [1], question: '<video>\nhow far?', answer: 'x' })).toThrow(/placeholders/)
  expect(() => makeRecord(facts, { family: 'c', frames: [], question: 'how far?', answer: 'x' })).toThrow(/placeholders/)
})
