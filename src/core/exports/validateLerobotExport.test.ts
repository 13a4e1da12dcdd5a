// The export validators as tables: a sound export (the spec's worked example) passes, and each broken export is
// caught with its own kind, naming the file and the episode.
import { describe, expect, it } from 'vitest'
import { WORKED_EXAMPLE } from '@/test/lerobotDocs'
import { ProblemLog } from '../problems'
import { mergeSubtaskRows, subtaskLanguageRows } from './lerobotLanguage'
import { sarmColumnValues, sarmEpisode } from './lerobotSubtasks'
import { temporalProportions } from './temporalProportions'
import type { LanguageFileSnapshot } from './validateLanguageExport'
import { validateLanguageFeatures, validateLanguageFile } from './validateLanguageExport'
import type { SarmSnapshot, SchemaLike } from './validateSarmExport'
import { validateSarmExport } from './validateSarmExport'

const SCHEMA: SchemaLike[] = [{ name: 'schema', num_children: 2 }, { name: 'episode_index', type: 'INT64' }, { name: 'length', type: 'INT64' }]
const withColumns = (schema: SchemaLike[]): SchemaLike[] => [...schema, ...Object.keys(sarmColumnValues({ dense: null, sparse: null })).map((name) => ({ name }))]

function soundSarm(): SarmSnapshot {
  const episodes = WORKED_EXAMPLE.map((d) => sarmEpisode(d, new ProblemLog()))
  const rows = episodes.map((e) => ({ episode_index: BigInt(e.episodeIndex), length: BigInt(e.length), ...sarmColumnValues(e) }))
  return {
    fps: 10,
    files: [
      { path: 'meta/episodes/chunk-000/file-000.parquet', schema: withColumns(SCHEMA), rows: rows.slice(0, 1) },
      { path: 'meta/episodes/chunk-000/file-001.parquet', schema: withColumns(SCHEMA), rows: rows.slice(1) },
    ],
    proportions: {
      dense: temporalProportions(episodes.map((e) => ({ episodeIndex: e.episodeIndex, subtasks: e.dense }))),
      sparse: [['task', 1]],
    },
  }
}

type Breakage = (s: SarmSnapshot) => void
const row = (s: SarmSnapshot, file: number): Record<string, unknown> => s.files[file]!.rows[0] as Record<string, unknown>

