// The LeRobot export end to end: on a generated multi-file v3.0 dataset and on the real so101 recording, every
// written parquet is read back by hyparquet and, independently, by parquet-wasm + apache-arrow. Original columns
// must come back value for value, the new columns must match each row's episode_index, the schema must be the
// same in every episodes file, and the core validators must pass on what was read back.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { AnnotationDoc } from '@/core/annotation'
import type { ExportFile } from '@/core/exports/exportFile'
import { fileBytes } from '@/core/exports/exportFile'
import { sarmColumnValues, sarmEpisode, SARM_COLUMNS } from '@/core/exports/lerobotSubtasks'
import { parseProportionsJson } from '@/core/exports/temporalProportions'
import { validateLanguageFeatures, validateLanguageFile } from '@/core/exports/validateLanguageExport'
import { validateSarmExport } from '@/core/exports/validateSarmExport'
import type { Problem } from '@/core/problems'
import { ProblemLog } from '@/core/problems'
import type { FileStore } from '@/data/fileStore'
import { EXPORT_FPS, memoryStore, multiFileV30 } from '@/test/lerobotExportFixture'
import { lerobotV21Fixture } from '@/test/lerobotFixture'
import { lerobotDoc } from '@/test/lerobotDocs'
import { arrowColumnJson, arrowTypes, plainJson, readWithArrow, readWithHyparquet } from '@/test/parquetReadBack'
import { exportLerobot } from './exportLerobot'

async function run(store: FileStore, docs: AnnotationDoc[], language: boolean): Promise<{ files: Map<string, Uint8Array>; problems: Problem[]; progress: number[] }> {
  const files = new Map<string, Uint8Array>()
  const progress: number[] = []
  const problems = await exportLerobot(store, docs, {
    language,
    emit: (f: ExportFile) => {
      expect(files.has(f.path)).toBe(false)
      files.set(f.path, fileBytes(f))
      return Promise.resolve()
    },
    onProgress: (done, total) => progress.push(done / total),
  })
  return { files, problems, progress }
}

/** Original columns identical (both readers, values and Arrow types); returns the new file read back. */
async function expectOriginalKept(original: Uint8Array, written: Uint8Array, options: { sameArrowTypes: boolean }): Promise<Awaited<ReturnType<typeof readWithHyparquet>>> {
  const [before, after] = [await readWithHyparquet(original), await readWithHyparquet(written)]
  const [arrowBefore, arrowAfter] = [readWithArrow(original), readWithArrow(written)]
  expect(after.rows.length).toBe(before.rows.length)
  const columns = Object.keys(before.rows[0] ?? {})
  for (const c of columns) {
    expect(plainJson(after.rows.map((r) => r[c])), c).toBe(plainJson(before.rows.map((r) => r[c])))
    expect(arrowColumnJson(arrowAfter, c), c).toBe(arrowColumnJson(arrowBefore, c))
  }
  const [typesBefore, typesAfter] = [arrowTypes(arrowBefore), arrowTypes(arrowAfter)]
  if (options.sameArrowTypes) for (const c of columns) expect(typesAfter[c], c).toBe(typesBefore[c])
  // The file's own parquet schema of every original column is kept element for element.
  expect(after.schema.slice(1, before.schema.length)).toEqual(before.schema.slice(1))
  expect(after.kv).toEqual(before.kv)
  return after
}

const DOCS = [
  lerobotDoc(0, EXPORT_FPS, [['step', 'reach', 0, 4], ['step', 'grasp', 4, 9], ['tail', '', 9, 12]]),
  // episode 1 has no document
  lerobotDoc(2, EXPORT_FPS, [['outside', '', 0, 2], ['step', 'reach', 2, 5], ['step', 'lift', 5, 9]]),
  lerobotDoc(3, EXPORT_FPS, [['step', 'reach', 0, 15]], { kind: 'not-done', cutoff: 0.75 }),
  lerobotDoc(4, EXPORT_FPS, [['step', 'reach', 0, 2], ['step', 'grasp', 2, 4], ['step', 'lift', 4, 5]]),
]
const EPISODE_FILES = ['meta/episodes/chunk-000/file-000.parquet', 'meta/episodes/chunk-001/file-000.parquet']
const DATA_FILES = ['data/chunk-000/file-000.parquet', 'data/chunk-000/file-001.parquet']

