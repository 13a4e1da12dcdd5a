/**
 * Reads byte ranges of one file through a small cache of aligned blocks, so stepping frame by frame through a
 * remote video costs one range request per block (256 KiB), not one per decoding run.
 */
import type { FileStore } from '../../fileStore'

export const BLOCK_SIZE = 256 * 1024
/** Blocks kept per file (16 MiB). Sample bytes are cheap to fetch again; decoded frames are what matter. */
export const MAX_BLOCKS = 64
/** Blocks per read-ahead request (1 MiB). */
const PREFETCH_BLOCKS = 4

export class BlockReader {
  private readonly blocks = new Map<number, Promise<Uint8Array>>()
  /** The blocks of `blocks` whose reads are done, for {@link readNow}. */
  private readonly loaded = new Map<number, Uint8Array>()

  constructor(
    private readonly store: FileStore,
    private readonly path: string,
    private readonly blockSize = BLOCK_SIZE,
  ) {}

  /** Bytes `[start, end)` in a fresh buffer of their own (safe to transfer). */
  async read(start: number, end: number): Promise<Uint8Array> {
    const out = new Uint8Array(Math.max(0, end - start))
    if (end <= start) return out
    const firstBlock = Math.floor(start / this.blockSize)
    const lastBlock = Math.floor((end - 1) / this.blockSize)
    this.fetchMissing(firstBlock, lastBlock)
    for (let b = firstBlock; b <= lastBlock; b++) {
      const bytes = await this.block(b)
      const blockStart = b * this.blockSize
      const from = Math.max(start, blockStart)
      const to = Math.min(end, blockStart + bytes.byteLength)
      if (to > from) out.set(bytes.subarray(from - blockStart, to - blockStart), from - start)
      if (blockStart + bytes.byteLength < Math.min(end, blockStart + this.blockSize)) {
        throw new Error(`${this.path}: file ends at byte ${blockStart + bytes.byteLength}, sample data runs to ${end}`)
      }
    }
    return out
  }

  /**
   * Bytes `[start, end)` in a fresh buffer, now, if every block of them is read already (else undefined): a
   * click's decoding run goes to the decoder in the click's own task, not after the promise hops of `read`.
   */
  readNow(start: number, end: number): Uint8Array | undefined {
    const out = new Uint8Array(Math.max(0, end - start))
    for (let b = Math.floor(start / this.blockSize); b <= Math.floor((end - 1) / this.blockSize) && end > start; b++) {
      const bytes = this.loaded.get(b)
      const blockStart = b * this.blockSize
      // Missing, or a short last block: `read` says what is wrong.
      if (bytes === undefined || blockStart + bytes.byteLength < Math.min(end, blockStart + this.blockSize)) return undefined
      const from = Math.max(start, blockStart)
      const to = Math.min(end, blockStart + bytes.byteLength)
      out.set(bytes.subarray(from - blockStart, to - blockStart), from - start)
    }
    for (let b = Math.floor(start / this.blockSize); b <= Math.floor((end - 1) / this.blockSize) && end > start; b++) void this.block(b)
    return out
  }

  /**
   * Reads bytes `[start, end)` into the block cache ahead of need, a few blocks per request and one request at
   * a time (so reads for a frame someone waits for are not queued behind it), until done or `stopped()`;
   * each request after `ready()` resolves. Never throws: a failed read is left to the read that needs those bytes.
   */
  async prefetch(start: number, end: number, stopped: () => boolean, ready: () => Promise<void> = () => Promise.resolve()): Promise<void> {
    const first = Math.floor(start / this.blockSize)
    const last = Math.floor((end - 1) / this.blockSize)
    for (let b = first; b <= last && !stopped(); b += PREFETCH_BLOCKS) {
      await ready()
      if (stopped()) return
      const upTo = Math.min(last, b + PREFETCH_BLOCKS - 1)
      this.fetchMissing(b, upTo)
      try {
        await this.blocks.get(upTo)
      } catch {
        return
      }
    }
  }

  private block(b: number): Promise<Uint8Array> {
    const p = this.blocks.get(b)
    if (p === undefined) {
      this.fetchMissing(b, b)
      return this.block(b)
    }
    // Most recently used last.
    this.blocks.delete(b)
    this.blocks.set(b, p)
    return p
  }

  /** One request for each stretch of consecutive missing blocks in `first..last`. */
  private fetchMissing(first: number, last: number): void {
    let b = first
    while (b <= last) {
      if (this.blocks.has(b)) {
        b++
        continue
      }
      let e = b
      while (e + 1 <= last && !this.blocks.has(e + 1)) e++
      const from = b * this.blockSize
      const all = this.store.readBytes(this.path, { start: from, end: (e + 1) * this.blockSize })
      for (let i = b; i <= e; i++) {
        const offset = (i - b) * this.blockSize
        const part = all.then((bytes) => bytes.subarray(offset, offset + this.blockSize))
        // A failed read is not cached: the next request tries again.
        part.then((bytes) => {
          if (this.blocks.get(i) === part) this.loaded.set(i, bytes)
        }, () => this.blocks.delete(i))
        this.blocks.set(i, part)
      }
      b = e + 1
    }
    while (this.blocks.size > MAX_BLOCKS) {
      const oldest = this.blocks.keys().next().value
      if (oldest === undefined) break
      this.blocks.delete(oldest)
      this.loaded.delete(oldest)
    }
  }
}
