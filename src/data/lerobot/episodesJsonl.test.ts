import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { countingStore } from '../fileStore'
import { openDataset } from '../openDataset'
import { episodesJsonlText, lerobotV30Fixture } from '@/test/lerobotFixture'
import { EPISODES_JSONL, EpisodesJsonl } from './episodesJsonl'

const N = 100_000

function writeDataset(dir: string, jsonl: string, total = N): void {
  mkdirSync(join(dir, 'meta'), { recursive: true })
  writeFileSync(join(dir, 'meta/info.json'), JSON.stringify({
    codebase_version: 'v2.1', total_episodes: total, fps: 30, chunks_size: 1000,
    data_path: 'data/chunk-{episode_chunk:03d}/episode_{episode_index:06d}.parquet',
    video_path: 'videos/chunk-{episode_chunk:03d}/{video_key}/episode_{episode_index:06d}.mp4', features: {},
  }))
  writeFileSync(join(dir, 'meta/episodes.jsonl'), jsonl)
}

function expectedLine(i: number): { index: number; length: number; task: string } {
  return { index: i, length: 100 + ((i * 37) % 400), task: `task ${i % 7 === 0 ? 'with a much longer instruction text than the others ' : ''}${i % 13}` }
}

describe('lazy episodes.jsonl on a 100,000-episode index', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-jsonl-'))
    writeDataset(dir, episodesJsonlText(N))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('opens and lists the first 50 episodes reading a bounded number of bytes', async () => {
    const { store, counters } = countingStore(createNodeFileStore(dir))
    const source = await openDataset(store)
    const page = await source.listEpisodes(0, 50)
    expect(source.episodeCount).toBe(N)
    expect(page.map((e) => ({ index: e.index, length: e.length, task: e.task }))).toEqual(
      Array.from({ length: 50 }, (_, i) => expectedLine(i)))
    // The index file is ~7.6 MB; a page needs ~4 KB of it plus info.json.
    expect(counters.byPath.get(EPISODES_JSONL) ?? 0).toBeLessThan(12 * 1024)
    expect(counters.bytes).toBeLessThan(16 * 1024)
  })

  it.each([[50_000], [12_345], [99_950], [73_001], [99_990]])('lists a page at %i with a few small reads', async (start) => {
    const { store, counters } = countingStore(createNodeFileStore(dir))
    const source = await openDataset(store)
    const page = await source.listEpisodes(start, start + 50)
    expect(page.map((e) => e.index)).toEqual(Array.from({ length: Math.min(50, N - start) }, (_, i) => start + i))
    expect(page[7]).toMatchObject(expectedLine(start + 7))
    expect(counters.byPath.get(EPISODES_JSONL) ?? 0).toBeLessThan(48 * 1024)
  })

  it('serves random pages correctly from one reader, learning offsets as it goes', async () => {
    const source = await openDataset(createNodeFileStore(dir))
    for (const start of [5, 90_000, 41_234, 41_200, 99_999, 0, 65_536]) {
      const page = await source.listEpisodes(start, start + 20)
      expect(page.map((e) => e.index)).toEqual(Array.from({ length: Math.min(20, N - start) }, (_, i) => start + i))
      expect(page.map((e) => e.length)).toEqual(page.map((e) => expectedLine(e.index).length))
    }
  })

  it('scans the whole index in the background with progress, and can be aborted', async () => {
    const source = await openDataset(createNodeFileStore(dir))
    const progress: number[] = []
    const scan = await source.scanAllEpisodes((p) => progress.push(p.done / p.total))
    expect(scan.episodeCount).toBe(N)
    expect(scan.episodes[N - 1]).toMatchObject(expectedLine(N - 1))
    expect(progress.at(-1)).toBe(1)
    expect(progress.length).toBeGreaterThan(2)
    const controller = new AbortController()
    controller.abort()
    const fresh = await openDataset(createNodeFileStore(dir))
    await expect(fresh.scanAllEpisodes(undefined, controller.signal)).rejects.toThrow()
  })
})

