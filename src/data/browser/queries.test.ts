import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import {
  annotationFilesOptions, datasetKeys, datasetOptions, datasetSourceFor, episodeOptions, episodeScanOptions, episodesPageOptions,
  forgetDataset, isLocalRoot, registerLocalStore, storeFor,
} from './queries'

const DEMO = fileURLToPath(new URL('../../../public/demo', import.meta.url))

describe('dataset query options', () => {
  it('nest keys under the dataset root and never go stale', () => {
    const root = 'https://example.org/ds'
    expect(datasetKeys.page(root, 0, 50)).toEqual(['dataset', root, 'episodes', 0, 50])
    expect(datasetKeys.annotations(root, 3)).toEqual(['dataset', root, 'episode', 3, 'annotations'])
    for (const o of [datasetOptions(root), episodesPageOptions(root, 0, 50), episodeOptions(root, 3), annotationFilesOptions(root, 3), episodeScanOptions(root)]) {
      expect(o.staleTime).toBe(Infinity)
      expect(o.queryKey.slice(0, 2)).toEqual(['dataset', root])
    }
  })

  it('registers local folders under session ids and refuses forgotten ones', () => {
    const root = registerLocalStore(createNodeFileStore('/tmp'))
    expect(isLocalRoot(root)).toBe(true)
    expect(storeFor(root).name).toBe('tmp')
    forgetDataset(root)
    expect(() => storeFor(root)).toThrow(/no longer open/)
    expect(storeFor('http://127.0.0.1:9/x').label).toBe('http://127.0.0.1:9/x/')
  })

  it.skipIf(!existsSync(`${DEMO}/meta/info.json`))('runs through a QueryClient, sharing one source per root', async () => {
    const root = registerLocalStore(createNodeFileStore(DEMO))
    const client = new QueryClient()
    const source = await client.fetchQuery(datasetOptions(root))
    expect(await datasetSourceFor(root)).toBe(source)
    const page = await client.fetchQuery(episodesPageOptions(root, 0, 2))
    expect(page.map((e) => e.name)).toEqual(['episode_000000', 'episode_000001'])
    const episode = await client.fetchQuery(episodeOptions(root, 1))
    expect(episode.availability).toBe('complete')
    expect((await client.fetchQuery(annotationFilesOptions(root, 1))).length).toBeGreaterThan(0)
    forgetDataset(root)
  })
})
