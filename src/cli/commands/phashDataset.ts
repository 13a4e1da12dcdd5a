/**
 * `proclens phash DATASET --sidecar`: every frame of every camera of every episode hashed once and kept as pHash
 * sidecar files (src/data/phashSidecar.ts) under OUT/.proclens/phash (OUT: the dataset itself by default), which
 * `proclens progress`, `proclens export` and the app then read instead of decoding. A sidecar already there for
 * the same media and method is kept, so a re-run only hashes what changed. With `--shard i/N` the episodes of
 * shard i go to the shard's folder, journaled, and `proclens merge` gathers them (docs/corpus-jobs.md).
 */
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import type { Problem } from '../../core/problems'
import { ProblemLog } from '../../core/problems'
import type { Shard } from '../../core/shard'
import { inShard, shardLabel } from '../../core/shard'
import type { DatasetSource, EpisodeSummary } from '../../data/DatasetSource'
import { mediaIdentity } from '../../data/mediaIdentity'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import { PHASH_SIDECAR_METHOD, phashSidecarPath, readPhashSidecarMeta } from '../../data/phashSidecar'
import { EXIT_BAD_INPUT, EXIT_OK } from '../command'
import { cameraFrames } from '../media/cameraFrames'
import { encodePhashSidecar } from '../media/episodeHashes'
import { hashFrames } from '../media/hashFrames'
import { createNodeFileStore } from '../nodeFileStore'
import { printProblems } from '../printProblems'
import type { JournalEntry, ShardRun } from '../shard/shardFolder'
import { listHash, openShardRun, planEpisodes, ShardError } from '../shard/shardFolder'

export interface PhashDatasetArgs {
  dataset: string
  out: string | undefined
  episodes: number[] | undefined
  shard: Shard | undefined
}

export interface PhashEntry extends JournalEntry {
  /** Sidecar files of the episode under the output folder (written, or kept as they were). */
  files: string[]
  problems: Problem[]
}

/** The episode's sidecars under `out`: kept when they match the media, else hashed and written (tmp, then rename). */
async function hashEpisode(source: DatasetSource, root: string, out: string, summary: EpisodeSummary): Promise<{ files: string[]; written: number; problems: Problem[] }> {
  const outStore = createNodeFileStore(out)
  const log = new ProblemLog({ episode: summary.name })
  const data = await source.loadEpisode(summary.index)
  const files: string[] = []
  let written = 0
  for (const camera of data.cameras) {
    const media = await mediaIdentity(source, camera)
    const path = phashSidecarPath(camera.key, summary.index)
    const old = await readPhashSidecarMeta(outStore, path)
    if (old?.meta.method === PHASH_SIDECAR_METHOD && old.meta.media === media && old.rows === old.meta.frames) {
      files.push(path)
      continue
    }
    const frames = await hashFrames(camera.key, cameraFrames(root, camera, data.fps), log)
    if (frames.length === 0) continue
    const target = join(out, ...path.split('/'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(`${target}.tmp`, encodePhashSidecar(summary.index, camera.key, media, frames))
    await rename(`${target}.tmp`, target)
    files.push(path)
    written++
  }
  if (data.cameras.length === 0) log.warn('no-camera', 'the episode has no camera media; no sidecar')
  return { files, written, problems: [...data.problems.filter((p) => p.severity === 'error'), ...log.problems] }
}

export async function runPhashDataset(args: PhashDatasetArgs): Promise<number> {
  let source: DatasetSource
  try {
    source = await openDataset(createNodeFileStore(args.dataset))
  } catch (e) {
    if (!(e instanceof NotADatasetError)) throw e
    console.error(`proclens phash: ${args.dataset}: ${e.message}`)
    return EXIT_BAD_INPUT
  }
  const all = await source.listEpisodes(0, source.episodeCount)
  const problems: Problem[] = []
  let episodes = all
  if (args.episodes !== undefined) {
    const byIndex = new Map(all.map((e) => [e.index, e]))
    const missing = args.episodes.filter((i) => !byIndex.has(i))
    if (missing.length > 0) problems.push({ severity: 'error', kind: 'no-such-episode', message: `the dataset has no episode ${missing.slice(0, 10).join(', ')}` })
    episodes = args.episodes.flatMap((i) => byIndex.get(i) ?? [])
  }
  const out = args.out ?? args.dataset
  const datasetName = basename(resolve(args.dataset))
  let run: ShardRun | undefined
  let todo = episodes.map((summary, rank) => ({ summary, rank }))
  if (args.shard !== undefined) {
    const shard = args.shard
    const names = episodes.map((e) => e.name)
    try {
      run = await openShardRun(out, {
        kind: 'proclens-shard', version: 1, command: 'phash', dataset: datasetName, options: { episodes: args.episodes ?? null, method: PHASH_SIDECAR_METHOD },
        shard, total: names.length, listHash: listHash(names), episodes: planEpisodes(names, (name) => inShard(shard, datasetName, name)),
        shared: { problems }, inputs: { dataset: resolve(args.dataset) },
      })
    } catch (e) {
      if (!(e instanceof ShardError)) throw e
      console.error(`proclens phash: ${e.message}`)
      return EXIT_BAD_INPUT
    }
    const done = run.done
    todo = run.plan.episodes.filter((e) => !done.has(e.rank)).map(({ rank }) => ({ summary: episodes[rank]!, rank }))
  }
  let written = 0
  for (const { summary, rank } of todo) {
    const r = await hashEpisode(source, args.dataset, out, summary)
    written += r.written
    problems.push(...r.problems)
    await run?.finish({ rank, name: summary.name, files: r.files, problems: r.problems } satisfies PhashEntry)
  }
  printProblems(problems)
  const what = args.shard === undefined ? `${episodes.length} episode(s)` : `shard ${shardLabel(args.shard)}: ${run?.plan.episodes.length ?? 0} of ${episodes.length} episode(s), ${todo.length} done now`
  console.error(`${what}; ${written} sidecar file(s) written under ${join(out, '.proclens', 'phash')}${args.shard === undefined ? '' : '. When every shard is done: proclens merge OUT SHARD_DIR...'}`)
  return problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}