describe('episodes.jsonl edge cases', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-jsonl-edge-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function reader(name: string, text: string, expected: number): EpisodesJsonl {
    const root = join(dir, name)
    writeDataset(root, text, expected)
    const size = Buffer.byteLength(text)
    return new EpisodesJsonl(createNodeFileStore(root), size, expected)
  }

  it('skips episodes missing from the index (gaps) without looping', async () => {
    const skip = new Set([10, 11, 12, 5000, 19_999])
    const index = reader('gaps', episodesJsonlText(20_000, skip), 20_000)
    expect((await index.range(8, 15)).map((l) => l.index)).toEqual([8, 9, 13, 14])
    expect((await index.range(4998, 5002)).map((l) => l.index)).toEqual([4998, 4999, 5001])
    expect((await index.range(19_998, 20_000)).map((l) => l.index)).toEqual([19_998])
  })

  it('falls back to one full read when the file is not sorted, and says so', async () => {
    const lines = episodesJsonlText(20_000).trim().split('\n')
    ;[lines[100], lines[15_000]] = [lines[15_000] ?? '', lines[100] ?? '']
    const index = reader('unsorted', lines.join('\n') + '\n', 20_000)
    expect((await index.range(15_000, 15_002)).map((l) => l.index)).toEqual([15_000, 15_001])
    expect((await index.range(99, 102)).map((l) => l.index)).toEqual([99, 100, 101])
    expect(index.problems.map((p) => p.kind)).toContain('episodes-unsorted')
  })

  it('reads a file without a trailing newline and reports malformed lines on a scan', async () => {
    const text = episodesJsonlText(300_0).trim().replace('{"episode_index":1500,', 'garbage{"episode_index":1500,')
    const index = reader('ragged', text, 3000)
    expect((await index.range(2995, 3000)).map((l) => l.index)).toEqual([2995, 2996, 2997, 2998, 2999])
    const all = await index.scanAll()
    expect(all).toHaveLength(2999)
    expect(index.problems).toEqual([expect.objectContaining({ kind: 'episodes-index-malformed', severity: 'warning' })])
  })

  it('reports a total_episodes that disagrees with the index after a scan', async () => {
    const root = join(dir, 'count')
    writeDataset(root, episodesJsonlText(120), 125)
    const source = await openDataset(createNodeFileStore(root))
    expect(source.episodeCount).toBe(125)
    const scan = await source.scanAllEpisodes()
    expect(scan.episodeCount).toBe(120)
    expect(scan.problems.map((p) => p.kind)).toEqual(['episode-count-mismatch'])
  })
})

describe('lazy v3.0 episodes parquet on 100,000 episodes', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-v3-'))
    const lengths = Array.from({ length: N }, (_, i) => 100 + ((i * 37) % 400))
    const files = lerobotV30Fixture({ fps: 30, lengths, cameras: [{ key: 'observation.images.front', codec: 'av1' }], rowGroupSize: 5000, withData: false })
    for (const [path, bytes] of files) {
      mkdirSync(join(dir, path, '..'), { recursive: true })
      writeFileSync(join(dir, path), bytes)
    }
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads only the footer and the row groups a page needs', async () => {
    const { store, counters } = countingStore(createNodeFileStore(dir))
    const source = await openDataset(store)
    const first = await source.listEpisodes(0, 50)
    const later = await source.listEpisodes(77_000, 77_050)
    expect(first.map((e) => e.index)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(later[3]).toMatchObject({ index: 77_003, length: 100 + ((77_003 * 37) % 400), task: `task ${77_003 % 5}` })
    const path = 'meta/episodes/chunk-000/file-000.parquet'
    const fileSize = (await store.size(path)) ?? 0
    expect(counters.byPath.get(path) ?? 0).toBeLessThan(fileSize / 4)
  })
})
