// Files that are not what their names say (a generated LeRobot v2.1 dataset): an MP4 in a codec browsers cannot
// decode, Matroska and WebM named .mp4, an AVI, a Git LFS pointer and an HTML page where a video should be, an
// LFS pointer where a parquet should be. Each is named for what it is, with the exact command that fixes it, in
// the app's problems and in `proclens inspect` (JSON and text), from a folder and over HTTP.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '@/cli/main'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { captureConsole } from '@/test/captureConsole'
import { ffmpegVideo, H264, hasFfmpeg, writeFile, writeFiles } from '@/test/fixtureFolder'
import { lerobotV21Fixture } from '@/test/lerobotFixture'
import { serve } from '@/test/testServer'
import type { EpisodeData } from './DatasetSource'
import { createHttpFileStore } from './httpFileStore'
import type { InspectProblem } from './inspectDataset'
import { openDataset } from './openDataset'

const CAM = 'observation.images.front'
const video = (i: number, ext = 'mp4'): string => `videos/chunk-000/${CAM}/episode_00000${i}.${ext}`
const reencode = (path: string): string =>
  `ffmpeg -i ${path} -map 0:v:0 -c:v libx264 -pix_fmt yuv420p -crf 18 -g 2 -fps_mode passthrough -an -movflags +faststart ${path.replace(/\.\w+$/, '')}.h264.mp4`
const LFS = 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345678\n'
const HTML = '<!DOCTYPE html>\n<html><head><title>Sign in · Hugging Face</title></head><body>…</body></html>\n'

const { stdout } = captureConsole()

