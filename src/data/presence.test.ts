// Presence of a partly downloaded dataset, decided without reading any episode: the same answer from a folder
// (listings), from a server with directory indexes and from one without (a HEAD per file), and few requests
// where listings exist.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { FixtureFiles } from '@/test/lerobotFixture'
import { lerobotV21Fixture, lerobotV30Fixture } from '@/test/lerobotFixture'
import { serve } from '@/test/testServer'
import type { TestServer } from '@/test/testServer'
import type { EpisodePresence } from './DatasetSource'
import { countingStore } from './fileStore'
import type { FileStore } from './fileStore'
import { createHttpFileStore } from './httpFileStore'
import { openDataset } from './openDataset'
import { availabilityOf, isPlayable } from './presence'

const FRONT = 'observation.images.front'
const WRIST = 'observation.images.wrist'
// Presence never reads a video, so any bytes will do.
const NOT_READ = new TextEncoder().encode('video bytes are never read by a presence check')

function writeFiles(root: string, files: FixtureFiles): void {
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), bytes)
  }
}

const v2Video = (key: string, i: number): string => `videos/chunk-000/${key}/episode_${String(i).padStart(6, '0')}.mp4`

/** episode -> [data file present, front video present, wrist video present] */
const V21: Record<number, [boolean, boolean, boolean]> = {
  0: [false, false, false],
  1: [false, false, false],
  2: [true, true, true],
  3: [true, false, false],
  4: [false, true, false],
  5: [true, true, false],
  6: [false, false, false],
  7: [true, true, true],
}

function summary(p: EpisodePresence): string {
  return `${p.index}:${availabilityOf(p)}${isPlayable(p) ? ':playable' : ''}`
}

describe('availability from presence', () => {
  const cam = (present: boolean) => ({ key: 'c', present })
  it.each([
    [{ data: true, cameras: [cam(true), cam(true)] }, 'complete', true],
    [{ data: true, cameras: [cam(true), cam(false)] }, 'partial', true],
    [{ data: true, cameras: [cam(false)] }, 'partial', false],
    [{ data: false, cameras: [cam(true)] }, 'partial', true],
    [{ data: false, cameras: [cam(false)] }, 'missing', false],
    [{ data: true, cameras: [] }, 'complete', false],
    [{ data: undefined, cameras: [cam(true)] }, 'complete', true],
    [{ data: undefined, cameras: [] }, 'missing', false],
  ] as const)('%o is %s', (p, availability, playable) => {
    const presence = { index: 0, absent: [], ...p, cameras: [...p.cameras] }
    expect(availabilityOf(presence)).toBe(availability)
    expect(isPlayable(presence)).toBe(playable)
  })
})