describe('validateSarmExport', () => {
  it('passes the worked example', () => {
    expect(validateSarmExport(soundSarm())).toEqual([])
  })

  it.each<[string, Breakage, string, number | undefined]>([
    ['list lengths differ', (s) => { row(s, 0).dense_subtask_end_frames = [14n, 29n] }, 'sarm-unusable', 0],
    ['an empty list (unusable)', (s) => { Object.assign(row(s, 0), { dense_subtask_names: [], dense_subtask_start_frames: [], dense_subtask_end_frames: [] }) }, 'sarm-unusable', 0],
    ['times lists of another length', (s) => { row(s, 1).dense_subtask_start_times = [0] }, 'sarm-lengths-differ', 1],
    ['starts not sorted', (s) => { Object.assign(row(s, 1), { dense_subtask_start_frames: [0, 30, 10], dense_subtask_end_frames: [9, 39, 29] }) }, 'sarm-unsorted', 1],
    ['segments overlap', (s) => { row(s, 0).dense_subtask_end_frames = [20, 29, 49] }, 'sarm-overlap', 0],
    ['an end before its start', (s) => { row(s, 0).dense_subtask_end_frames = [14, 10, 49] }, 'sarm-frames-invalid', 0],
    ['a name missing from the JSON keys', (s) => { row(s, 0).dense_subtask_names = ['reach', 'Grasp', 'lift'] }, 'sarm-name-unknown', 0],
    ['a JSON value of zero', (s) => { s.proportions.dense![1] = ['grasp', 0] }, 'sarm-proportions-invalid', undefined],
    ['a key twice in the JSON', (s) => { s.proportions.dense!.push(['reach', 0.1]) }, 'sarm-proportions-invalid', undefined],
    ['rows out of episode_index order', (s) => { row(s, 0).episode_index = 1n; row(s, 1).episode_index = 0n }, 'sarm-row-order', 1],
    ['a schema that differs between files', (s) => { (s.files[1] as { schema: readonly SchemaLike[] }).schema = withColumns([...SCHEMA, { name: 'extra', type: 'DOUBLE' }]) }, 'sarm-schema-differs', undefined],
    ['a column missing from one file', (s) => { (s.files[1] as { schema: readonly SchemaLike[] }).schema = SCHEMA }, 'sarm-column-missing', undefined],
    ['no usable dense episode', (s) => { for (const f of [0, 1]) Object.assign(row(s, f), { dense_subtask_names: null, dense_subtask_start_frames: null, dense_subtask_end_frames: null, dense_subtask_start_times: null, dense_subtask_end_times: null }) }, 'sarm-none-usable', undefined],
    ['the dense JSON missing', (s) => { s.proportions.dense = undefined }, 'sarm-proportions-missing', undefined],
    ['times that disagree with frames / fps', (s) => { row(s, 0).dense_subtask_end_times = [1.5, 2.9, 4.9] }, 'sarm-times-disagree', 0],
    ['frames beyond the episode', (s) => { row(s, 1).dense_subtask_end_frames = [9, 29, 40] }, 'sarm-frames-outside', 1],
    ['stale legacy columns', (s) => { row(s, 0).subtask_end_frames = [50] }, 'sarm-legacy-stale', 0],
  ])('catches %s', (_name, breakIt, kind, episode) => {
    const snapshot = soundSarm()
    breakIt(snapshot)
    const problems = validateSarmExport(snapshot)
    expect(problems.map((p) => p.kind)).toContain(kind)
    const problem = problems.find((p) => p.kind === kind)!
    if (episode !== undefined) expect(problem).toMatchObject({ episode, file: expect.stringMatching(/^meta\/episodes\//) as string })
  })

  it('accepts a null (un-annotated) episode beside annotated ones', () => {
    const s = soundSarm()
    Object.assign(row(s, 1), sarmColumnValues({ dense: null, sparse: null }))
    expect(validateSarmExport(s)).toEqual([])
  })
})

/** Episode 0 of the worked example as written: frames 0–49 at 10 fps, float32 timestamps. */
function soundLanguage(): LanguageFileSnapshot {
  const stamp = (f: number): number => Math.fround(f / 10)
  const list = mergeSubtaskRows(null, subtaskLanguageRows(WORKED_EXAMPLE[0]!, stamp, new ProblemLog()))
  const rows = Array.from({ length: 50 }, (_, f) => ({ episode_index: 0n, frame_index: BigInt(f), timestamp: stamp(f), language_persistent: list, language_events: [] }))
  return { path: 'data/chunk-000/file-000.parquet', eventFields: ['role', 'content', 'style', 'camera', 'tool_calls'], rows }
}

describe('validateLanguageFile and validateLanguageFeatures', () => {
  it('passes the worked example (§5.2): reach@0, grasp@1.5, lift@3', () => {
    const file = soundLanguage()
    expect((file.rows[0]!.language_persistent as { content: string; timestamp: number }[]).map((r) => [r.content, r.timestamp]))
      .toEqual([['reach', 0], ['grasp', Math.fround(1.5)], ['lift', Math.fround(3)]])
    expect(validateLanguageFile(file)).toEqual([])
    expect(validateLanguageFeatures({ language_persistent: { dtype: 'language' }, language_events: { dtype: 'language' } })).toEqual([])
  })

  const edit = (f: (rows: Record<string, unknown>[]) => void): LanguageFileSnapshot => {
    const file = soundLanguage()
    f(file.rows as Record<string, unknown>[])
    return file
  }
  const subtask = (content: string, timestamp: number): Record<string, unknown> => ({ role: 'assistant', content, style: 'subtask', timestamp, camera: null, tool_calls: null })

  it.each<[string, LanguageFileSnapshot, string]>([
    ['starts that are not distinct', edit((rows) => { for (const r of rows) r.language_persistent = [subtask('a', 0), subtask('b', 0)] }), 'language-starts-not-distinct'],
    ['a first start after the first frame', edit((rows) => { for (const r of rows) r.language_persistent = [subtask('a', 0.5)] }), 'language-first-start'],
    ['a list that differs on one row', edit((rows) => { rows[7]!.language_persistent = [subtask('a', 0)] }), 'language-rows-differ'],
    ['timestamps inside events', { ...soundLanguage(), eventFields: ['role', 'content', 'style', 'timestamp', 'camera', 'tool_calls'] }, 'language-event-timestamp'],
    ['a row without the column', edit((rows) => { delete rows[3]!.language_persistent }), 'language-column-missing'],
    ['a subtask row with a camera', edit((rows) => { for (const r of rows) r.language_persistent = [{ ...subtask('a', 0), camera: 'observation.images.top' }] }), 'language-camera'],
  ])('catches %s', (_name, file, kind) => {
    const problems = validateLanguageFile(file)
    expect(problems.map((p) => p.kind)).toContain(kind)
    expect(problems.find((p) => p.kind === kind)?.file).toBe('data/chunk-000/file-000.parquet')
  })

  it('catches undeclared features', () => {
    expect(validateLanguageFeatures({ language_persistent: { dtype: 'language' } }).map((p) => p.kind)).toEqual(['language-feature-missing'])
  })
})

describe('subtask language rows', () => {
  it('moves the first start to the first frame, keeps other styles and sorts by (timestamp, style, role)', () => {
    const log = new ProblemLog()
    const doc = { ...WORKED_EXAMPLE[1]!, segments: [{ ...WORKED_EXAMPLE[1]!.segments[0]!, start: 0, end: 2, kind: 'outside' as const, label: '' }, { ...WORKED_EXAMPLE[1]!.segments[0]!, start: 2 }, ...WORKED_EXAMPLE[1]!.segments.slice(1)] }
    const rows = subtaskLanguageRows(doc, (f) => (f < 40 ? Math.fround(f / 10) : undefined), log)
    expect(rows?.map((r) => [r.content, r.timestamp])).toEqual([['reach', 0], ['grasp', Math.fround(1)], ['lift', Math.fround(3)]])
    const plan = { role: 'assistant', content: 'plan', style: 'plan', timestamp: 0, camera: null, tool_calls: null }
    const merged = mergeSubtaskRows([plan, { ...plan, style: 'subtask', content: 'old' }], rows)
    expect(merged.map((r) => r.content)).toEqual(['plan', 'reach', 'grasp', 'lift'])
    expect(log.problems).toEqual([])
  })

  it('falls back to frame / fps for a frame the data lacks, with a warning naming the episode', () => {
    const log = new ProblemLog()
    const rows = subtaskLanguageRows(WORKED_EXAMPLE[0]!, () => undefined, log)
    expect(rows?.map((r) => r.timestamp)).toEqual([0, Math.fround(1.5), Math.fround(3)])
    expect(log.problems).toEqual([expect.objectContaining({ kind: 'language-frame-missing', episode: 0 })])
  })
})
