// Every real dataset in ../shared/datasets opens through openDataset with the right episodes, lengths, cameras and
// codecs, and each quirk is a problem, not a crash. Skipped where the folder is absent.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { DatasetSource } from './DatasetSource'
import { NotADatasetError, openDataset } from './openDataset'

const ROOT = fileURLToPath(new URL('../../../shared/datasets', import.meta.url))
const open = (name: string): Promise<DatasetSource> => openDataset(createNodeFileStore(`${ROOT}/${name}`))
const kinds = (problems: { kind: string }[]): string[] => problems.map((p) => p.kind).sort()

describe.skipIf(!existsSync(`${ROOT}/g1-policy-train_lerobot-v2.1`))('g1-policy-train (LeRobot v2.1, 1 of 100 episodes present)', () => {
  it('lists the 100 episodes the metadata declares, lazily', async () => {
    const source = await open('g1-policy-train_lerobot-v2.1')
    expect([source.format, source.fps, source.episodeCount, source.name]).toEqual(['lerobot-v2.1', 30, 100, 'g1-policy-train_lerobot-v2.1'])
    expect(source.cameras).toEqual([{ key: 'observation.images.cam_high', kind: 'video', width: 640, height: 480, codec: 'av1', fps: 30 }])
    expect(source.problems).toEqual([])
    const page = await source.listEpisodes(28, 31)
    expect(page).toEqual([
      { index: 28, name: 'episode_000028', length: expect.any(Number) as number, task: 'Pick up the yellow bottle on the table.' },
      { index: 29, name: 'episode_000029', length: 221, task: 'Pick up the yellow bottle on the table.' },
      { index: 30, name: 'episode_000030', length: expect.any(Number) as number, task: 'Pick up the yellow bottle on the table.' },
    ])
  })

  it('loads episode 29: AV1 640x480, 221 frames matching the 221 parquet rows', async () => {
    const source = await open('g1-policy-train_lerobot-v2.1')
    const ep = await source.loadEpisode(29)
    expect([ep.availability, ep.length, ep.fps, ep.task]).toEqual(['complete', 221, 30, 'Pick up the yellow bottle on the table.'])
    expect(ep.problems).toEqual([])
    expect(Array.from(ep.frames.frameIndex.slice(0, 3))).toEqual([0, 1, 2])
    expect(ep.frames.frameIndex[220]).toBe(220)
    expect(ep.frames.timestamp[220]).toBeCloseTo(220 / 30, 4)
    expect(ep.frames.globalIndex?.[0]).toBe(10640)
    expect(ep.frames.origin).toBe('data')
    expect(ep.cameras).toEqual([expect.objectContaining({
      key: 'observation.images.cam_high', kind: 'video', codec: 'av1', codecString: 'av01.0.04M.08', width: 640, height: 480,
      frames: 221, fps: 30, browserPlayable: true, problems: [],
      path: 'videos/chunk-000/observation.images.cam_high/episode_000029.mp4',
    })])
  })

  it('reports an episode without files as one episode-missing problem', async () => {
    const ep = await (await open('g1-policy-train_lerobot-v2.1')).loadEpisode(0)
    expect(ep.availability).toBe('missing')
    expect(ep.problems).toEqual([expect.objectContaining({ kind: 'episode-missing', severity: 'error', episode: 0 })])
    expect(ep.problems[0]?.message).toContain('data/chunk-000/episode_000000.parquet')
  })
})

describe.skipIf(!existsSync(`${ROOT}/so101-record-test_lerobot-v3.0`))('so101 record-test (LeRobot v3.0, videos absent)', () => {
  it('lists 4 episodes with lengths 373/374/372/373 and the task from tasks', async () => {
    const source = await open('so101-record-test_lerobot-v3.0')
    expect([source.format, source.fps, source.episodeCount]).toEqual(['lerobot-v3.0', 30, 4])
    expect(source.cameras.map((c) => [c.key, c.codec])).toEqual([['observation.images.front', 'av1'], ['observation.images.top', 'av1']])
    const all = await source.listEpisodes(0, 10)
    expect(all.map((e) => e.length)).toEqual([373, 374, 372, 373])
    expect(new Set(all.map((e) => e.task))).toEqual(new Set(['Pick the orange cube and place it in the box']))
    const scan = await source.scanAllEpisodes()
    expect([scan.episodeCount, scan.problems]).toEqual([4, []])
  })

  it('reads episode 1 from the shared data file (rows 373–746) and reports both videos absent', async () => {
    const ep = await (await open('so101-record-test_lerobot-v3.0')).loadEpisode(1)
    expect([ep.availability, ep.length, ep.cameras]).toEqual(['partial', 374, []])
    expect(ep.frames.frameIndex[0]).toBe(0)
    expect(ep.frames.frameIndex[373]).toBe(373)
    expect(ep.frames.globalIndex?.[0]).toBe(373)
    expect(kinds(ep.problems)).toEqual(['video-missing', 'video-missing'])
    expect(ep.problems[0]?.message).toContain('videos/observation.images.front/chunk-000/file-000.mp4')
  })
})

