import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { DatasetSource, EpisodePresence } from '@/data/DatasetSource'
import { datasetKeys } from '@/data/browser/queries'
import { firstPlayableEpisode } from './firstPlayable'

type Level = 'none' | 'data' | 'video'

function presence(levels: readonly Level[]) {
  const calls: [number, number][] = []
  const source = {
    episodeCount: levels.length,
    checkPresence(start: number, end: number): Promise<EpisodePresence[]> {
      calls.push([start, end])
      return Promise.resolve(levels.slice(start, end).map((level, i) => ({
        index: start + i, data: level !== 'none', cameras: [{ key: 'front', present: level === 'video' }], absent: [],
      })))
    },
  } as unknown as DatasetSource
  const client = new QueryClient()
  client.setQueryData(datasetKeys.info('root'), source)
  return { find: () => firstPlayableEpisode(client, 'root', source), calls }
}

describe('firstPlayableEpisode', () => {
  it.each([
    ['a complete dataset opens on episode 0, checking it alone', ['video', 'video'], 0, [[0, 1]]],
    ['a partly downloaded one on the first with video', [...Array<Level>(29).fill('none'), 'video', 'none'], 29, [[0, 1], [0, 31]]],
    ['data without video is a last resort', ['none', 'data', 'none'], 1, [[0, 1], [0, 3]]],
    ['nothing anywhere', ['none', 'none'], undefined, [[0, 1], [0, 2]]],
    ['the first page holds none: the next is checked', [...Array<Level>(40).fill('none'), 'video'], 40, [[0, 1], [0, 32], [32, 41]]],
  ] as const)('%s', async (_, levels, expected, calls) => {
    const p = presence(levels)
    expect(await p.find()).toBe(expected)
    expect(p.calls).toEqual(calls)
  })
})
