import { describe, expect, it } from 'vitest'
import type { FileStore } from '../../fileStore'
import { BLOCK_SIZE, BlockReader } from './blockReader'

/** A file of `size` bytes (byte i is i mod 251) that records every range asked for. */
function fileStore(size: number) {
  const requests: { start: number; end: number }[] = []
  const store: FileStore = {
    label: 'test', name: 'test',
    readText: () => Promise.resolve(''),
    size: () => Promise.resolve(size),
    readBytes: (_p, range) => {
      const start = range?.start ?? 0
      const end = Math.min(size, range?.end ?? size)
      requests.push({ start, end })
      return Promise.resolve(Uint8Array.from({ length: Math.max(0, end - start) }, (_, i) => (start + i) % 251))
    },
  }
  return { store, requests }
}

describe('BlockReader', () => {
  it('reads a range through aligned blocks, and again from the cache', async () => {
    const { store, requests } = fileStore(3 * BLOCK_SIZE)
    const reader = new BlockReader(store, 'v.mp4')
    const bytes = await reader.read(BLOCK_SIZE - 2, BLOCK_SIZE + 2)
    expect([...bytes]).toEqual([BLOCK_SIZE - 2, BLOCK_SIZE - 1, BLOCK_SIZE, BLOCK_SIZE + 1].map((i) => i % 251))
    expect(requests).toEqual([{ start: 0, end: 2 * BLOCK_SIZE }])
    await reader.read(10, 20)
    expect(requests).toHaveLength(1)
  })

  it('reads ahead in requests of four blocks, one at a time; reads after it come from the cache', async () => {
    const { store, requests } = fileStore(10 * BLOCK_SIZE)
    const reader = new BlockReader(store, 'v.mp4')
    await reader.prefetch(0, 10 * BLOCK_SIZE, () => false)
    expect(requests.map((r) => r.start / BLOCK_SIZE)).toEqual([0, 4, 8])
    const bytes = await reader.read(9 * BLOCK_SIZE + 5, 9 * BLOCK_SIZE + 6)
    expect(bytes[0]).toBe((9 * BLOCK_SIZE + 5) % 251)
    expect(requests).toHaveLength(3)
  })

  it('gives bytes at once only when every block of them is read, as read gives them', async () => {
    const { store, requests } = fileStore(2 * BLOCK_SIZE + 10)
    const reader = new BlockReader(store, 'v.mp4')
    expect(reader.readNow(5, 9)).toBeUndefined()
    const reading = reader.read(BLOCK_SIZE - 2, BLOCK_SIZE + 2)
    expect(reader.readNow(BLOCK_SIZE - 2, BLOCK_SIZE + 2)).toBeUndefined()
    const bytes = await reading
    expect(reader.readNow(BLOCK_SIZE - 2, BLOCK_SIZE + 2)).toEqual(bytes)
    expect(reader.readNow(BLOCK_SIZE - 2, 2 * BLOCK_SIZE + 1)).toBeUndefined()
    await reader.read(2 * BLOCK_SIZE, 2 * BLOCK_SIZE + 10)
    expect([...(reader.readNow(2 * BLOCK_SIZE + 8, 2 * BLOCK_SIZE + 10) ?? [])]).toEqual([(2 * BLOCK_SIZE + 8) % 251, (2 * BLOCK_SIZE + 9) % 251])
    // Past the end of the file: `read` reports it, `readNow` does not pretend.
    expect(reader.readNow(2 * BLOCK_SIZE, 2 * BLOCK_SIZE + 11)).toBeUndefined()
    expect(requests).toHaveLength(2)
  })

  it('reads ahead only when ready', async () => {
    const { store, requests } = fileStore(10 * BLOCK_SIZE)
    const reader = new BlockReader(store, 'v.mp4')
    let open = () => undefined as void
    const gate = new Promise<void>((r) => (open = r))
    const done = reader.prefetch(0, 10 * BLOCK_SIZE, () => false, () => gate)
    await new Promise((r) => setTimeout(r, 0))
    expect(requests).toHaveLength(0)
    open()
    await done
    expect(requests).toHaveLength(3)
  })

  it('stops reading ahead when told', async () => {
    const { store, requests } = fileStore(10 * BLOCK_SIZE)
    const reader = new BlockReader(store, 'v.mp4')
    await reader.prefetch(0, 10 * BLOCK_SIZE, () => requests.length >= 1)
    expect(requests).toHaveLength(1)
  })
})
