// Files that are not where info.json's templates say (generated LeRobot v2.1 and v3.0 datasets): found in the
// usual other layouts through the file system and through HTTP without directory listings, found by name where
// the store can list, used, and reported as a warning naming both paths; looked for in bounded, cached walks.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { ffmpegVideo, H264, hasFfmpeg, moveFile, writeFiles } from '@/test/fixtureFolder'
import { lerobotV21Fixture, lerobotV30Fixture } from '@/test/lerobotFixture'
import { serve } from '@/test/testServer'
import type { EpisodeData } from './DatasetSource'
import type { FileStore } from './fileStore'
import { createHttpFileStore } from './httpFileStore'
import { openDataset } from './openDataset'

const FRONT = 'observation.images.front'
const WRIST = 'observation.images.wrist'
const v2Video = (i: number): string => `videos/chunk-000/${FRONT}/episode_00000${i}.mp4`
const v2Data = (i: number): string => `data/chunk-000/episode_00000${i}.parquet`

async function load(store: FileStore, episodes: number[]): Promise<EpisodeData[]> {
  const source = await openDataset(store)
  return Promise.all(episodes.map((i) => source.loadEpisode(i)))
}

const kinds = (e: EpisodeData | undefined): string[] => (e?.problems ?? []).map((p) => p.kind).sort()
const problem = (e: EpisodeData | undefined, kind: string) => e?.problems.find((p) => p.kind === kind)
const videoPath = (e: EpisodeData | undefined, i = 0): string | undefined => {
  const camera = e?.cameras[i]
  return camera?.kind === 'video' ? camera.path : undefined
}

describe.skipIf(!hasFfmpeg)('LeRobot v2.1 with misplaced videos and data files', () => {
  let root: string
  // Where each episode's files really are: 1 and 3 in another usual layout, 2 and 4 only a search finds.
  const moved = {
    video1: `videos/${FRONT}/chunk-000/episode_000001.mp4`,
    video2: `videos/archive/${FRONT}/episode_000002.mp4`,
    data3: 'data/episode_000003.parquet',
    data4: 'data/old/chunk-0/episode_4.parquet',
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'proclens-misplaced-v21-'))
    writeFiles(root, lerobotV21Fixture({ fps: 30, cameras: [{ key: FRONT, codec: 'h264' }], episodes: [0, 1, 2, 3, 4].map((index) => ({ index, length: 30 })) }))
    await Promise.all([0, 1, 2, 3, 4].map((i) => ffmpegVideo(root, v2Video(i), H264)))
    moveFile(root, v2Video(1), moved.video1)
    moveFile(root, v2Video(2), moved.video2)
    moveFile(root, v2Data(3), moved.data3)
    moveFile(root, v2Data(4), moved.data4)
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  function expectFound(episodes: EpisodeData[], which: (0 | 1 | 2 | 3 | 4)[]): void {
    if (which.includes(0)) expect([kinds(episodes[0]), episodes[0]?.availability]).toEqual([[], 'complete'])
    if (which.includes(1)) {
      expect([kinds(episodes[1]), videoPath(episodes[1])]).toEqual([['video-path-mismatch'], moved.video1])
      expect(problem(episodes[1], 'video-path-mismatch')).toMatchObject({
        severity: 'warning', file: moved.video1,
        message: `${FRONT}: the video is at ${moved.video1}, not at ${v2Video(1)} where info.json's video_path says; using it`,
        remedy: expect.stringContaining(`\`mkdir -p videos/chunk-000/${FRONT} && mv ${moved.video1} ${v2Video(1)}\``) as unknown,
      })
    }
    if (which.includes(2)) expect([kinds(episodes[2]), videoPath(episodes[2])]).toEqual([['video-path-mismatch'], moved.video2])
    if (which.includes(3)) {
      expect([kinds(episodes[3]), episodes[3]?.frames.origin, episodes[3]?.availability]).toEqual([['data-path-mismatch'], 'data', 'complete'])
      expect(problem(episodes[3], 'data-path-mismatch')?.message)
        .toBe(`the data file is at ${moved.data3}, not at ${v2Data(3)} where info.json's data_path says; using it`)
    }
    if (which.includes(4)) {
      expect([kinds(episodes[4]), episodes[4]?.frames.origin]).toEqual([['data-path-mismatch'], 'data'])
      expect(problem(episodes[4], 'data-path-mismatch')?.message).toContain(`is at ${moved.data4}, not at ${v2Data(4)}`)
    }
  }

  it('through the file system: every file found, each move a warning naming both paths', async () => {
    expectFound(await load(createNodeFileStore(root), [0, 1, 2, 3, 4]), [0, 1, 2, 3, 4])
  })

  it('over HTTP without listings: the usual layouts are found; the rest is reported with where it was looked for', async () => {
    const server = await serve(root, { listing: false })
    try {
      const episodes = await load(createHttpFileStore(server.url), [0, 1, 2, 3, 4])
      expectFound(episodes, [0, 1, 3])
      expect([kinds(episodes[2]), episodes[2]?.availability]).toEqual([['video-missing'], 'partial'])
      expect(problem(episodes[2], 'video-missing')?.message).toBe(`${FRONT}: no video file for episode 2 at ${v2Video(2)} ` +
        "(info.json's video_path); also looked at 3 other usual paths; videos/ was not searched: the server cannot list folders")
      expect([kinds(episodes[4]), episodes[4]?.frames.origin]).toEqual([['data-missing'], 'synthesized'])
      expect(problem(episodes[4], 'data-missing')?.message).toContain('data/ was not searched: the server cannot list folders')
      // No crawl: besides files, only the folders a listing would start from were asked for.
      const folders = new Set(server.requests.filter((r) => r.path.endsWith('/')).map((r) => r.path))
      expect([...folders].every((f) => ['/', '/videos/', '/data/'].includes(f))).toBe(true)
    } finally {
      await server.close()
    }
  })

  it('over HTTP with listings: found by name, as in the file system', async () => {
    const server = await serve(root, { listing: true })
    try {
      expectFound(await load(createHttpFileStore(server.url), [0, 1, 2, 3, 4]), [0, 1, 2, 3, 4])
    } finally {
      await server.close()
    }
  })
})

