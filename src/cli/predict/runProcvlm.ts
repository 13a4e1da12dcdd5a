/** The `procvlm` protocol over episodes: one after another, each episode's frames `concurrency` at a time. */
import type { Problem } from '../../core/problems'
import type { DatasetSource } from '../../data/DatasetSource'
import { UsageError } from '../command'
import type { PredictConfig } from './context'
import { openEpisode } from './context'
import { procvlmEpisode } from './procvlmEpisode'

export async function runProcvlm(source: DatasetSource, indices: readonly number[], config: PredictConfig, problems: Problem[]) {
  if (config.out.endsWith('.jsonl') && indices.length > 1) {
    throw new UsageError('--out FILE.jsonl holds one episode (ProcVLM writes one file per video); give a folder for several')
  }
  const totals = { episodes: 0, requests: 0, lines: 0 }
  for (const index of indices) {
    const opened = await openEpisode(source, index, config, problems)
    if (opened === undefined) continue
    const r = await procvlmEpisode(opened, config, problems)
    totals.episodes++
    totals.requests += r.requests
    totals.lines += r.lines
  }
  return totals
}