describe('presence of a partly downloaded LeRobot v2.1 dataset', () => {
  let root: string
  const servers: TestServer[] = []
  const expected = Object.entries(V21).map(([i, [data, front, wrist]]) => {
    const cameras = [front, wrist].filter(Boolean).length
    const availability = !data && cameras === 0 ? 'missing' : data && cameras === 2 ? 'complete' : 'partial'
    return `${i}:${availability}${cameras > 0 ? ':playable' : ''}`
  })

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'proclens-presence-'))
    const episodes = Object.entries(V21).map(([i, [data]]) => ({ index: Number(i), length: 30, ...(data ? {} : { noData: true }) }))
    writeFiles(root, lerobotV21Fixture({ fps: 30, episodes, cameras: [{ key: FRONT, codec: 'h264' }, { key: WRIST, codec: 'h264' }] }))
    for (const [i, [, front, wrist]] of Object.entries(V21)) {
      if (front) writeFiles(root, new Map([[v2Video(FRONT, Number(i)), NOT_READ]]))
      if (wrist) writeFiles(root, new Map([[v2Video(WRIST, Number(i)), NOT_READ]]))
    }
  })
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()))
    rmSync(root, { recursive: true, force: true })
  })

  it('marks each episode from a folder', async () => {
    const source = await openDataset(createNodeFileStore(root))
    const presence = await source.checkPresence(0, 8)
    expect(presence.map(summary)).toEqual(expected)
    expect(presence[3]?.absent).toEqual([v2Video(FRONT, 3), v2Video(WRIST, 3)])
    expect(presence[4]?.absent).toEqual(['data/chunk-000/episode_000004.parquet', v2Video(WRIST, 4)])
  })

  it('lists absent files in camera order, whichever answer comes first', async () => {
    // The first camera's file sizes (the nearby search's requests) are answered last, as a slow server might.
    const store = createNodeFileStore(root)
    const slowFront: FileStore = {
      ...store,
      size: async (path) => {
        if (path.includes(FRONT)) await new Promise((r) => setTimeout(r, 50))
        return store.size(path)
      },
    }
    const source = await openDataset(slowFront)
    const presence = await source.checkPresence(0, 8)
    expect(presence[0]?.absent).toEqual(['data/chunk-000/episode_000000.parquet', v2Video(FRONT, 0), v2Video(WRIST, 0)])
  })

  it.each([
    ['with directory indexes', { listing: true }],
    ['without directory indexes', { listing: false }],
  ])('gives the same answer over HTTP %s', async (_, options) => {
    const server = await serve(root, options)
    servers.push(server)
    const source = await openDataset(createHttpFileStore(server.url))
    expect((await source.checkPresence(0, 8)).map(summary)).toEqual(expected)
    if (!options.listing) {
      // No listing: a HEAD per file, and the nearby search stops after eight fruitless tries.
      const heads = server.requests.filter((r) => r.method === 'HEAD').length
      expect(heads).toBeLessThan(8 * 3 + 8 * 4 + 4)
    }
  })

  it('asks a folder once for all its episodes, and stops searching nearby when it never pays off', async () => {
    const big = mkdtempSync(join(tmpdir(), 'proclens-presence-big-'))
    try {
      const episodes = Array.from({ length: 200 }, (_, i) => ({ index: i, length: 10, ...(i % 50 === 7 ? {} : { noData: true }) }))
      writeFiles(big, lerobotV21Fixture({ fps: 30, episodes, cameras: [{ key: FRONT, codec: 'h264' }, { key: WRIST, codec: 'h264' }] }))
      for (const i of [7, 57, 107, 157]) writeFiles(big, new Map([[v2Video(FRONT, i), NOT_READ], [v2Video(WRIST, i), NOT_READ]]))
      const { store, counters } = countingStore(createNodeFileStore(big))
      const source = await openDataset(store)
      const before = counters.requests
      const presence = await source.checkPresence(0, 200)
      expect(presence.filter(isPlayable).map((p) => p.index)).toEqual([7, 57, 107, 157])
      // Three listings (data/chunk-000 and the two camera folders) answer for 600 files; the eight nearby
      // searches for absent videos cost a few sizes each. A check per file would be 600 requests.
      expect(counters.requests - before).toBeLessThan(60)
    } finally {
      rmSync(big, { recursive: true, force: true })
    }
  })

  it('counts a video found off its template path as present', async () => {
    const moved = mkdtempSync(join(tmpdir(), 'proclens-presence-moved-'))
    try {
      writeFiles(moved, lerobotV21Fixture({ fps: 30, episodes: [{ index: 0, length: 30 }], cameras: [{ key: FRONT, codec: 'h264' }] }))
      writeFiles(moved, new Map([[`videos/${FRONT}/episode_000000.mp4`, NOT_READ]]))
      const source = await openDataset(createNodeFileStore(moved))
      expect((await source.checkPresence(0, 1)).map(summary)).toEqual(['0:complete:playable'])
    } finally {
      rmSync(moved, { recursive: true, force: true })
    }
  })
})

describe('presence of a partly downloaded LeRobot v3.0 dataset', () => {
  let root: string

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'proclens-presence-v3-'))
    // Six episodes, two per file; file-001 (episodes 2 and 3) was never downloaded, file-002 has data but no video.
    const files = lerobotV30Fixture({ fps: 30, lengths: [20, 21, 22, 23, 24, 25], cameras: [{ key: FRONT, codec: 'av1' }], episodesPerFile: 2 })
    files.delete('data/chunk-000/file-001.parquet')
    writeFiles(root, files)
    writeFiles(root, new Map([[`videos/${FRONT}/chunk-000/file-000.mp4`, NOT_READ]]))
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('checks each shared file once and marks the episodes that live in absent files', async () => {
    const source = await openDataset(createNodeFileStore(root))
    const presence = await source.checkPresence(0, 6)
    expect(presence.map(summary)).toEqual([
      '0:complete:playable', '1:complete:playable', '2:missing', '3:missing', '4:partial', '5:partial',
    ])
    expect(presence[2]?.absent).toEqual(['data/chunk-000/file-001.parquet', `videos/${FRONT}/chunk-000/file-001.mp4`])
    const episode = await source.loadEpisode(2)
    expect(episode.availability).toBe('missing')
  })
})