describe.skipIf(!hasFfmpeg)('LeRobot v3.0 with misplaced shared files', () => {
  let root: string
  const template = { front: `videos/${FRONT}/chunk-000/file-000.mp4`, wrist: `videos/${WRIST}/chunk-000/file-000.mp4`, data: 'data/chunk-000/file-000.parquet' }
  const moved = {
    // v2.1's folder order, the key as nested folders, unpadded indices.
    front: `videos/chunk-000/${FRONT}/file-000.mp4`,
    wrist: 'videos/observation/images/wrist/chunk-000/file-000.mp4',
    data: 'data/chunk-0/file-0.parquet',
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'proclens-misplaced-v30-'))
    writeFiles(root, lerobotV30Fixture({ fps: 30, lengths: [30, 20], cameras: [{ key: FRONT, codec: 'h264' }, { key: WRIST, codec: 'h264' }] }))
    await Promise.all([ffmpegVideo(root, moved.front, H264, 50), ffmpegVideo(root, moved.wrist, H264, 50)])
    moveFile(root, template.data, moved.data)
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  function expectFound(episodes: EpisodeData[]): void {
    for (const [i, length] of [[0, 30], [1, 20]] as const) {
      const e = episodes[i]
      expect([kinds(e), e?.availability, e?.length, e?.frames.origin]).toEqual([
        ['data-path-mismatch', 'video-path-mismatch', 'video-path-mismatch'], 'complete', length, 'data'])
      expect([videoPath(e, 0), videoPath(e, 1)]).toEqual([moved.front, moved.wrist])
      expect(e?.problems.map((p) => p.message)).toEqual(expect.arrayContaining([
        `the data file is at ${moved.data}, not at ${template.data} where info.json's data_path says; using it`,
        `${FRONT}: the video is at ${moved.front}, not at ${template.front} where info.json's video_path says; using it`,
        `${WRIST}: the video is at ${moved.wrist}, not at ${template.wrist} where info.json's video_path says; using it`,
      ]))
    }
    expect(episodes[1]?.cameras[0]).toMatchObject({ frames: 20, fromTimestamp: 1 })
  }

  it('through the file system', async () => {
    expectFound(await load(createNodeFileStore(root), [0, 1]))
  })

  it('over HTTP without directory listings', async () => {
    const server = await serve(root, { listing: false })
    try {
      expectFound(await load(createHttpFileStore(server.url), [0, 1]))
    } finally {
      await server.close()
    }
  })
})

describe.skipIf(!hasFfmpeg)('LeRobot v3.0 files only a search finds', () => {
  let root: string
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'proclens-search-v30-'))
    writeFiles(root, lerobotV30Fixture({ fps: 30, lengths: [30, 20], cameras: [{ key: FRONT, codec: 'h264' }, { key: WRIST, codec: 'h264' }] }))
    await ffmpegVideo(root, `videos/${FRONT}/extra/chunk-000/file-000.mp4`, H264, 50)
    // The same name in another chunk is another file: it must not stand in for chunk 0.
    await ffmpegVideo(root, `videos/${WRIST}/chunk-001/file-000.mp4`, H264, 50)
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('uses a file of the same name in the camera folder and the right chunk, walking videos/ once', async () => {
    const listed: string[] = []
    const node = createNodeFileStore(root)
    const store: FileStore = { ...node, list: (dir) => (listed.push(dir), node.list?.(dir) ?? Promise.resolve(undefined)) }
    const source = await openDataset(store)
    const episodes = [await source.loadEpisode(0), await source.loadEpisode(1), await source.loadEpisode(0)]
    for (const e of episodes) {
      expect(kinds(e)).toEqual(['video-missing', 'video-path-mismatch'])
      expect(videoPath(e)).toBe(`videos/${FRONT}/extra/chunk-000/file-000.mp4`)
    }
    expect(problem(episodes[0], 'video-missing')?.message).toBe(`${WRIST}: no video file for episode 0 at videos/${WRIST}/chunk-000/file-000.mp4 ` +
      "(info.json's video_path); also looked at 5 other usual paths and anywhere under videos/ (6 folders searched)")
    expect(listed.filter((d) => d === 'videos')).toHaveLength(1)
  })
})
