// @vitest-environment jsdom
import { useEffect } from 'react'
import type { ReactNode } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AnnotationFileRef, DatasetSource, EpisodeSummary } from '@/data/DatasetSource'
import { datasetKeys } from '@/data/browser/queries'
import { useEpisodeIndex } from './useEpisodeIndex'

const summaries: EpisodeSummary[] = [0, 1, 2].map((index) => ({ index, name: `episode_00000${index}`, length: 100 + index, task: `task ${index}` }))

/** Just enough of a dataset for the list: three episodes, each with one model's predictions and no labels. */
function fakeSource(): DatasetSource {
  const inference = (i: number): AnnotationFileRef => ({ kind: 'inference', path: `annotation/inference/m/episode_00000${i}.jsonl`, episode: `episode_00000${i}`, model: 'm' })
  return {
    format: 'lerobot-v2.1', name: 'fake', fps: 30, cameras: [], episodeCount: 3, problems: [],
    listEpisodes: (start: number, end: number) => Promise.resolve(summaries.slice(start, end)),
    scanAllEpisodes: () => Promise.resolve({ episodes: summaries, episodeCount: 3, problems: [] }),
    findAnnotations: (i: number) => Promise.resolve([inference(i)]),
  } as unknown as DatasetSource
}

/**
 * At the root, as src/main.tsx renders the app: React runs every effect's setup, cleanup and setup again in
 * development. (A StrictMode element inside a wrapper component does not replay effects.) The dataset query
 * holds the fake source, as the app's dataset query would hold the opened one.
 */
function strictWith(source: DatasetSource) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  client.setQueryData(datasetKeys.info('fake-root'), source)
  return {
    wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>,
    reactStrictMode: true,
  }
}

describe('useEpisodeIndex', () => {
  it('scans the index, then every episode\'s labels, also when StrictMode replays the effects', async () => {
    const source = fakeSource()
    const { result } = renderHook(() => {
      const index = useEpisodeIndex('fake-root', source)
      const { startScan } = index
      useEffect(() => startScan(), [startScan])
      return index
    }, strictWith(source))
    await waitFor(() => expect(result.current.scan.state).toBe('done'))
    await waitFor(() => expect(result.current.row(2).hasPredictions).toBe(true))
    expect(result.current.row(1)).toMatchObject({ task: 'task 1', length: 101, hasAnnotations: false, outcome: 'unknown' })
  })

  it('shows placeholders, then the page that scrolled into view', async () => {
    const source = fakeSource()
    const { result } = renderHook(() => useEpisodeIndex('fake-root', source), strictWith(source))
    expect(result.current.row(0).task).toBeUndefined()
    result.current.ensure(0, 2)
    await waitFor(() => expect(result.current.row(1).task).toBe('task 1'))
  })
})