describe.skipIf(!existsSync(`${ROOT}/crowndata-droid_image-sequences`))('crowndata DROID export (image sequences)', () => {
  it('finds 2 episodes of 142 and 87 frames with 3 WebP cameras at 10 fps', async () => {
    const source = await open('crowndata-droid_image-sequences')
    expect([source.format, source.fps, source.episodeCount]).toEqual(['image-sequence', 10, 2])
    expect(source.cameras.map((c) => c.key)).toEqual(['exterior_image_1_left', 'exterior_image_2_left', 'wrist_image_left'])
    expect(await source.listEpisodes(0, 2)).toEqual([
      { index: 0, name: 'droid_00000002', length: 142, task: 'Put one green sachet in the grey bowl',
        outcome: { success: true, source: 'droid_00000002/information.json taskState "SUCCESS"' } },
      { index: 1, name: 'droid_00000005', length: 87, task: 'pick up an item',
        outcome: { success: false, source: 'droid_00000005/information.json taskState "FAILURE"' } },
    ])
  })

  it('loads an episode: 88x50 frames in order, and the 30 fps preview mp4 against 10 Hz data is a problem', async () => {
    const ep = await (await open('crowndata-droid_image-sequences')).loadEpisode(1)
    expect([ep.availability, ep.length, ep.fps]).toEqual(['complete', 87, 10])
    expect(ep.cameras.map((c) => [c.key, c.kind, c.kind === 'images' ? c.paths.length : 0, c.kind === 'images' ? `${c.width}x${c.height}` : ''])).toEqual([
      ['exterior_image_1_left', 'images', 87, '88x50'], ['exterior_image_2_left', 'images', 87, '88x50'], ['wrist_image_left', 'images', 87, '88x50'],
    ])
    const wrist = ep.cameras[2]
    expect(wrist?.kind === 'images' ? wrist.paths[10] : '').toBe('droid_00000005/images/wrist_image_left__image_00000010.webp')
    expect(ep.problems).toEqual([expect.objectContaining({ kind: 'fps-mismatch', severity: 'warning', file: 'droid_00000005/video.mp4' })])
    expect(ep.frames.timestamp[10]).toBeCloseTo(1.0)
  })
})

describe.skipIf(!existsSync(`${ROOT}/ecot-bridge-intermediate`))('ECoT Bridge frames (plain folder, no metadata)', () => {
  it.each([['ecot-bridge-intermediate'], ['ecot-bridge-intermediate/annotated_frames/episode_1']])('%s: 1 episode of 28 frames in numeric order', async (path) => {
    const source = await open(path)
    expect([source.format, source.episodeCount, source.fps]).toEqual(['image-sequence', 1, 30])
    const ep = await source.loadEpisode(0)
    expect([ep.name, ep.length, ep.task]).toEqual(['episode_1', 28, ''])
    const camera = ep.cameras[0]
    expect(camera?.kind === 'images' ? [camera.key, camera.width, camera.height, camera.paths.length] : []).toEqual(['frames', 256, 256, 28])
    expect(camera?.kind === 'images' ? camera.paths.slice(0, 3).concat(camera.paths[10] ?? '').map((p) => p.split('/').at(-1)) : [])
      .toEqual(['ep_1_step_0.jpg', 'ep_1_step_1.jpg', 'ep_1_step_2.jpg', 'ep_1_step_10.jpg'])
    expect(kinds(ep.problems)).toEqual(['fps-unknown', 'task-missing'])
    expect(ep.problems.find((p) => p.kind === 'fps-unknown')?.message).toContain('assuming 30 fps')
  })
})

describe.skipIf(!existsSync(`${ROOT}/robocoin-g1edu-schema-only`))('RoboCOIN (info.json only)', () => {
  it('opens, lists 38 episodes of unknown length, and reports the missing index and the info.json quirks', async () => {
    const source = await open('robocoin-g1edu-schema-only')
    expect([source.format, source.episodeCount]).toEqual(['lerobot-v2.1', 38])
    expect(kinds(source.problems)).toEqual(['episodes-index-missing', 'feature-names-mismatch', 'feature-names-mismatch', 'splits-mismatch'])
    expect(source.cameras).toEqual([expect.objectContaining({ key: 'observation.images.ego_view', codec: 'h264' })])
    const page = await source.listEpisodes(36, 40)
    expect(page.map((e) => [e.index, e.length])).toEqual([[36, undefined], [37, undefined]])
    const ep = await source.loadEpisode(5)
    expect([ep.availability, kinds(ep.problems)]).toEqual(['missing', ['episode-missing']])
  })
})

describe.each([
  ['progresslm', /^no dataset here: 2 progress-label files \(prog-bench\/text-normal\.jsonl, prog-bench\/visual_same_view\.jsonl\)/],
  ['opengvl-predictions', /^no dataset here: 1 prediction file \(results\/gemma3-12b-2shot-toto_20250720_211004_results\.jsonl\)/],
])('%s (not a dataset)', (name, message) => {
  it.skipIf(!existsSync(`${ROOT}/${name}`))('rejects with a message saying what the folder holds', async () => {
    const error = await open(name).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotADatasetError)
    expect((error as Error).message).toMatch(message)
  })
})
