// The bad-input corpus (corpus.ts, committed as files/): each malformed file gives the expected problem, named
// by the file and the line (file-level problems: the file), and the good parts of the same file still load.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '@/core/problems'
import { CORPUS } from './corpus'
import { readCorpusFile } from './readers'

const DIR = fileURLToPath(new URL('./files/', import.meta.url))

// [file, problem kind, line (undefined: a problem of the whole file), units that still load (frames, segments, records)]
const EXPECTED: [string, string, number | undefined, number][] = [
  ['flat-duplicate-frames.sub_task.jsonl', 'duplicate-frame', undefined, 4],
  ['flat-frame-huge.sub_task.jsonl', 'frame-out-of-range', 21, 2],
  ['flat-frame-negative.sub_task.jsonl', 'bad-frame-id', 21, 2],
  ['flat-frame-string.sub_task.jsonl', 'bad-frame-id', 11, 3],
  ['flat-gap.sub_task.jsonl', 'missing-frame', undefined, 3],
  ['flat-not-json.sub_task.jsonl', 'malformed-json', 11, 4],
  ['flat-not-object.sub_task.jsonl', 'bad-frame-id', 11, 3],
  ['flat-sub-task-number.sub_task.jsonl', 'bad-label', 11, 3],
  ['flat-truncated.sub_task.jsonl', 'malformed-json', 20, 3],
  ['flat-two-tasks.sub_task.jsonl', 'multi-task-episode', undefined, 3],
  ['gvl-frame-out-of-range.jsonl', 'gvl-frame-out-of-range', 1, 1],
  ['gvl-no-targets.jsonl', 'bad-gvl-record', 2, 1],
  ['gvl-targets-strings.jsonl', 'bad-gvl-record', 2, 1],
  ['gvl-truncated.jsonl', 'malformed-json', 2, 1],
  ['inf-frame-string.jsonl', 'bad-frame-index', 2, 2],
  ['inf-nan.jsonl', 'missing-progress', 2, 3],
  ['inf-no-frame.jsonl', 'bad-frame-index', 2, 2],
  ['inf-not-json-line.jsonl', 'malformed-json', 2, 2],
  ['inf-not-object.jsonl', 'bad-inference-line', 2, 2],
  ['inf-other-format.jsonl', 'unrecognised-format', undefined, 0],
  ['inf-progress-huge.jsonl', 'progress-out-of-range', 2, 3],
  ['inf-truncated.jsonl', 'malformed-json', 3, 2],
  ['pred-array-line.jsonl', 'bad-prediction', 2, 2],
  ['pred-bad-header.csv', 'unrecognised-format', undefined, 0],
  ['pred-bad-progress.csv', 'bad-progress', 3, 2],
  ['pred-bad-row.csv', 'bad-frame-index', 3, 2],
  ['pred-binary.csv', 'unrecognised-format', undefined, 0],
  ['pred-bom-crlf.jsonl', 'malformed-json', 2, 2],
  ['pred-duplicate-frame.jsonl', 'duplicate-frame', 3, 3],
  ['pred-empty.jsonl', 'no-predictions', undefined, 0],
  ['pred-episode-object.jsonl', 'bad-episode', 2, 2],
  ['pred-frame-fraction.jsonl', 'bad-frame-index', 2, 2],
  ['pred-frame-negative.jsonl', 'bad-frame-index', 2, 2],
  ['pred-frame-string.jsonl', 'bad-frame-index', 2, 2],
  ['pred-infinity.jsonl', 'no-prediction', 2, 2],
  ['pred-missing-episode.jsonl', 'missing-episode', 2, 2],
  ['pred-nan.jsonl', 'no-prediction', 2, 2],
  ['pred-non-utf8.jsonl', 'invalid-utf8', 2, 3],
  ['pred-not-json-line.jsonl', 'malformed-json', 2, 2],
  ['pred-other-format.jsonl', 'unrecognised-format', undefined, 0],
  ['pred-progress-string.jsonl', 'bad-progress', 2, 2],
  ['pred-truncated.jsonl', 'malformed-json', 3, 2],
  ['prop-deep.sub_task.jsonl', 'malformed-line', 2, 4],
  ['prop-duplicate-start.sub_task.jsonl', 'duplicate-task-start', 2, 4],
  ['prop-end-before-start.sub_task.jsonl', 'malformed-line', 2, 4],
  ['prop-gapped.sub_task.jsonl', 'gapped-segments', 1, 4],
  ['prop-missing-task.sub_task.jsonl', 'missing-task', 1, 3],
  ['prop-name-number.sub_task.jsonl', 'bad-field', 1, 3],
  ['prop-nan.sub_task.jsonl', 'non-finite-number', 1, 3],
  ['prop-no-subtasks.sub_task.jsonl', 'malformed-line', 2, 4],
  ['prop-non-utf8.sub_task.jsonl', 'invalid-utf8', 2, 4],
  ['prop-not-json.sub_task.jsonl', 'malformed-json', 2, 4],
  ['prop-overlapping.sub_task.jsonl', 'overlapping-tasks', 2, 4],
  ['prop-subtask-not-object.sub_task.jsonl', 'missing-field', 1, 3],
  ['prop-subtask-out-of-range.sub_task.jsonl', 'frame-out-of-range', 1, 4],
  ['prop-task-start-string.sub_task.jsonl', 'malformed-line', 2, 4],
  ['prop-truncated.sub_task.jsonl', 'malformed-json', 2, 4],
  ['rec-fps-string.records.jsonl', 'invalid-record', 2, 1],
  ['rec-infinity.records.jsonl', 'invalid-record', 2, 1],
  ['rec-not-a-record.records.jsonl', 'not-a-record', 2, 1],
  ['rec-schema-too-new.records.jsonl', 'record-too-new', 2, 1],
  ['rec-segment-beyond-end.records.jsonl', 'invalid-record', 2, 1],
  ['rec-segments-not-list.records.jsonl', 'invalid-record', 2, 1],
  ['rec-truncated.records.jsonl', 'malformed-json', 2, 1],
]

