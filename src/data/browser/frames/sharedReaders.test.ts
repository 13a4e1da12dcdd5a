import { describe, expect, it } from 'vitest'
import type { FileStore } from '../../fileStore'
import { BLOCK_SIZE } from './blockReader'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import { mapEpisodeFrames } from './frameMap'
import { acquireReader, READ_AHEAD_MAX_BYTES, readsWhole } from './sharedReaders'

/** A file of `size` bytes (byte i = i mod 251) that counts the bytes each path was asked for. */
function countingStore(size: number) {
  const asked = new Map<string, number>()
  const store = {
    label: 'test', name: 'test',
    readText: () => Promise.reject(new Error('no text')),
    size: () => Promise.resolve(size),
    readBytes(path: string, range?: { start: number; end: number }) {
      const start = range?.start ?? 0
      const end = Math.min(size, range?.end ?? size)
      asked.set(path, (asked.get(path) ?? 0) + (end - start))
      return Promise.resolve(Uint8Array.from({ length: end - start }, (_, i) => (start + i) % 251))
    },
  } as FileStore
  return { store, asked }
}

describe('acquireReader', () => {
  it('gives the users of one file one reader, so the bytes are read once for both', async () => {
    const { store, asked } = countingStore(3 * BLOCK_SIZE)
    const source = acquireReader(store, 'a.mp4')
    const hasher = acquireReader(store, 'a.mp4')
    expect(hasher.reader).toBe(source.reader)
    // The source reads the file ahead while the hasher reads its first chunk.
    await Promise.all([source.reader.prefetch(0, 3 * BLOCK_SIZE, () => false), hasher.reader.read(0, 2 * BLOCK_SIZE)])
    const chunk = await hasher.reader.read(BLOCK_SIZE, 3 * BLOCK_SIZE)
    expect(chunk[0]).toBe(BLOCK_SIZE % 251)
    expect(asked.get('a.mp4')).toBe(3 * BLOCK_SIZE)
    source.release()
    hasher.release()
  })

  it('keeps other files and other stores apart', () => {
    const one = countingStore(BLOCK_SIZE).store
    const other = countingStore(BLOCK_SIZE).store
    const a = acquireReader(one, 'a.mp4')
    const b = acquireReader(one, 'b.mp4')
    const c = acquireReader(other, 'a.mp4')
    expect(new Set([a.reader, b.reader, c.reader]).size).toBe(3)
    for (const r of [a, b, c]) r.release()
  })

  it("drops a file's blocks once its last user releases it (a second release counts once)", async () => {
    const { store, asked } = countingStore(BLOCK_SIZE)
    const first = acquireReader(store, 'a.mp4')
    const second = acquireReader(store, 'a.mp4')
    await first.reader.read(0, 10)
    first.release()
    first.release()
    // Still in use by the second: the same reader, nothing read again.
    expect(acquireReader(store, 'a.mp4').reader).toBe(second.reader)
    await second.reader.read(0, 10)
    expect(asked.get('a.mp4')).toBe(BLOCK_SIZE)
  })

  it('a reader acquired after every user released is a new one', () => {
    const { store } = countingStore(BLOCK_SIZE)
    const first = acquireReader(store, 'a.mp4')
    first.release()
    const again = acquireReader(store, 'a.mp4')
    expect(again.reader).not.toBe(first.reader)
    again.release()
  })
})

describe('readsWhole', () => {
  // Two samples of `size` bytes: the episode reads 2 × size.
  const episodeOf = (size: number) => mapEpisodeFrames(fakeMp4Index([0, 1], (k) => k === 0, 0, size))
  it.each([[READ_AHEAD_MAX_BYTES / 2, true], [READ_AHEAD_MAX_BYTES / 2 + 1, false], [500, true]])('samples of %i bytes: %s', (size, whole) => {
    expect(readsWhole(episodeOf(size))).toBe(whole)
  })
})
