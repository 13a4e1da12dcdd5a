// The same datasets through HTTP (a tiny node:http static server on 127.0.0.1, random port) give the same results
// as through the file system; servers that ignore Range, lack HEAD, cannot list or answer missing files with an
// SPA's index.html still work.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { main } from '@/cli/main'
import { createHttpFileStore } from './httpFileStore'
import { inspectDataset } from './inspectDataset'
import { NotADatasetError, openDataset } from './openDataset'
import { serve } from '@/test/testServer'
import type { ServerOptions, TestServer } from '@/test/testServer'

const ROOT = fileURLToPath(new URL('../../../shared/datasets', import.meta.url))


const DATASETS = ['g1-policy-train_lerobot-v2.1', 'so101-record-test_lerobot-v3.0', 'crowndata-droid_image-sequences',
  'ecot-bridge-intermediate', 'robocoin-g1edu-schema-only'].filter((d) => existsSync(join(ROOT, d)))

async function reportOf(store: Parameters<typeof openDataset>[0]): Promise<unknown> {
  try {
    return await inspectDataset(await openDataset(store))
  } catch (e) {
    return { error: e instanceof NotADatasetError ? e.message.replace(store.label, '<root>') : String(e) }
  }
}

describe.skipIf(!existsSync(ROOT))('shared datasets over HTTP', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await serve(ROOT)
  })
  afterAll(() => server.close())

  it.each(DATASETS.map((d) => [d]))('%s: the same report as from the folder', async (name) => {
    const http = createHttpFileStore(`${server.url}/${name}/`)
    expect(http.name).toBe(name.split('/').at(-1))
    expect(await reportOf(http)).toEqual(await reportOf(createNodeFileStore(join(ROOT, name))))
    if (name.startsWith('g1')) expect(http.rangeRequests).toBe('supported')
  })

  it('reads only the moov of a video and a byte range of the index, never whole media files', async () => {
    server.requests.length = 0
    const source = await openDataset(createHttpFileStore(`${server.url}/g1-policy-train_lerobot-v2.1`))
    await source.listEpisodes(0, 50)
    await source.loadEpisode(29)
    const video = server.requests.filter((r) => r.path.endsWith('.mp4') && r.method === 'GET')
    expect(video.length).toBeGreaterThan(0)
    const ranged = video.map((r) => /^bytes=(\d+)-(\d+)$/.exec(r.range ?? ''))
    expect(ranged.every((m) => m !== null)).toBe(true)
    const bytes = ranged.reduce((n, m) => n + Number(m?.[2]) - Number(m?.[1]) + 1, 0)
    const size = statSync(join(ROOT, 'g1-policy-train_lerobot-v2.1/videos/chunk-000/observation.images.cam_high/episode_000029.mp4')).size
    expect(bytes).toBeLessThan(size / 10)
  })

  it.skipIf(!DATASETS.includes('g1-policy-train_lerobot-v2.1'))('proclens inspect gives the same JSON for the URL as for the folder', async () => {
    const capture = async (target: string): Promise<[number, string]> => {
      const out: string[] = []
      const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(' ')))
      const err = vi.spyOn(console, 'error').mockImplementation(() => undefined)
      try {
        return [await main(['inspect', target, '--json']), out.join('\n')]
      } finally {
        log.mockRestore()
        err.mockRestore()
      }
    }
    const [urlCode, urlJson] = await capture(`${server.url}/g1-policy-train_lerobot-v2.1/`)
    const [dirCode, dirJson] = await capture(join(ROOT, 'g1-policy-train_lerobot-v2.1'))
    expect([urlCode, dirCode]).toEqual([0, 0])
    expect(JSON.parse(urlJson)).toEqual(JSON.parse(dirJson))
  })
})