describe.skipIf(!hasFfmpeg)('files that are not what their names say', () => {
  let root: string
  const episodes: EpisodeData[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'proclens-mislabelled-'))
    writeFiles(root, lerobotV21Fixture({ fps: 30, cameras: [{ key: CAM, codec: 'h264' }], episodes: [0, 1, 2, 3, 4, 5, 6, 7].map((index) => ({ index, length: 30 })) }))
    await Promise.all([
      ffmpegVideo(root, video(0), H264),
      ffmpegVideo(root, video(1), ['-c:v', 'mpeg4']),
      ffmpegVideo(root, video(2), ['-c:v', 'libx265', '-x265-params', 'log-level=error', '-f', 'matroska']),
      ffmpegVideo(root, video(3), ['-c:v', 'libvpx-vp9', '-f', 'webm']),
      ffmpegVideo(root, video(6), H264),
      // The AVI next to where the MP4 should be: found by name, then named for what it is.
      ffmpegVideo(root, video(7, 'avi'), ['-c:v', 'mpeg4']),
    ])
    writeFile(root, video(4), LFS)
    writeFile(root, video(5), HTML)
    writeFile(root, 'data/chunk-000/episode_000006.parquet', LFS)
    const source = await openDataset(createNodeFileStore(root))
    for (let i = 0; i < 8; i++) episodes.push(await source.loadEpisode(i))
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  const only = (i: number) => {
    expect(episodes[i]?.problems).toHaveLength(1)
    return episodes[i]?.problems[0]
  }

  it('an MPEG-4 Part 2 MP4: codec-unsupported, the ffmpeg command with the real path as the remedy', () => {
    expect(episodes[1]?.problems.map((p) => p.kind)).toEqual(['codec-unsupported', 'codec-mismatch'])
    const codec = episodes[1]?.problems[0]
    expect(codec).toMatchObject({
      kind: 'codec-unsupported', severity: 'error', file: video(1),
      message: `${CAM}: the video is MPEG-4 Part 2 (mp4v), which browsers do not decode (Chromium on Linux plays H.264, AV1 and VP9)`,
    })
    expect(codec?.remedy?.startsWith(`re-encode it to H.264, keeping every frame, and replace the file: \`${reencode(video(1))}\`. `)).toBe(true)
  })

  it('Matroska named .mp4: the container and codec as probed, not decodable, and the command', () => {
    expect(only(2)).toMatchObject({
      kind: 'video-container-unsupported', severity: 'error', file: video(2),
      message: `${CAM}: ${video(2)} is a Matroska file, not an MP4: it holds HEVC (H.265) video (V_MPEGH/ISO/HEVC), which ` +
        'browsers do not decode, and ProcLens reads frames only from MP4 files',
    })
    expect(only(2)?.remedy).toContain(`re-encode it to an H.264 MP4, keeping every frame, and replace the file with it: \`${reencode(video(2))}\``)
    expect(episodes[2]?.cameras).toEqual([])
  })

  it('WebM named .mp4: a codec browsers decode, still not a file ProcLens reads frames from', () => {
    expect(only(3)?.message).toBe(`${CAM}: ${video(3)} is a WebM file, not an MP4: it holds VP9 video (V_VP9), which browsers ` +
      'decode, but ProcLens reads frames only from MP4 files')
  })

  it('a Git LFS pointer where the video should be: git lfs pull', () => {
    expect(only(4)).toMatchObject({
      kind: 'lfs-pointer', severity: 'error',
      message: `${CAM}: ${video(4)} is a Git LFS pointer for a 11.8 MiB object (sha256:4d7a214614ab…), not the video: the ` +
        'dataset was cloned or copied without its Git LFS files',
    })
    expect(only(4)?.remedy).toContain('`git lfs pull`')
  })

  it('an HTML page saved as .mp4: says so, with its title', () => {
    expect(only(5)).toMatchObject({
      kind: 'video-is-text',
      message: `${CAM}: ${video(5)} is an HTML page ("Sign in · Hugging Face"), not a video: a download saved a web page ` +
        "(an error, login or preview page) under the video's name",
    })
  })

  it('a Git LFS pointer where the parquet should be', () => {
    expect(episodes[6]?.problems.map((p) => [p.kind, p.message])).toEqual([
      ['lfs-pointer', 'data/chunk-000/episode_000006.parquet is a Git LFS pointer for a 11.8 MiB object (sha256:4d7a214614ab…), ' +
        'not the parquet file: the dataset was cloned or copied without its Git LFS files'],
    ])
    expect(episodes[6]?.cameras).toHaveLength(1)
  })

  it('an AVI beside the missing MP4: found by name, then named an AVI (no move command: moving would not convert it)', () => {
    expect(episodes[7]?.problems.map((p) => p.kind)).toEqual(['video-path-mismatch', 'video-container-unsupported'])
    expect(episodes[7]?.problems[0]?.remedy).not.toContain('mv ')
    expect(episodes[7]?.problems[1]?.message).toBe(`${CAM}: ${video(7, 'avi')} is an AVI file, not an MP4: it holds MPEG-4 Part 2 ` +
      'video (FMP4), which browsers do not decode, and ProcLens reads frames only from MP4 files')
  })

  it('proclens inspect --json: the same problems, each with its remedy', async () => {
    expect(await main(['inspect', root, '--json'])).toBe(0)
    const problems = (JSON.parse(stdout()) as { problems: InspectProblem[] }).problems
    const flat = episodes.flatMap((e) => e.problems.map((p) => ({ episode_index: p.episode, kind: p.kind, message: p.message, remedy: p.remedy })))
    expect(problems).toEqual(expect.arrayContaining(flat))
    expect(problems.every((p) => typeof p.remedy === 'string' && p.remedy !== '')).toBe(true)
  })

  it('proclens inspect: the remedy indented under its problem', async () => {
    expect(await main(['inspect', root])).toBe(0)
    const lines = stdout().split('\n')
    const at = lines.findIndex((l) => l.startsWith('  [episode 4] lfs-pointer: '))
    expect(lines[at + 1]).toMatch(/^ {6}what to do: run `git lfs install` once, then `git lfs pull`/)
    const codec = lines.findIndex((l) => l.startsWith('  [episode 2] video-container-unsupported: '))
    expect(lines[codec + 1]).toContain(reencode(video(2)))
  })

  it('over HTTP: the same problems for the files at their paths', async () => {
    const server = await serve(root, { listing: false })
    try {
      const source = await openDataset(createHttpFileStore(server.url))
      for (const i of [1, 2, 3, 4, 5, 6]) expect((await source.loadEpisode(i)).problems).toEqual(episodes[i]?.problems)
    } finally {
      await server.close()
    }
  })
})
