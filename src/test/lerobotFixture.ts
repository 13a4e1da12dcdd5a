/**
 * Builds small LeRobot datasets in memory (meta files and parquet, no videos) for tests: a map from path to
 * bytes that a test writes to a temp folder or serves over HTTP. Videos are made by the tests with ffmpeg.
 */
import { parquetWriteBuffer } from 'hyparquet-writer'

export type FixtureFiles = Map<string, Uint8Array>

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number]

export interface FixtureEpisode {
  index: number
  length: number
  task?: string
  /** Rows in the data file when they should differ from `length`. */
  rows?: number
  /** Write no data file for this episode. */
  noData?: boolean
  /** Leave the episode out of episodes.jsonl. */
  unlisted?: boolean
  /** Timestamps in the data advance at this rate instead of the dataset's fps. */
  dataFps?: number
}

export interface FixtureCamera {
  key: string
  /** What info.json declares (`video.codec`). */
  codec: string
  width?: number
  height?: number
}

const encoder = new TextEncoder()

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value, null, 2))
}

function features(cameras: FixtureCamera[], fps: number): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const c of cameras) {
    out[c.key] = {
      dtype: 'video', shape: [c.height ?? 64, c.width ?? 96, 3], names: ['height', 'width', 'channels'],
      info: { 'video.height': c.height ?? 64, 'video.width': c.width ?? 96, 'video.codec': c.codec, 'video.fps': fps, has_audio: false },
    }
  }
  for (const [key, dtype] of [['timestamp', 'float32'], ['frame_index', 'int64'], ['episode_index', 'int64'], ['index', 'int64'], ['task_index', 'int64']]) {
    out[key as string] = { dtype, shape: [1], names: null }
  }
  return out
}

/** One episode's per-frame rows as LeRobot writes them (INT64 identity columns, FLOAT timestamps). */
export function frameRowsParquet(options: { rows: number; episode: number; firstIndex: number; fps: number; taskIndex?: number }): Uint8Array {
  const { rows, episode, firstIndex, fps } = options
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'timestamp', data: Float32Array.from({ length: rows }, (_, i) => i / fps), type: 'FLOAT' },
      { name: 'frame_index', data: Array.from({ length: rows }, (_, i) => BigInt(i)), type: 'INT64' },
      { name: 'episode_index', data: Array.from({ length: rows }, () => BigInt(episode)), type: 'INT64' },
      { name: 'index', data: Array.from({ length: rows }, (_, i) => BigInt(firstIndex + i)), type: 'INT64' },
      { name: 'task_index', data: Array.from({ length: rows }, () => BigInt(options.taskIndex ?? 0)), type: 'INT64' },
    ],
  })
  return new Uint8Array(buffer)
}

/** A LeRobot v2.1 dataset's meta and data files. */
export function lerobotV21Fixture(options: { fps: number; episodes: FixtureEpisode[]; cameras: FixtureCamera[]; totalEpisodes?: number }): FixtureFiles {
  const { fps, episodes, cameras } = options
  const files: FixtureFiles = new Map()
  const tasks = [...new Set(episodes.map((e) => e.task ?? 'pick up the cube'))]
  files.set('meta/info.json', json({
    codebase_version: 'v2.1', robot_type: 'test', total_episodes: options.totalEpisodes ?? episodes.length,
    total_frames: episodes.reduce((n, e) => n + e.length, 0), total_tasks: tasks.length, chunks_size: 1000, fps,
    splits: { train: `0:${options.totalEpisodes ?? episodes.length}` },
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4',
    features: features(cameras, fps),
  }))
  files.set('meta/tasks.jsonl', encoder.encode(tasks.map((task, i) => JSON.stringify({ task_index: i, task })).join('\n') + '\n'))
  files.set('meta/episodes.jsonl', encoder.encode(episodes.filter((e) => e.unlisted !== true).map((e) =>
    JSON.stringify({ episode_index: e.index, tasks: [e.task ?? 'pick up the cube'], length: e.length })).join('\n') + '\n'))
  let firstIndex = 0
  for (const e of episodes) {
    if (e.noData !== true) {
      const path = `data/chunk-${String(Math.floor(e.index / 1000)).padStart(3, '0')}/episode_${String(e.index).padStart(6, '0')}.parquet`
      files.set(path, frameRowsParquet({ rows: e.rows ?? e.length, episode: e.index, firstIndex, fps: e.dataFps ?? fps, taskIndex: tasks.indexOf(e.task ?? 'pick up the cube') }))
    }
    firstIndex += e.length
  }
  return files
}

/** `meta/episodes.jsonl` text for `count` episodes with varied lengths and task texts (for lazy-reading tests). */
export function episodesJsonlText(count: number, skip: ReadonlySet<number> = new Set()): string {
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    if (skip.has(i)) continue
    const task = `task ${i % 7 === 0 ? 'with a much longer instruction text than the others ' : ''}${i % 13}`
    lines.push(JSON.stringify({ episode_index: i, tasks: [task], length: 100 + ((i * 37) % 400) }))
  }
  return lines.join('\n') + '\n'
}

