/**
 * `proclens predict`: progress predictions from a vision-language model behind any OpenAI-compatible chat
 * endpoint, under ProcVLM's protocol or GVL's (docs/predict.md). The core builds every request and parses every
 * answer (`core/predict`); this command decodes frames, talks HTTP and writes the files.
 */
import type { Problem } from '../../core/problems'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import type { DatasetSource } from '../../data/DatasetSource'
import { EXIT_BAD_INPUT, EXIT_OK, UsageError } from '../command'
import { printProblems } from '../printProblems'
import type { Command } from '../command'
import { createNodeFileStore } from '../nodeFileStore'
import { ChatRequestError } from '../../data/predict/chatClient'
import { predictUsage, readPredictArgs } from '../predict/args'
import { runGvl } from '../predict/runGvl'
import { runProcvlm } from '../predict/runProcvlm'

async function run(argv: string[]): Promise<number> {
  const { config, episodes, json } = readPredictArgs(argv, process.env)
  let source: DatasetSource
  try {
    source = await openDataset(createNodeFileStore(config.dataset))
  } catch (e) {
    if (e instanceof NotADatasetError) {
      console.error(`proclens predict: ${config.dataset}: ${e.message}`)
      return EXIT_BAD_INPUT
    }
    throw e
  }
  const problems: Problem[] = []
  const all = await source.listEpisodes(0, source.episodeCount)
  const known = new Set(all.map((e) => e.index))
  const wanted = episodes ?? all.map((e) => e.index)
  const missing = wanted.filter((i) => !known.has(i))
  if (missing.length > 0) problems.push({ severity: 'error', kind: 'no-such-episode', message: `the dataset has no episode ${missing.slice(0, 10).join(', ')}` })
  const indices = wanted.filter((i) => known.has(i))
  const totals = { episodes: 0, requests: 0, lines: 0 }
  let stopped: string | undefined
  try {
    const r = config.protocol === 'procvlm' ? await runProcvlm(source, indices, config, problems) : await runGvl(source, indices, config, problems)
    Object.assign(totals, r)
  } catch (e) {
    if (e instanceof UsageError || !(e instanceof Error)) throw e
    // A request that failed for good, or frames that would not decode: what was answered is written.
    stopped = e.message
    const kind = e instanceof ChatRequestError ? 'request-failed' : 'predict-failed'
    problems.push({ severity: 'error', kind, message: `${e.message}; stopped. Run the same command again to resume` })
  }
  printProblems(problems)
  console.error(`${stopped === undefined ? 'predicted' : 'stopped after'} ${totals.requests} request(s), ${totals.lines} line(s) written to ${config.out}`)
  if (json) console.log(JSON.stringify({ out: config.out, protocol: config.protocol, model: config.model, ...totals, problems }))
  return problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

export const predictCommand: Command = {
  name: 'predict',
  summary: 'ask a vision-language model (OpenAI-compatible endpoint) for per-frame progress: ProcVLM or GVL protocol',
  usage: predictUsage,
  run,
}


