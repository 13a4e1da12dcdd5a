// Exporting over earlier annotations: a second export over the first replaces the SARM columns (never duplicates or
// mixes them); language columns written by another tool keep their other styles and events, only subtask rows are
// replaced; and an aborted export stops between files.
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet'
import type { SchemaElement } from 'hyparquet'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import type { AnnotationDoc } from '@/core/annotation'
import { fileBytes } from '@/core/exports/exportFile'
import { SARM_COLUMNS } from '@/core/exports/lerobotSubtasks'
import { validateLanguageFile } from '@/core/exports/validateLanguageExport'
import type { Problem } from '@/core/problems'
import type { FixtureFiles } from '@/test/lerobotFixture'
import { EXPORT_FPS, memoryStore, multiFileV30 } from '@/test/lerobotExportFixture'
import { lerobotDoc } from '@/test/lerobotDocs'
import { readWithArrow, readWithHyparquet } from '@/test/parquetReadBack'
import { exportLerobot } from './exportLerobot'
import { languageEventsSchema, languagePersistentSchema } from './exportSchema'

async function exportTo(source: FixtureFiles, docs: AnnotationDoc[], language: boolean): Promise<{ files: FixtureFiles; problems: Problem[] }> {
  const files: FixtureFiles = new Map()
  const problems = await exportLerobot(memoryStore(source, { listing: true }), docs, {
    language, emit: (f) => Promise.resolve(void files.set(f.path, fileBytes(f))),
  })
  return { files, problems }
}

const FIRST = [lerobotDoc(0, EXPORT_FPS, [['step', 'reach', 0, 6], ['step', 'grasp', 6, 12]]), lerobotDoc(4, EXPORT_FPS, [['step', 'reach', 0, 5]])]
const SECOND = [lerobotDoc(1, EXPORT_FPS, [['step', 'lift', 0, 7]])]

describe('exporting over an earlier export', () => {
  it('replaces the SARM columns in place: no duplicates, no stale annotation, a warning per file', async () => {
    const source = multiFileV30({ shuffled: false })
    const first = await exportTo(source, FIRST, false)
    const laid: FixtureFiles = new Map([...source, ...first.files])
    const second = await exportTo(laid, SECOND, false)
    expect([...second.files.keys()].filter((p) => p.includes('temporal_proportions'))).toHaveLength(2)
    expect(new TextDecoder().decode(second.files.get('meta/temporal_proportions_dense.json'))).toBe('{\n  "lift": 1.0\n}\n')
    for (const path of ['meta/episodes/chunk-000/file-000.parquet', 'meta/episodes/chunk-001/file-000.parquet']) {
      const { rows } = await readWithHyparquet(second.files.get(path)!)
      const arrow = readWithArrow(second.files.get(path)!)
      expect(arrow.schema.fields.filter((f) => SARM_COLUMNS.includes(f.name))).toHaveLength(15)
      expect(arrow.schema.fields).toHaveLength(10 + 15)
      for (const row of rows) expect(row.dense_subtask_names).toEqual(row.episode_index === 1n ? ['lift'] : null)
    }
    expect(second.problems.filter((p) => p.kind === 'sarm-columns-replaced').map((p) => p.message.split(' ')[0]))
      .toEqual(['meta/episodes/chunk-000/file-000.parquet', 'meta/episodes/chunk-001/file-000.parquet'])
  })
})

/** The data file with language columns as `lerobot-annotate` leaves them: a plan row, an old subtask row, one event. */
async function withForeignLanguage(bytes: Uint8Array): Promise<Uint8Array> {
  const file = bytes.slice().buffer
  const metadata = parquetMetadata(file)
  const rows = await parquetReadObjects({ file, metadata })
  const tree = parquetSchema(metadata)
  const names = tree.children.map((c) => c.element.name)
  const row = (style: string, content: string, timestamp: number): Record<string, unknown> =>
    ({ role: 'assistant', content, style, timestamp, camera: null, tool_calls: null })
  const schema: SchemaElement[] = [{ ...metadata.schema[0]!, num_children: names.length + 2 }, ...metadata.schema.slice(1),
    ...languagePersistentSchema().schema, ...languageEventsSchema().schema]
  const columnData = [
    ...names.map((name) => ({ name, data: rows.map((r) => r[name] as unknown) })),
    { name: 'language_persistent', data: rows.map(() => [row('plan', 'reach, then grasp', 0), row('subtask', 'old label', 0)]) },
    { name: 'language_events', data: rows.map((r) => (r.frame_index === 3n && r.episode_index === 0n
      ? [{ role: 'user', content: 'careful', style: 'interjection', camera: null, tool_calls: null }] : [])) },
  ]
  return new Uint8Array(parquetWriteBuffer({ schema: schema as never, columnData, rowGroupSize: 8 }))
}

describe('language columns already present', () => {
  it('keeps the plan rows and the events, replaces only the subtask rows', async () => {
    const source = multiFileV30({ shuffled: false })
    const path = 'data/chunk-000/file-000.parquet'
    source.set(path, await withForeignLanguage(source.get(path)!))
    const { files, problems } = await exportTo(source, FIRST, true)
    const { rows } = await readWithHyparquet(files.get(path)!)
    const ep0 = rows.filter((r) => r.episode_index === 0n)
    const lists = ep0.map((r) => (r.language_persistent as { style: string; content: string }[]).map((x) => `${x.style}:${x.content}`))
    expect(lists.every((l) => JSON.stringify(l) === JSON.stringify(['plan:reach, then grasp', 'subtask:reach', 'subtask:grasp']))).toBe(true)
    const ep1 = rows.find((r) => r.episode_index === 1n)!
    expect((ep1.language_persistent as { style: string }[]).map((x) => x.style)).toEqual(['plan'])
    expect(ep0.map((r) => (r.language_events as unknown[]).length)).toEqual(ep0.map((r) => (r.frame_index === 3n ? 1 : 0)))
    expect(validateLanguageFile({ path, eventFields: ['role', 'content', 'style', 'camera', 'tool_calls'], rows })).toEqual([])
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})

describe('aborting', () => {
  it('stops between files and rejects with the reason', async () => {
    const controller = new AbortController()
    const emitted: string[] = []
    const done = exportLerobot(memoryStore(multiFileV30({ shuffled: false }), { listing: true }), FIRST, {
      language: true,
      signal: controller.signal,
      emit: (f) => {
        emitted.push(f.path)
        controller.abort(new Error('stopped by the user'))
        return Promise.resolve()
      },
    })
    await expect(done).rejects.toThrow('stopped by the user')
    expect(emitted).toEqual(['meta/episodes/chunk-000/file-000.parquet'])
  })
})