describe.each([
  { shuffled: false, listing: true },
  { shuffled: true, listing: true },
  { shuffled: false, listing: false },
])('a generated v3.0 dataset (rows shuffled: $shuffled, listing: $listing)', ({ shuffled, listing }) => {
  const source = multiFileV30({ shuffled })

  it('adds the SARM columns by episode_index, keeps everything else, and passes the validator', async () => {
    const { files, problems, progress } = await run(memoryStore(source, { listing }), DOCS, false)
    expect([...files.keys()]).toEqual([...EPISODE_FILES, 'meta/temporal_proportions_dense.json', 'meta/temporal_proportions_sparse.json',
      'meta/info.json', 'meta/stats.json', 'meta/tasks.parquet'])
    for (const path of ['meta/info.json', 'meta/stats.json', 'meta/tasks.parquet']) expect(files.get(path)).toEqual(source.get(path))
    expect(progress.at(-1)).toBe(1)

    const dense = parseProportionsJson(new TextDecoder().decode(files.get('meta/temporal_proportions_dense.json')))
    expect(dense?.map(([n]) => n)).toEqual(['reach', 'grasp', 'lift'])
    expect(new TextDecoder().decode(files.get('meta/temporal_proportions_sparse.json'))).toBe('{\n  "task": 1.0\n}\n')

    const expected = new Map(DOCS.map((d) => [d.episodeIndex, sarmColumnValues(sarmEpisode(d, new ProblemLog()))]))
    const snapshots = []
    const schemas: string[] = []
    for (const path of EPISODE_FILES) {
      const after = await expectOriginalKept(source.get(path)!, files.get(path)!, { sameArrowTypes: true })
      const arrow = readWithArrow(files.get(path)!)
      for (const [i, row] of after.rows.entries()) {
        const want = expected.get(Number(row.episode_index)) ?? sarmColumnValues({ dense: null, sparse: null })
        for (const c of SARM_COLUMNS) {
          const got = row[c] as unknown[] | null
          expect(got?.map((v) => (typeof v === 'bigint' ? Number(v) : v)) ?? null, `${path} ${c} episode ${String(row.episode_index)}`).toEqual(want[c])
          expect((JSON.parse(arrowColumnJson(arrow, c).replace(/"(-?\d+)n"/g, '$1')) as unknown[])[i], c).toEqual(want[c])
        }
      }
      const types = arrowTypes(arrow)
      expect([types.dense_subtask_names, types.dense_subtask_start_frames, types.dense_subtask_start_times]).toEqual(['List<Utf8>', 'List<Int64>', 'List<Float64>'])
      schemas.push(plainJson(after.schema), JSON.stringify(types))
      snapshots.push({ path, schema: after.schema, rows: after.rows })
    }
    expect(schemas[2]).toBe(schemas[0])
    expect(schemas[3]).toBe(schemas[1])

    const readBack = validateSarmExport({ fps: EXPORT_FPS, files: snapshots, proportions: { dense, sparse: [['task', 1]] } })
    const orderProblems = shuffled ? ['sarm-row-order'] : []
    expect([...new Set(readBack.map((p) => p.kind))]).toEqual(orderProblems)
    expect(problems.filter((p) => p.severity === 'error').map((p) => p.kind).filter((k, i, a) => a.indexOf(k) === i)).toEqual(orderProblems)
    expect(problems.filter((p) => p.severity === 'warning').map((p) => [p.kind, p.episode]))
      .toEqual([['sarm-not-done', 3], ...(listing ? [] : [['lerobot-export-unlisted', undefined]])])
  })

  it('with language: rewrites every data file, declares the features, one list per episode from its first frame', async () => {
    const { files, problems } = await run(memoryStore(source, { listing }), DOCS, true)
    expect([...files.keys()].slice(-2)).toEqual(DATA_FILES)
    const info = JSON.parse(new TextDecoder().decode(files.get('meta/info.json'))) as { codebase_version: string; features: Record<string, unknown> }
    expect(info.codebase_version).toBe('v3.0')
    expect(info.features.language_persistent).toEqual({ dtype: 'language', shape: [1], names: null })
    expect(validateLanguageFeatures(info.features)).toEqual([])
    for (const path of DATA_FILES) {
      const after = await expectOriginalKept(source.get(path)!, files.get(path)!, { sameArrowTypes: true })
      expect(after.kv).toEqual(['huggingface'])
      const arrow = readWithArrow(files.get(path)!)
      expect(arrowTypes(arrow).language_persistent).toBe(
        'List<Struct<{role:Utf8, content:Utf8, style:Utf8, timestamp:Float32, camera:Utf8, tool_calls:List<Utf8>}>>')
      expect(arrowTypes(arrow).language_events).toBe('List<Struct<{role:Utf8, content:Utf8, style:Utf8, camera:Utf8, tool_calls:List<Utf8>}>>')
      const eventFields = ['role', 'content', 'style', 'camera', 'tool_calls']
      expect(validateLanguageFile({ path, eventFields, rows: after.rows })).toEqual([])
      const persistent = JSON.parse(arrowColumnJson(arrow, 'language_persistent')) as { content: string; timestamp: number }[][]
      for (const [i, row] of after.rows.entries()) {
        const episode = Number(row.episode_index)
        const list = row.language_persistent as { content: string; timestamp: number; style: string; role: string }[]
        expect(persistent[i]).toEqual(list)
        expect(row.language_events).toEqual([])
        const want = {
          0: [['reach', 0], ['grasp', Math.fround(0.4)]], 1: [], 2: [['reach', 0], ['lift', Math.fround(0.5)]],
          3: [['reach', 0]], 4: [['reach', 0], ['grasp', Math.fround(0.2)], ['lift', Math.fround(0.4)]],
        }[episode]
        expect(list.map((r) => [r.content, r.timestamp]), `episode ${episode}`).toEqual(want)
        expect(list.every((r) => r.style === 'subtask' && r.role === 'assistant')).toBe(true)
      }
    }
    expect(problems.filter((p) => p.severity === 'error' && p.kind !== 'sarm-row-order')).toEqual([])
  })
})

