// The built-in demo (public/demo, made by `npm run make-demo`) opens cleanly: LeRobot v2.1, an AV1 and an H.264
// camera per episode, frames matching the data, and its ProcVLM-layout annotation files found per episode.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import { openDataset } from './openDataset'

const DEMO = fileURLToPath(new URL('../../public/demo', import.meta.url))

describe.skipIf(!existsSync(`${DEMO}/meta/info.json`))('the demo dataset', () => {
  it('opens with every episode complete and no problems', async () => {
    const source = await openDataset(createNodeFileStore(DEMO))
    expect([source.format, source.name, source.fps, source.problems]).toEqual(['lerobot-v2.1', 'demo', 30, []])
    expect(source.cameras.map((c) => [c.key, c.codec])).toEqual([['observation.images.front', 'av1'], ['observation.images.top', 'h264']])
    const scan = await source.scanAllEpisodes()
    expect(scan.episodeCount).toBe(source.episodeCount)
    expect(scan.problems).toEqual([])
    for (const summary of scan.episodes) {
      const ep = await source.loadEpisode(summary.index)
      expect([ep.availability, ep.problems, ep.length]).toEqual(['complete', [], summary.length])
      expect(ep.cameras.map((c) => (c.kind === 'video' ? [c.key, c.codec, c.frames, c.browserPlayable] : []))).toEqual([
        ['observation.images.front', 'av1', ep.length, true], ['observation.images.top', 'h264', ep.length, true],
      ])
      expect(summary.hasAnnotations).toBe(true)
    }
  })

  it('finds the annotation files of an episode in the ProcVLM layout', async () => {
    const source = await openDataset(createNodeFileStore(DEMO))
    const refs = await source.findAnnotations(0)
    const kinds = new Set(refs.map((r) => r.kind))
    expect(kinds).toEqual(new Set(['proccorpus', 'vlm-proposal', 'truth', 'inference']))
    expect(refs.find((r) => r.kind === 'proccorpus')).toEqual({
      kind: 'proccorpus', path: 'annotation/v2/sub_task/demo/episode_000000.sub_task.jsonl', episode: 'episode_000000', dataset: 'demo',
    })
    expect(refs.filter((r) => r.kind === 'inference' && r.tag === 'alt-instruction').length).toBeGreaterThan(0)
    expect(refs.every((r) => r.episode === 'episode_000000')).toBe(true)
  })
})