function episodesSchema(cameras: string[], withSuccess: boolean): SchemaElement[] {
  const videoColumns = cameras.flatMap((key) => [
    { name: `videos/${key}/chunk_index`, type: 'INT64' as const, repetition_type: 'REQUIRED' as const },
    { name: `videos/${key}/file_index`, type: 'INT64' as const, repetition_type: 'REQUIRED' as const },
    { name: `videos/${key}/from_timestamp`, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const },
    { name: `videos/${key}/to_timestamp`, type: 'DOUBLE' as const, repetition_type: 'REQUIRED' as const },
  ])
  return [
    { name: 'root', num_children: 7 + videoColumns.length + (withSuccess ? 1 : 0) },
    { name: 'episode_index', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'tasks', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'length', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'data/chunk_index', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'data/file_index', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'dataset_from_index', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'dataset_to_index', type: 'INT64', repetition_type: 'REQUIRED' },
    ...videoColumns,
    ...(withSuccess ? [{ name: 'success', type: 'BOOLEAN' as const, repetition_type: 'REQUIRED' as const }] : []),
  ]
}

/**
 * A LeRobot v3.0 dataset: one episodes file, and data and (made by the tests) video files shared by
 * `episodesPerFile` episodes each (all of them by default): file `k` holds episodes `k*n .. k*n+n-1`.
 */
export function lerobotV30Fixture(options: {
  fps: number; lengths: number[]; cameras: FixtureCamera[]; rowGroupSize?: number; withData?: boolean; episodesPerFile?: number
  /** A `success` column in the episodes file. */
  success?: boolean[]
}): FixtureFiles {
  const { fps, lengths, cameras } = options
  const perFile = options.episodesPerFile ?? Math.max(1, lengths.length)
  const files: FixtureFiles = new Map()
  const starts: number[] = []
  let total = 0
  for (const length of lengths) {
    starts.push(total)
    total += length
  }
  const fileOf = (e: number): number => Math.floor(e / perFile)
  /** Global row where episode e's file begins: timestamps in a shared video count from there. */
  const fileStart = (e: number): number => starts[fileOf(e) * perFile] ?? 0
  files.set('meta/info.json', json({
    codebase_version: 'v3.0', robot_type: 'test', total_episodes: lengths.length, total_frames: total, total_tasks: 1,
    chunks_size: 1000, fps, splits: { train: `0:${lengths.length}` },
    data_path: 'data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet',
    video_path: 'videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4',
    features: features(cameras, fps),
  }))
  const big = (f: (i: number) => number): bigint[] => lengths.map((_, i) => BigInt(f(i)))
  const columnData = [
    { name: 'episode_index', data: big((i) => i) },
    { name: 'tasks', data: lengths.map((_, i) => [`task ${i % 5}`]) },
    { name: 'length', data: big((i) => lengths[i] ?? 0) },
    { name: 'data/chunk_index', data: big(() => 0) },
    { name: 'data/file_index', data: big(fileOf) },
    { name: 'dataset_from_index', data: big((i) => starts[i] ?? 0) },
    { name: 'dataset_to_index', data: big((i) => (starts[i] ?? 0) + (lengths[i] ?? 0)) },
    ...cameras.flatMap((c) => [
      { name: `videos/${c.key}/chunk_index`, data: big(() => 0) },
      { name: `videos/${c.key}/file_index`, data: big(fileOf) },
      { name: `videos/${c.key}/from_timestamp`, data: lengths.map((_, i) => ((starts[i] ?? 0) - fileStart(i)) / fps) },
      { name: `videos/${c.key}/to_timestamp`, data: lengths.map((_, i) => ((starts[i] ?? 0) - fileStart(i) + (lengths[i] ?? 0)) / fps) },
    ]),
    ...(options.success === undefined ? [] : [{ name: 'success', data: options.success }]),
  ]
  const schema = episodesSchema(cameras.map((c) => c.key), options.success !== undefined)
  files.set('meta/episodes/chunk-000/file-000.parquet', new Uint8Array(parquetWriteBuffer({
    schema, columnData, rowGroupSize: options.rowGroupSize ?? 10_000,
  })))
  if (options.withData === false) return files
  for (let first = 0; first < lengths.length; first += perFile) {
    const last = Math.min(lengths.length, first + perFile)
    const begin = starts[first] ?? 0
    const rows = (starts[last] ?? total) - begin
    const owner = new Int32Array(rows)
    for (let e = first; e < last; e++) owner.fill(e, (starts[e] ?? 0) - begin, (starts[e] ?? 0) - begin + (lengths[e] ?? 0))
    const episodeOf = (row: number): number => owner[row] ?? 0
    const frame = (row: number): number => row + begin - (starts[episodeOf(row)] ?? 0)
    files.set(`data/chunk-000/file-${String(fileOf(first)).padStart(3, '0')}.parquet`, new Uint8Array(parquetWriteBuffer({
      columnData: [
        { name: 'timestamp', data: Float32Array.from({ length: rows }, (_, r) => frame(r) / fps), type: 'FLOAT' },
        { name: 'frame_index', data: Array.from({ length: rows }, (_, r) => BigInt(frame(r))), type: 'INT64' },
        { name: 'episode_index', data: Array.from({ length: rows }, (_, r) => BigInt(episodeOf(r))), type: 'INT64' },
        { name: 'index', data: Array.from({ length: rows }, (_, r) => BigInt(r + begin)), type: 'INT64' },
        { name: 'task_index', data: Array.from({ length: rows }, () => 0n), type: 'INT64' },
      ],
    })))
  }
  return files
}
