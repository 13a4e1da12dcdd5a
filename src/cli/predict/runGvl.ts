/**
 * The `gvl` protocol over episodes: one request per episode, `concurrency` episodes at a time, every episode's
 * lines in the one `--out` file. Resuming first takes out the lines of any episode the file has only in part.
 */
import type { Problem } from '../../core/problems'
import { runMismatch } from '../../core/predict/resume'
import type { DatasetSource } from '../../data/DatasetSource'
import { UsageError } from '../command'
import type { OpenedEpisode, PredictConfig } from './context'
import { openEpisode } from './context'
import { gvlEpisode } from './gvlEpisode'
import { openPartial, rewrite } from './output'
import { runPool } from '../../data/predict/pool'
import { progressBar } from './progressBar'

export async function runGvl(source: DatasetSource, indices: readonly number[], config: PredictConfig, problems: Problem[]) {
  const partial = await openPartial(config.out)
  if (partial.dropped > 0) problems.push({ severity: 'warning', kind: 'resume-dropped', file: config.out, message: `${partial.dropped} incomplete line(s) dropped before resuming` })
  const byEpisode = new Map<string, Set<number>>()
  for (const r of partial.records) {
    if (typeof r.episode !== 'string' || typeof r.frame_index !== 'number') continue
    const set = byEpisode.get(r.episode) ?? new Set<number>()
    set.add(r.frame_index)
    byEpisode.set(r.episode, set)
  }

  // Only episodes the file already has are opened up front (to find one cut short, which must be taken out
  // before anything is appended); the others are opened as the pool reaches them, so memory stays flat.
  const names = new Map((await source.listEpisodes(0, source.episodeCount)).map((e) => [e.index, e.name]))
  const redo = new Set<string>()
  const skip = new Set<number>()
  for (const index of indices) {
    const have = byEpisode.get(names.get(index) ?? '')
    if (have === undefined) continue
    const opened = await openEpisode(source, index, config, problems)
    if (opened === undefined) continue
    checkRun(partial.records[0], opened, config)
    if (opened.sampled.every((f) => have.has(f))) skip.add(index)
    else redo.add(opened.episode.name)
  }
  if (redo.size > 0) await rewrite(config.out, partial.records.filter((r) => !redo.has(r.episode as string)))

  const todo = indices.filter((i) => !skip.has(i))
  const totals = { episodes: 0, requests: 0, lines: 0 }
  let finished = 0
  const bar = progressBar('gvl episodes', todo.length)
  bar(0)
  await runPool(todo, config.concurrency, async (index) => {
    const opened = await openEpisode(source, index, config, problems)
    if (opened !== undefined) {
      checkRun(partial.records[0], opened, config)
      const r = await gvlEpisode(opened, config, problems)
      totals.episodes++
      totals.requests += r.requests
      totals.lines += r.lines
    }
    bar(++finished)
  })
  return totals
}

/** Refuse to continue a file another run wrote (another model, prompt, sampling…). */
function checkRun(first: Record<string, unknown> | undefined, opened: OpenedEpisode, config: PredictConfig): void {
  const clash = first === undefined ? undefined : runMismatch(first, opened.meta)
  if (clash !== undefined) throw new UsageError(`${config.out} was written with another ${clash} (${JSON.stringify(first?.[clash])}); give another --out or the same options`)
}