describe.skipIf(!existsSync(join(ROOT, 'g1-policy-train_lerobot-v2.1')))('awkward servers', () => {
  const g1 = join(ROOT, 'g1-policy-train_lerobot-v2.1')
  let expected: unknown
  beforeAll(async () => {
    expected = await reportOf(createNodeFileStore(g1))
  })

  it.each<[string, Partial<ServerOptions>]>([
    ['ignores Range (200 instead of 206)', { ranges: false }],
    ['has no HEAD (405)', { head: false }],
    ['cannot list folders', { listing: false }],
  ])('a server that %s still gives the same report', async (_, options) => {
    const server = await serve(g1, options)
    try {
      const store = createHttpFileStore(server.url)
      expect(await reportOf(store)).toEqual(expected)
      if (options.ranges === false) expect(store.rangeRequests).toBe('ignored')
    } finally {
      await server.close()
    }
  })

  it('treats an SPA fallback page (200 text/html for any path) as an absent file', async () => {
    const server = await serve(g1, { spaFallback: true, listing: false })
    try {
      const store = createHttpFileStore(server.url)
      expect(await store.size('meta/no-such-file.json')).toBeUndefined()
      expect(await store.size('meta/info.json')).toBeGreaterThan(0)
      expect(await reportOf(store)).toEqual(expected)
    } finally {
      await server.close()
    }
  })
})

describe('image sequences over HTTP without directory listings', () => {
  let dir: string
  let server: TestServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'proclens-http-img-'))
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAADklEQVR42mNk+M9AGwYAGLIBBOVMGNAAAAAASUVORK5CYII=', 'base64')
    mkdirSync(join(dir, 'ep_a/front'), { recursive: true })
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `ep_a/front/${i}.png`), png)
    writeFileSync(join(dir, 'ep_a/episode.json'), JSON.stringify({ task: 'stack the cups', fps: 15, files: { front: ['0.png', '1.png', '2.png'] } }))
    writeFileSync(join(dir, 'dataset.json'), JSON.stringify({ episodes: ['ep_a'] }))
    server = await serve(dir, { listing: false })
  })
  afterAll(async () => {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('opens through dataset.json and the file lists in episode.json', async () => {
    const source = await openDataset(createHttpFileStore(server.url))
    const ep = await source.loadEpisode(0)
    expect([source.format, source.episodeCount, ep.name, ep.length, ep.fps, ep.task, ep.problems]).toEqual(['image-sequence', 1, 'ep_a', 3, 15, 'stack the cups', []])
    expect(ep.cameras[0]).toMatchObject({ key: 'front', kind: 'images', width: 2, height: 3, paths: ['ep_a/front/0.png', 'ep_a/front/1.png', 'ep_a/front/2.png'] })
  })

  it('says it cannot look further when a server can neither list nor has metadata', async () => {
    const empty = await serve(join(dir, 'ep_a/front'), { listing: false })
    try {
      const error = await openDataset(createHttpFileStore(empty.url)).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(NotADatasetError)
      expect((error as Error).message).toMatch(/cannot list its folders/)
    } finally {
      await empty.close()
    }
  })
})

const DEMO = fileURLToPath(new URL('../../public/demo', import.meta.url))

describe.skipIf(!existsSync(join(DEMO, 'meta/info.json')))('the demo served like the app serves it (at /demo, no directory listings)', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await serve(join(DEMO, '..'), { listing: false })
  })
  afterAll(() => server.close())

  it('gives the same report as the folder', async () => {
    const store = createHttpFileStore(`${server.url}/demo`)
    expect(store.name).toBe('demo')
    expect(await reportOf(store)).toEqual(await reportOf(createNodeFileStore(DEMO)))
  })

  it('finds the ProcVLM annotation files by their paths (inference files need annotation/index.json)', async () => {
    const source = await openDataset(createHttpFileStore(`${server.url}/demo/`))
    const kinds = new Set((await source.findAnnotations(0)).map((r) => r.kind))
    const hasManifest = existsSync(join(DEMO, 'annotation/index.json'))
    expect(kinds).toEqual(new Set(['proccorpus', 'vlm-proposal', 'truth', ...(hasManifest ? ['inference'] : [])]))
  })
})
