/**
 * An episode's per-frame table from LeRobot parquet (only the identity columns: frame_index, timestamp, index,
 * task_index), or one synthesized from length and fps when the data file is absent.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { DatasetOutcome, FrameTable } from '../DatasetSource'
import { outcomeFromFrames } from '../datasetOutcome'
import type { ParquetHandle } from '../parquet'
import { numberCell, readParquetRows } from '../parquet'
import { frameToSeconds } from '@/core/time'

/** `next.success`: LeRobot's per-frame success flag (simulation datasets), read for the episode's outcome. */
const COLUMNS = ['frame_index', 'timestamp', 'index', 'task_index', 'episode_index', 'next.success']

/** A table for `length` frames at `fps`, used when the data is absent. */
export function synthesizeFrameTable(length: number, fps: number): FrameTable {
  const n = Math.max(0, Math.floor(length))
  return {
    frameIndex: Int32Array.from({ length: n }, (_, i) => i),
    timestamp: Float64Array.from({ length: n }, (_, i) => frameToSeconds(i, fps)),
    origin: 'synthesized',
  }
}

export interface FrameTableRead {
  table: FrameTable
  /** The `episode_index` values of the rows (to check v3.0 row ranges). */
  episodeIndices: number[]
  /** From `next.success`, when the data has it. */
  outcome?: DatasetOutcome
  problems: Problem[]
}

/** Reads rows `[rowStart, rowEnd)` (the whole file by default). */
export async function readFrameTable(
  handle: ParquetHandle,
  options: { episode: number; fps: number; rowStart?: number; rowEnd?: number },
): Promise<FrameTableRead> {
  const range: { rowStart?: number; rowEnd?: number } = {}
  if (options.rowStart !== undefined) range.rowStart = options.rowStart
  if (options.rowEnd !== undefined) range.rowEnd = options.rowEnd
  const rows = await readParquetRows(handle, { columns: COLUMNS, ...range })
  const has = (c: string): boolean => handle.columns.includes(c)
  // With none of the identity columns there is nothing to read, but the rows are still there.
  const inRange = Math.max(0, Math.min(handle.numRows, options.rowEnd ?? handle.numRows) - Math.max(0, options.rowStart ?? 0))
  const n = COLUMNS.some(has) ? rows.length : inRange
  const problems: Problem[] = []
  const frameIndex = new Int32Array(n)
  const timestamp = new Float64Array(n)
  const globalIndex = has('index') ? new Float64Array(n) : undefined
  const taskIndex = has('task_index') ? new Int32Array(n) : undefined
  const episodeIndices: number[] = []
  for (let i = 0; i < n; i++) {
    const row = rows[i] ?? {}
    frameIndex[i] = numberCell(row.frame_index) ?? i
    timestamp[i] = numberCell(row.timestamp) ?? frameToSeconds(i, options.fps)
    if (globalIndex !== undefined) globalIndex[i] = numberCell(row.index) ?? NaN
    if (taskIndex !== undefined) taskIndex[i] = numberCell(row.task_index) ?? -1
    const ep = numberCell(row.episode_index)
    if (ep !== undefined) episodeIndices.push(ep)
  }
  const where = { episode: options.episode, file: handle.path }
  if (!has('frame_index')) {
    problems.push(dataProblem('data-column-missing', `the data has no frame_index column; its ${n} rows are numbered 0…${Math.max(0, n - 1)}`, where))
  } else {
    const bad = frameIndex.findIndex((v, i) => v !== i)
    if (bad >= 0) {
      problems.push(dataProblem('frame-index-gap',
        `frame_index does not run 0…${n - 1}: row ${bad} has frame_index ${frameIndex[bad]}; ` +
        'ProcVLM assumes it does (it uses frame_index as the position in the video)', where))
    }
  }
  if (!has('timestamp')) {
    problems.push(dataProblem('data-column-missing',
      `the data has no timestamp column; frames are timed at the metadata's ${options.fps} fps, and the data's own rate cannot be checked`, where))
  }
  const first = timestamp[0] ?? 0
  const last = timestamp[n - 1] ?? 0
  if (has('timestamp') && n > 2 && last > first) {
    const dataFps = (n - 1) / (last - first)
    if (Math.abs(dataFps - options.fps) / options.fps > 0.01) {
      problems.push(dataProblem('fps-mismatch',
        `the data's timestamps advance at ${Math.round(dataFps * 100) / 100} fps but the metadata says ${options.fps} fps`, where))
    }
  }
  const table: FrameTable = { frameIndex, timestamp, origin: 'data' }
  if (globalIndex !== undefined) table.globalIndex = globalIndex
  if (taskIndex !== undefined) table.taskIndex = taskIndex
  const read: FrameTableRead = { table, episodeIndices, problems }
  if (has('next.success')) {
    const outcome = outcomeFromFrames(rows.map((r) => r['next.success']), handle.path)
    if (outcome !== undefined) read.outcome = outcome
  }
  return read
}
