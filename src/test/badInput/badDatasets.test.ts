// The bad-input corpus's damaged datasets (datasets.ts): each is read as the app and `proclens inspect` read it
// (openDataset, then inspectDataset: a full scan and every episode loaded), and gives its problem, named by the
// file and the episode, while every other episode loads exactly as in the undamaged dataset.
import { describe, expect, it } from 'vitest'
import { formatProblem } from '@/core/problems'
import type { Problem } from '@/core/problems'
import type { EpisodeData } from '@/data/DatasetSource'
import { inspectDataset } from '@/data/inspectDataset'
import type { InspectReport } from '@/data/inspectDataset'
import { openDataset } from '@/data/openDataset'
import { memoryStore } from '@/test/lerobotExportFixture'
import type { FixtureFiles } from '@/test/lerobotFixture'
import type { DatasetRow } from './datasets'
import { baseFiles, DATASET_ROWS } from './datasets'

interface Read { report: InspectReport; episodes: EpisodeData[]; problems: Problem[] }

/** The report `proclens inspect` prints, and each episode as the app loads it. */
async function read(files: FixtureFiles): Promise<Read> {
  const source = await openDataset(memoryStore(files, { listing: true }))
  const report = await inspectDataset(source)
  const scan = await source.scanAllEpisodes()
  const episodes = await Promise.all(scan.episodes.map((e) => source.loadEpisode(e.index)))
  return { report, episodes, problems: [...source.problems, ...scan.problems, ...episodes.flatMap((e) => e.problems)] }
}

/** What a user sees of an episode: whether it plays, its length and frames, its cameras, its problems. */
const summary = (e: EpisodeData): unknown => ({
  availability: e.availability, length: e.length, frames: e.frames.frameIndex.length, origin: e.frames.origin,
  cameras: e.cameras.map((c) => (c.kind === 'video' ? [c.key, c.codec, c.frames] : [c.key])), problems: e.problems.map(formatProblem),
})

const clean = new Map<DatasetRow['base'], Promise<Read>>()
const cleanRead = (base: DatasetRow['base']): Promise<Read> => {
  if (!clean.has(base)) clean.set(base, read(baseFiles(base)))
  return clean.get(base)!
}

describe('bad-input corpus: damaged datasets', () => {
  it('the undamaged bases read without a problem', async () => {
    for (const base of ['demo', 'v3.0'] as const) expect((await cleanRead(base)).problems.map(formatProblem), base).toEqual([])
  })

  it.each(DATASET_ROWS.map((r) => [r.name, r.kind, r] as const))('%s: %s', async (_, __, row) => {
    const files = baseFiles(row.base)
    await row.damage(files)
    const damaged = await read(files)
    const found = damaged.problems.find((p) => p.kind === row.kind && p.file === row.file && p.episode === row.episode)
    expect(found, damaged.problems.map(formatProblem).join('\n')).toBeDefined()
    // Named by the file and the episode, as the CLI and the app print it; what is wrong, in a few lines.
    const place = row.episode === undefined ? `${row.file} ` : `${row.file} [${row.episode}] `
    expect(formatProblem(found!).startsWith(place)).toBe(true)
    expect(found!.message).toContain(row.says)
    expect(found!.message.length).toBeLessThan(400)
    expect(found!.remedy).toBeDefined()
    // proclens inspect reports the same problem, on the same episode.
    expect(damaged.report.problems).toContainEqual(expect.objectContaining({ kind: row.kind, message: found!.message, ...(row.episode === undefined ? {} : { episode_index: row.episode }) }))
    // Every other episode loads as in the undamaged dataset.
    const base = await cleanRead(row.base)
    expect(damaged.episodes.length).toBe(base.episodes.length)
    for (const [i, episode] of damaged.episodes.entries()) {
      if (episode.index !== row.episode) expect(summary(episode), `episode ${episode.index}`).toEqual(summary(base.episodes[i]!))
    }
  })
})