const bytes = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? new TextEncoder().encode(content) : content)

if (process.env.PROCLENS_WRITE_CORPUS === '1') {
  rmSync(DIR, { recursive: true, force: true })
  mkdirSync(DIR, { recursive: true })
  for (const [name, content] of Object.entries(CORPUS)) writeFileSync(DIR + name, content)
}

describe('bad-input corpus', () => {
  it('files/ is what corpus.ts makes (PROCLENS_WRITE_CORPUS=1 rewrites it)', () => {
    expect(readdirSync(DIR).sort()).toEqual(Object.keys(CORPUS).sort())
    for (const [name, content] of Object.entries(CORPUS)) expect(new Uint8Array(readFileSync(DIR + name)), name).toEqual(bytes(content))
  })

  it('has a row for every file, and at least 60 files', () => {
    const names = readdirSync(DIR).sort()
    expect(names.length).toBeGreaterThanOrEqual(60)
    expect(EXPECTED.map(([name]) => name).sort()).toEqual(names)
  })

  it.each(EXPECTED)('%s: %s at line %s, %s still load', (name, kind, line, loaded) => {
    const result = readCorpusFile(name, readFileSync(DIR + name))
    const found = result.problems.find((p) => p.kind === kind && p.line === line)
    expect(found, result.problems.map(formatProblem).join('\n')).toBeDefined()
    expect(found?.file).toBe(name)
    expect(formatProblem(found!)).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}${line === undefined ? ' ' : `:${line} `}`))
    // Readable at a glance: no problem message runs past a few lines of a terminal.
    for (const p of result.problems) expect(p.message.length).toBeLessThan(400)
    expect(result.loaded).toBe(loaded)
  })

  it('a huge line (made here, not committed) is one short problem and the rest loads, quickly', () => {
    const huge = `{"episode":"ep_a","frame_index":1,"progress":${'9'.repeat(20_000_000)}`
    const text = ['{"episode":"ep_a","frame_index":0,"progress":0}', huge, '{"episode":"ep_a","frame_index":2,"progress":20}'].join('\n')
    const started = performance.now()
    const result = readCorpusFile('pred-huge-line.jsonl', new TextEncoder().encode(text))
    expect(performance.now() - started).toBeLessThan(5000)
    expect(result.loaded).toBe(2)
    expect(result.problems.map((p) => [p.kind, p.line])).toEqual([['malformed-json', 2]])
    expect(result.problems[0]!.message.length).toBeLessThan(120)
  })
})
