/**
 * LeRobot v3.0 episode metadata: rows of `meta/episodes/chunk-XXX/file-YYY.parquet`, concatenated in file
 * order. Files are discovered one at a time (only their footers are read) until the rows asked for are
 * covered, and only the requested row range and columns are decoded.
 */
import type { Problem } from '@/core/problems'
import { dataProblem } from '../dataProblems'
import type { FileStore } from '../fileStore'
import type { ParquetHandle } from '../parquet'
import { openParquet, readParquetRows, unreadableMessage } from '../parquet'
import { formatTemplate } from './info'

export const EPISODES_PARQUET = 'meta/episodes/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet'

interface EpisodesFile {
  handle: ParquetHandle
  firstRow: number
  chunk: number
  file: number
}

export type EpisodeRow = Record<string, unknown>

export class V30Episodes {
  private readonly files: EpisodesFile[] = []
  private exhausted = false
  private opening: Promise<boolean> | undefined
  readonly problems: Problem[] = []

  constructor(private readonly store: FileStore) {}

  /** Rows at positions `[start, end)` (position = episode index in a well-formed dataset). */
  async rows(start: number, end: number, columns: string[]): Promise<EpisodeRow[]> {
    while (!this.exhausted && this.rowsKnown() < end) await this.openNext()
    const out: EpisodeRow[] = []
    for (const f of this.files) {
      const lo = Math.max(start, f.firstRow)
      const hi = Math.min(end, f.firstRow + f.handle.numRows)
      if (hi <= lo) continue
      out.push(...(await this.read(f, columns, lo - f.firstRow, hi - f.firstRow)))
    }
    return out
  }

  /**
   * A file's rows, or none when its pages are damaged (hyparquet throws on a corrupt page header): a problem
   * naming the file, once, and the other files still list their episodes.
   */
  private async read(f: (typeof this.files)[number], columns: string[], rowStart: number, rowEnd: number): Promise<EpisodeRow[]> {
    try {
      return await readParquetRows(f.handle, { columns, rowStart, rowEnd })
    } catch (e) {
      const path = formatTemplate(EPISODES_PARQUET, { chunk_index: f.chunk, file_index: f.file })
      if (!this.problems.some((p) => p.file === path)) {
        this.problems.push(dataProblem('episodes-index-malformed', unreadableMessage(path, e), { file: path }))
      }
      return []
    }
  }

  /** Every row (background scan), reporting files done. */
  async all(columns: string[], onProgress?: (done: number, total: number) => void, signal?: AbortSignal): Promise<EpisodeRow[]> {
    while (!this.exhausted) {
      signal?.throwIfAborted()
      await this.openNext()
    }
    const out: EpisodeRow[] = []
    for (const [i, f] of this.files.entries()) {
      signal?.throwIfAborted()
      out.push(...(await this.read(f, columns, 0, f.handle.numRows)))
      onProgress?.(i + 1, this.files.length)
    }
    return out
  }

  /** True when no episodes file exists at all. */
  async isEmpty(): Promise<boolean> {
    if (this.files.length === 0 && !this.exhausted) await this.openNext()
    return this.files.length === 0
  }

  private rowsKnown(): number {
    const last = this.files.at(-1)
    return last === undefined ? 0 : last.firstRow + last.handle.numRows
  }

  private openNext(): Promise<boolean> {
    this.opening ??= this.tryOpenNext().finally(() => {
      this.opening = undefined
    })
    return this.opening
  }

  private async tryOpenNext(): Promise<boolean> {
    const last = this.files.at(-1)
    const candidates = last === undefined
      ? [{ chunk: 0, file: 0 }]
      : [{ chunk: last.chunk, file: last.file + 1 }, { chunk: last.chunk + 1, file: 0 }]
    for (const c of candidates) {
      const path = formatTemplate(EPISODES_PARQUET, { chunk_index: c.chunk, file_index: c.file })
      if ((await this.store.size(path)) === undefined) continue
      try {
        const handle = await openParquet(this.store, path)
        this.files.push({ handle, firstRow: this.rowsKnown(), ...c })
        return true
      } catch (e) {
        this.problems.push(dataProblem('episodes-index-malformed', unreadableMessage(path, e), { file: path }))
      }
    }
    this.exhausted = true
    return false
  }
}
