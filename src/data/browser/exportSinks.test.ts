import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import type { ExportSink } from '@/core/exports/exportFile'
import type { ByteTarget } from './exportSinks'
import { zipSink } from './exportSinks'

function collector(): ByteTarget & { bytes(): Uint8Array; closed: boolean; aborted: string | undefined } {
  const chunks: Uint8Array[] = []
  const t = {
    closed: false,
    aborted: undefined as string | undefined,
    write: (c: Uint8Array) => { chunks.push(c.slice()); return Promise.resolve() },
    close: () => { t.closed = true; return Promise.resolve() },
    abort: (reason: string) => { t.aborted = reason; return Promise.resolve() },
    bytes: () => {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
      let at = 0
      for (const c of chunks) { out.set(c, at); at += c.length }
      return out
    },
  }
  return t
}

async function fill(sink: ExportSink): Promise<void> {
  await sink.write({ path: 'v2/sub_task/demo/episode_000000.sub_task.jsonl', data: '{"frame_id": 0}\n' })
  await sink.write({ path: 'images/demo/cam/episode_000000/000000.jpg', data: new Uint8Array([0xff, 0xd8, 1, 2, 3]) })
  const s = await sink.open('records/demo.records.jsonl')
  for (let i = 0; i < 1000; i++) await s.write(`{"line":${i},"text":"é"}\n`)
  await s.close()
  await sink.close()
}

describe('zip sink', () => {
  it('writes every file and stream, in order, readable by an unzipper, and the same bytes twice', async () => {
    const a = collector()
    await fill(zipSink(a))
    const b = collector()
    await fill(zipSink(b))
    expect(a.closed).toBe(true)
    expect(a.bytes()).toEqual(b.bytes())
    const files = unzipSync(a.bytes())
    expect(Object.keys(files)).toEqual(['v2/sub_task/demo/episode_000000.sub_task.jsonl', 'images/demo/cam/episode_000000/000000.jpg', 'records/demo.records.jsonl'])
    expect(new TextDecoder().decode(files['v2/sub_task/demo/episode_000000.sub_task.jsonl'])).toBe('{"frame_id": 0}\n')
    expect(files['images/demo/cam/episode_000000/000000.jpg']).toEqual(new Uint8Array([0xff, 0xd8, 1, 2, 3]))
    const lines = new TextDecoder().decode(files['records/demo.records.jsonl']).split('\n')
    expect(lines).toHaveLength(1001)
    expect(lines[999]).toBe('{"line":999,"text":"é"}')
  })

  it.each(['/etc/passwd', '../up.txt', 'a//b', 'a/./b'])('refuses the unsafe path %j', async (path) => {
    await expect(zipSink(collector()).write({ path, data: 'x' })).rejects.toThrow(/unsafe path/)
  })

  it('abort gives up and tells the target', async () => {
    const t = collector()
    const sink = zipSink(t)
    await sink.write({ path: 'a.txt', data: 'x' })
    await sink.abort('cancelled')
    expect(t.aborted).toBe('cancelled')
    expect(t.closed).toBe(false)
  })
})
