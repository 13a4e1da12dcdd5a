/**
 * A LeRobot v3.0 dataset for the export tests, shaped like real ones where it matters: episodes metadata split over
 * two files in two chunks (rows optionally out of episode order), nested `stats/*` columns (a list of lists of
 * lists of doubles, as image stats are), nullable columns as pyarrow writes them, data split over two files with
 * several row groups, `huggingface` key-value metadata. Plus an in-memory FileStore, with or without listing.
 */
import { parquetWriteBuffer } from 'hyparquet-writer'
import type { FileStore } from '@/data/fileStore'
import { FileNotFoundError } from '@/data/fileStore'
import type { FixtureFiles } from './lerobotFixture'

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number]

const encoder = new TextEncoder()
const opt = (name: string, type: NonNullable<SchemaElement['type']>): SchemaElement => ({ name, type, repetition_type: 'OPTIONAL' })
const list = (name: string, element: SchemaElement[]): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  ...element,
]
const STRING: SchemaElement = { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }

export const EXPORT_FPS = 10
/** Episode lengths; episodes 0–2 are in the first episodes and data files, 3–4 in the second. */
export const EXPORT_LENGTHS = [12, 7, 9, 15, 5]
const GROUPS = [[0, 1, 2], [3, 4]]

function episodesFile(order: number[], starts: number[], file: number): Uint8Array {
  const big = (f: (e: number) => number): bigint[] => order.map((e) => BigInt(f(e)))
  const schema: SchemaElement[] = [
    { name: 'schema', repetition_type: 'REQUIRED', num_children: 10 },
    opt('episode_index', 'INT64'),
    ...list('tasks', [STRING]),
    opt('length', 'INT64'),
    opt('data/chunk_index', 'INT64'),
    opt('data/file_index', 'INT64'),
    opt('dataset_from_index', 'INT64'),
    opt('dataset_to_index', 'INT64'),
    ...list('stats/observation.images.top/mean', list('element', list('element', [opt('element', 'DOUBLE')]))),
    ...list('stats/action/count', [opt('element', 'INT64')]),
    opt('meta/episodes/file_index', 'INT64'),
  ]
  const columnData = [
    { name: 'episode_index', data: big((e) => e) },
    { name: 'tasks', data: order.map((e) => [`task ${e % 2}`]) },
    { name: 'length', data: big((e) => EXPORT_LENGTHS[e]!) },
    { name: 'data/chunk_index', data: big(() => 0) },
    { name: 'data/file_index', data: big((e) => (e < 3 ? 0 : 1)) },
    { name: 'dataset_from_index', data: big((e) => starts[e]!) },
    { name: 'dataset_to_index', data: big((e) => starts[e]! + EXPORT_LENGTHS[e]!) },
    { name: 'stats/observation.images.top/mean', data: order.map((e) => (e === 1 ? null : [[[0.1 * e]], [[0.2 + e]], [[1 / 3]]])) },
    { name: 'stats/action/count', data: order.map((e) => [BigInt(EXPORT_LENGTHS[e]!)]) },
    { name: 'meta/episodes/file_index', data: big(() => file) },
  ]
  return new Uint8Array(parquetWriteBuffer({ schema, columnData, rowGroupSize: 2 }))
}

function dataFile(episodes: number[], starts: number[]): Uint8Array {
  const rows = episodes.flatMap((e) => Array.from({ length: EXPORT_LENGTHS[e]! }, (_, f) => ({ e, f })))
  const schema: SchemaElement[] = [
    { name: 'schema', repetition_type: 'REQUIRED', num_children: 6 },
    ...list('action', [opt('element', 'FLOAT')]),
    opt('timestamp', 'FLOAT'),
    opt('frame_index', 'INT64'),
    opt('episode_index', 'INT64'),
    opt('index', 'INT64'),
    opt('task_index', 'INT64'),
  ]
  const columnData = [
    { name: 'action', data: rows.map(({ e, f }) => [Math.fround(e + f / 7), Math.fround(-f)]) },
    { name: 'timestamp', data: rows.map(({ f }) => Math.fround(f / EXPORT_FPS)) },
    { name: 'frame_index', data: rows.map(({ f }) => BigInt(f)) },
    { name: 'episode_index', data: rows.map(({ e }) => BigInt(e)) },
    { name: 'index', data: rows.map(({ e, f }) => BigInt(starts[e]! + f)) },
    { name: 'task_index', data: rows.map(({ e }) => BigInt(e % 2)) },
  ]
  const kvMetadata = [{ key: 'huggingface', value: '{"info": {"features": {"timestamp": {"dtype": "float32", "_type": "Value"}}}}' }]
  return new Uint8Array(parquetWriteBuffer({ schema, columnData, rowGroupSize: 8, kvMetadata }))
}

/** The dataset's files. `shuffled`: rows of each episodes file out of episode order (3 before 1, 4 before 3…). */
export function multiFileV30(options: { shuffled: boolean }): FixtureFiles {
  const starts: number[] = []
  EXPORT_LENGTHS.reduce((at, length) => (starts.push(at), at + length), 0)
  const files: FixtureFiles = new Map()
  files.set('meta/info.json', encoder.encode(JSON.stringify({
    codebase_version: 'v3.0', robot_type: 'test', total_episodes: 5, total_frames: 48, total_tasks: 2, chunks_size: 1000, fps: EXPORT_FPS,
    splits: { train: '0:5' }, data_path: 'data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet', video_path: null,
    features: { action: { dtype: 'float32', shape: [2], names: null }, timestamp: { dtype: 'float32', shape: [1], names: null } },
  }, null, 4)))
  files.set('meta/stats.json', encoder.encode('{"timestamp": {"min": [0.0]}}\n'))
  files.set('meta/tasks.parquet', new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'task_index', data: [0n, 1n], type: 'INT64' }] })))
  const [first, second] = GROUPS as [number[], number[]]
  files.set('meta/episodes/chunk-000/file-000.parquet', episodesFile(options.shuffled ? [2, 0, 1] : first, starts, 0))
  files.set('meta/episodes/chunk-001/file-000.parquet', episodesFile(options.shuffled ? [4, 3] : second, starts, 1))
  files.set('data/chunk-000/file-000.parquet', dataFile(first, starts))
  files.set('data/chunk-000/file-001.parquet', dataFile(second, starts))
  return files
}

/** A FileStore over in-memory files; `listing: false` makes it behave like plain HTTP (no folder listing). */
export function memoryStore(files: FixtureFiles, options: { listing: boolean }): FileStore {
  const get = (path: string): Uint8Array => {
    const bytes = files.get(path)
    if (bytes === undefined) throw new FileNotFoundError(path, 'memory')
    return bytes
  }
  const store: FileStore = {
    label: 'memory', name: 'memory',
    readText: (path) => Promise.resolve(new TextDecoder().decode(get(path))),
    readBytes: (path, range) => Promise.resolve(range === undefined ? get(path) : get(path).slice(range.start, range.end)),
    size: (path) => Promise.resolve(files.get(path)?.byteLength),
  }
  if (options.listing) {
    store.list = (dir) => {
      const prefix = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`
      const names = new Set<string>()
      for (const path of files.keys()) {
        if (!path.startsWith(prefix)) continue
        const rest = path.slice(prefix.length)
        const slash = rest.indexOf('/')
        names.add(slash < 0 ? rest : rest.slice(0, slash + 1))
      }
      return Promise.resolve(names.size === 0 ? undefined : [...names].sort())
    }
  }
  return store
}
