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
import { runPool } from './pool'
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

  const todo: OpenedEpisode[] = []
  const redo = new Set<string>()
  for (const index of indices) {
    const opened = await openEpisode(source, index, config, problems)
    if (opened === undefined) continue
    const clash = partial.records.length === 0 ? undefined : runMismatch(partial.records[0]!, opened.meta)
    if (clash !== undefined) throw new UsageError(`${config.out} was written with another ${clash} (${JSON.stringify(partial.records[0]![clash])}); give another --out or the same options`)
    const have = byEpisode.get(opened.episode.name)
    if (have !== undefined && opened.sampled.every((f) => have.has(f))) continue
    if (have !== undefined) redo.add(opened.episode.name)
    todo.push(opened)
  }
  if (redo.size > 0) await rewrite(config.out, partial.records.filter((r) => !redo.has(r.episode as string)))

  const totals = { episodes: 0, requests: 0, lines: 0 }
  const bar = progressBar('gvl episodes', todo.length)
  bar(0)
  await runPool(todo, config.concurrency, async (opened) => {
    const r = await gvlEpisode(opened, config, problems)
    totals.episodes++
    totals.requests += r.requests
    totals.lines += r.lines
    bar(totals.episodes)
  })
  return totals
}