describe('refusals and bad input', () => {
  it('refuses a v2.1 dataset with one clear error and emits nothing', async () => {
    const v21 = lerobotV21Fixture({ fps: 30, episodes: [{ index: 0, length: 10 }], cameras: [] })
    const { files, problems } = await run(memoryStore(v21, { listing: true }), [], false)
    expect(files.size).toBe(0)
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', kind: 'lerobot-export-version', file: 'meta/info.json' })])
    expect(problems[0]?.message).toContain('v2.1')
    expect(problems[0]?.remedy).toContain('convert_dataset_v21_to_v30')
  })

  it('reports documents that do not fit the dataset and exports the rest', async () => {
    const docs = [
      lerobotDoc(0, EXPORT_FPS, [['step', 'reach', 0, 11]]), // 11 frames, the episode has 12
      lerobotDoc(9, EXPORT_FPS, [['step', 'reach', 0, 5]]), // no such episode
      lerobotDoc(2, 30, [['step', 'reach', 0, 9]]), // another fps
      lerobotDoc(4, EXPORT_FPS, [['step', 'reach', 0, 5]]),
      lerobotDoc(4, EXPORT_FPS, [['step', 'lift', 0, 5]]),
    ]
    const { files, problems } = await run(memoryStore(multiFileV30({ shuffled: false }), { listing: true }), docs, false)
    expect(problems.map((p) => [p.kind, p.episode])).toEqual([
      ['lerobot-export-length-mismatch', 0], ['lerobot-export-unknown-episode', 9], ['lerobot-export-fps-mismatch', 2],
      ['lerobot-export-duplicate-doc', 4],
    ])
    expect(new TextDecoder().decode(files.get('meta/temporal_proportions_dense.json'))).toBe('{\n  "reach": 1.0\n}\n')
  })
})

const SO101 = fileURLToPath(new URL('../../../../shared/datasets/so101-record-test_lerobot-v3.0', import.meta.url))

