import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it, vi } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import * as openDatasetModule from '../openDataset'
import {
  datasetKeys, datasetOptions, episodeAnnotationOptions, episodeOptions, episodesPageOptions, isLocalRoot, registerLocalStore, storeFor,
} from './queries'

const DEMO = fileURLToPath(new URL('../../../public/demo', import.meta.url))

describe('dataset query options', () => {
  it('nest keys under the dataset root and never go stale', () => {
    const root = 'https://example.org/ds'
    expect(datasetKeys.page(root, 0, 50)).toEqual(['dataset', root, 'episodes', 0, 50])
    expect(datasetKeys.annotation(root, 3, 120, 30)).toEqual(['dataset', root, 'episode', 3, 'annotation', 120, 30])
    const ref = { index: 3, name: 'episode_000003' }
    for (const o of [datasetOptions(root), episodesPageOptions(root, 0, 50), episodeOptions(root, 3), episodeAnnotationOptions(root, ref)]) {
      expect(o.staleTime).toBe(Infinity)
      expect(o.queryKey.slice(0, 2)).toEqual(['dataset', root])
    }
    expect(episodeAnnotationOptions(root, ref).queryKey).toEqual(['dataset', root, 'episode', 3, 'annotation', 'auto', 'dataset'])
  })

  it('registers local folders under session ids and refuses unknown ones', () => {
    const root = registerLocalStore(createNodeFileStore('/tmp'))
    expect(isLocalRoot(root)).toBe(true)
    expect(storeFor(root).name).toBe('tmp')
    expect(() => storeFor('local:999:gone')).toThrow(/gone is no longer open/)
    expect(storeFor('http://127.0.0.1:9/x').label).toBe('http://127.0.0.1:9/x/')
  })

  it.skipIf(!existsSync(`${DEMO}/meta/info.json`))('opens a dataset once per root and reaches it through the cache from every query', async () => {
    const opened = vi.spyOn(openDatasetModule, 'openDataset')
    const root = registerLocalStore(createNodeFileStore(DEMO))
    const client = new QueryClient()
    const page = await client.fetchQuery(episodesPageOptions(root, 0, 2))
    expect(page.map((e) => e.name)).toEqual(['episode_000000', 'episode_000001'])
    const episode = await client.fetchQuery(episodeOptions(root, 1))
    expect(episode.availability).toBe('complete')
    const annotation = await client.fetchQuery(episodeAnnotationOptions(root, episode))
    expect(annotation.file?.kind).toBe('vlm-proposal')
    expect(annotation.doc).toMatchObject({ episode: 'episode_000001', frameCount: episode.length, fps: 30 })
    expect(annotation.files.some((f) => f.kind === 'inference')).toBe(true)
    expect(opened).toHaveBeenCalledTimes(1)
    opened.mockRestore()
  })
})
