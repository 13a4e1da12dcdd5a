// @vitest-environment jsdom
import { useEffect } from 'react'
import type { ReactNode } from 'react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { AnnotationFileRef, DatasetSource, EpisodePresence, EpisodeSummary } from '@/data/DatasetSource'
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
    // Episode 0's files are all absent, episode 1 has data but no video, episode 2 is complete.
    checkPresence: (start: number, end: number) => Promise.resolve(PRESENCE.slice(start, end)),
  } as unknown as DatasetSource
}

const PRESENCE: EpisodePresence[] = [
  { index: 0, data: false, cameras: [{ key: 'front', present: false }], absent: ['data/0.parquet', 'videos/0.mp4'] },
  { index: 1, data: true, cameras: [{ key: 'front', present: false }], absent: ['videos/1.mp4'] },
  { index: 2, data: true, cameras: [{ key: 'front', present: true }], absent: [] },
]

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

  it('marks each episode\'s files before and after the scan, counts them, and knows which are missing', async () => {
    const source = fakeSource()
    const { result } = renderHook(() => {
      const index = useEpisodeIndex('fake-root', source)
      const { checkAllFiles } = index
      useEffect(() => checkAllFiles(), [checkAllFiles])
      return index
    }, strictWith(source))
    await waitFor(() => expect(result.current.files).toEqual({ checked: 3, playable: 1, missing: 1 }))
    // Placeholders carry the marks before their page is read, and the rows keep them after the full scan.
    expect(result.current.row(0)).toMatchObject({ task: undefined, availability: 'missing', playable: false, absent: ['data/0.parquet', 'videos/0.mp4'] })
    result.current.startScan()
    await waitFor(() => expect(result.current.scan.state).toBe('done'))
    expect(result.current.allRows().map((r) => [r.task, r.availability, r.playable])).toEqual([
      ['task 0', 'missing', false], ['task 1', 'partial', false], ['task 2', 'complete', true],
    ])
    expect([0, 1, 2].map((i) => result.current.isMissing(i))).toEqual([true, false, false])
  })
})