describe.skipIf(!existsSync(SO101))('the real so101 recording (LeRobot v3.0, 4 episodes, 107 episode columns)', () => {
  const store = createNodeFileStore(SO101)
  const docs = [
    lerobotDoc(0, 30, [['outside', '', 0, 20], ['step', 'Reach the orange cube.', 20, 150], ['step', 'Grasp the cube.', 150, 220],
      ['step', 'Place it in the box.', 220, 340], ['tail', '', 340, 373]]),
    lerobotDoc(2, 30, [['step', 'Reach the orange cube.', 0, 120], ['step', 'Grasp the cube.', 120, 200], ['step', 'Place it in the box.', 200, 372]]),
    lerobotDoc(3, 30, [['step', '', 0, 373]]),
  ]
  const original = (path: string): Promise<Uint8Array> => store.readBytes(path)

  it('keeps all 107 columns value for value, adds the 15 SARM columns, and passes the validator', async () => {
    const { files, problems } = await run(store, docs, false)
    expect([...files.keys()]).toEqual(['meta/episodes/chunk-000/file-000.parquet', 'meta/temporal_proportions_dense.json',
      'meta/temporal_proportions_sparse.json', 'meta/info.json', 'meta/stats.json', 'meta/tasks.parquet'])
    for (const path of ['meta/info.json', 'meta/stats.json', 'meta/tasks.parquet']) expect(files.get(path)).toEqual(await original(path))
    const path = 'meta/episodes/chunk-000/file-000.parquet'
    const after = await expectOriginalKept(await original(path), files.get(path)!, { sameArrowTypes: true })
    expect(Object.keys(after.rows[0]!)).toHaveLength(107 + 15)
    // Read through the patched ARROW:schema by arrow-rs: the new columns carry their declared types.
    const types = arrowTypes(readWithArrow(files.get(path)!))
    expect([types.dense_subtask_names, types.dense_subtask_end_frames, types.dense_subtask_end_times]).toEqual(['List<Utf8>', 'List<Int64>', 'List<Float64>'])
    expect(after.rows.map((r) => r.dense_subtask_end_frames)).toEqual([[149n, 219n, 339n], null, [119n, 199n, 371n], null])
    expect(after.rows.map((r) => r.sparse_subtask_end_frames)).toEqual([[372n], null, [371n], null])
    expect(after.rows[0]?.dense_subtask_start_times).toEqual([20 / 30, 5, 220 / 30])
    const dense = parseProportionsJson(new TextDecoder().decode(files.get('meta/temporal_proportions_dense.json')))
    // ep0 130/320, 70/320, 120/320; ep2 120/372, 80/372, 172/372; averaged and renormalised (they sum to 1 already)
    expect(dense?.map(([n, v]) => [n, Number(v.toFixed(6))])).toEqual([
      ['Reach the orange cube.', Number(((130 / 320 + 120 / 372) / 2).toFixed(6))],
      ['Grasp the cube.', Number(((70 / 320 + 80 / 372) / 2).toFixed(6))],
      ['Place it in the box.', Number(((120 / 320 + 172 / 372) / 2).toFixed(6))],
    ])
    expect(validateSarmExport({ fps: 30, files: [{ path, schema: after.schema, rows: after.rows }], proportions: { dense, sparse: [['task', 1]] } })).toEqual([])
    expect(problems.map((p) => [p.severity, p.kind, p.episode])).toEqual([['warning', 'sarm-no-named-step', 3]])
  })

  it('with language: the data file keeps its 7 columns and gains both language columns', async () => {
    const { files, problems } = await run(store, docs, true)
    const path = 'data/chunk-000/file-000.parquet'
    // pyarrow's ARROW:schema is patched, not dropped: action and observation.state stay fixed-size lists.
    const after = await expectOriginalKept(await original(path), files.get(path)!, { sameArrowTypes: true })
    const types = arrowTypes(readWithArrow(files.get(path)!))
    expect([types.action, types.timestamp]).toEqual(['FixedSizeList[6]<Float32>', 'Float32'])
    expect(types.language_persistent).toBe('List<Struct<{role:Utf8, content:Utf8, style:Utf8, timestamp:Float32, camera:Utf8, tool_calls:List<Utf8>}>>')
    expect(validateLanguageFile({ path, eventFields: ['role', 'content', 'style', 'camera', 'tool_calls'], rows: after.rows })).toEqual([])
    const firstOf = (episode: number): Record<string, unknown> => after.rows.find((r) => r.episode_index === BigInt(episode))!
    expect((firstOf(0).language_persistent as { content: string; timestamp: number }[]).map((r) => [r.content, r.timestamp]))
      .toEqual([['Reach the orange cube.', firstOf(0).timestamp], ['Grasp the cube.', Math.fround(5)], ['Place it in the box.', Math.fround(220 / 30)]])
    expect(firstOf(1).language_persistent).toEqual([])
    const info = JSON.parse(new TextDecoder().decode(files.get('meta/info.json'))) as { features: Record<string, unknown>; codebase_version: string }
    expect([info.codebase_version, validateLanguageFeatures(info.features)]).toEqual(['v3.0', []])
    expect(problems.filter((p) => p.severity === 'error')).toEqual([])
  })
})
