// ProcLens's own image-sequence layout (docs/datasets.md): episode folders with episode.json and one sub-folder of
// numbered frames per camera.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { countingStore } from '../fileStore'
import { openDataset } from '../openDataset'

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAADklEQVR42mNk+M9AGwYAGLIBBOVMGNAAAAAASUVORK5CYII=', 'base64')

/** Writes the layout: `{ 'ep_2/front': 4, ... }` frame counts plus JSON files. */
function writeImageDataset(root: string): void {
  const put = (path: string, data: string | Buffer): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), data)
  }
  put('ep_2/episode.json', JSON.stringify({ task: 'stack the cups', fps: 15, cameras: ['wrist', 'front'] }))
  put('ep_3/episode.json', JSON.stringify({ task: 'pour water' }))
  put('ep_10/episode.json', JSON.stringify({ task: 'wipe', fps: 15 }))
  for (const [dir, n] of [['ep_2/front', 4], ['ep_2/wrist', 4], ['ep_3/front', 3], ['ep_3/wrist', 2], ['ep_10/front', 12]] as const) {
    for (let i = 0; i < n; i++) put(`${dir}/${String(i).padStart(6, '0')}.png`, PNG)
  }
  put('ep_2/notes.txt', 'not a frame')
  put('annotation/v2/sub_task/images/ep_2.sub_task.jsonl', '{}\n')
}

describe('image sequences in the ProcLens layout', () => {
  let root: string
  beforeAll(() => {
    root = join(mkdtempSync(join(tmpdir(), 'proclens-img-')), 'images')
    writeImageDataset(root)
  })
  afterAll(() => rmSync(dirname(root), { recursive: true, force: true }))

  it('lists episode folders in natural order with their task and frame count', async () => {
    const source = await openDataset(createNodeFileStore(root))
    expect([source.format, source.name, source.episodeCount, source.fps]).toEqual(['image-sequence', 'images', 3, 15])
    expect(source.cameras.map((c) => c.key)).toEqual(['wrist', 'front'])
    expect(await source.listEpisodes(0, 3)).toEqual([
      { index: 0, name: 'ep_2', length: 4, task: 'stack the cups' },
      { index: 1, name: 'ep_3', length: 3, task: 'pour water' },
      { index: 2, name: 'ep_10', length: 12, task: 'wipe' },
    ])
    const scan = await source.scanAllEpisodes()
    expect(scan.episodes.map((e) => e.hasAnnotations)).toEqual([true, false, false])
  })

  it('loads cameras in the order episode.json gives, and reports uneven cameras and a missing fps', async () => {
    const source = await openDataset(createNodeFileStore(root))
    const a = await source.loadEpisode(0)
    expect(a.cameras.map((c) => (c.kind === 'images' ? [c.key, c.paths.length, c.width, c.height] : []))).toEqual([['wrist', 4, 2, 3], ['front', 4, 2, 3]])
    expect([a.availability, a.problems, a.frames.timestamp[2]]).toEqual(['complete', [], 2 / 15])
    const b = await source.loadEpisode(1)
    expect(b.problems.map((p) => p.kind).sort()).toEqual(['fps-unknown', 'image-count-mismatch'])
    expect([b.fps, b.length]).toEqual([30, 3])
    const c = await source.loadEpisode(2)
    expect(c.cameras[0]?.kind === 'images' ? c.cameras[0].paths.at(-1) : '').toBe('ep_10/front/000011.png')
    expect((await source.findAnnotations(0)).map((r) => r.path)).toEqual(['annotation/v2/sub_task/images/ep_2.sub_task.jsonl'])
    const absent = await source.loadEpisode(9)
    expect([absent.availability, absent.problems.map((p) => p.kind)]).toEqual(['missing', ['episode-missing']])
  })
})

describe('many image-sequence episodes', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'proclens-many-'))
    for (let i = 0; i < 500; i++) {
      mkdirSync(join(root, `episode_${i}/front`), { recursive: true })
      writeFileSync(join(root, `episode_${i}/episode.json`), JSON.stringify({ task: `task ${i}`, fps: 10 }))
      writeFileSync(join(root, `episode_${i}/front/0.png`), PNG)
    }
  }, 60_000)
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('opens 500 episode folders and lists a page with a bounded number of requests', async () => {
    const { store, counters } = countingStore(createNodeFileStore(root))
    const source = await openDataset(store)
    const page = await source.listEpisodes(300, 310)
    expect(source.episodeCount).toBe(500)
    expect(page.map((e) => e.name)).toEqual(Array.from({ length: 10 }, (_, i) => `episode_${300 + i}`))
    expect(page[0]).toMatchObject({ length: 1, task: 'task 300' })
    expect(counters.requests).toBeLessThan(60)
  })
})
