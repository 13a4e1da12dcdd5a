/**
 * `proclens export`: corrected labels back into training pipelines' own formats (docs/exports.md), through
 * the same core and the same run (`runExport`) as the app's export, so both write the same bytes.
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { parseEpisodeList } from '../../core/episodeList'
import type { Problem } from '../../core/problems'
import { formatProblem, groupProblems } from '../../core/problems'
import type { ExportEpisode, ExportFormat, FormatWriter } from '../../data/exports/runExport'
import { EXPORT_FORMATS, runExport } from '../../data/exports/runExport'
import type { DatasetSource, EpisodeSummary } from '../../data/DatasetSource'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import type { Command } from '../command'
import { folderSink } from '../folderSink'
import { createNodeFileStore } from '../nodeFileStore'
import { annotationInput, episodeResolver } from './exportEpisodes'
import { cliWriters } from './exportWriters'

const usage = `Usage: proclens export DATASET --format FORMAT --out DIR [options]

Writes an episode's labels (corrected in ProcLens, or as the VLM proposed them) in a training pipeline's format.

Formats (--format, repeatable or comma-separated):
  proccorpus  ProcVLM's per-frame files: DIR/v2/sub_task/<dataset>/<episode>.sub_task.jsonl
  procvqa     ProcVLM's question-answer records: DIR/{a,b,c}/<dataset>/<episode>.jsonl and the frames as JPEG
              under DIR/images/<dataset>/<camera>/<episode>/<frame:06d>.jpg
  lerobot     a copy of a LeRobot v3.0 dataset's meta/ with SARM's subtask columns (--language adds the language
              columns to the data files)
  records     ProcLens's lossless records: DIR/records/<dataset>.records.jsonl (re-importable in the app)
  selection   ProcVLM selection lists: DIR/selection/{accepted,rejected,flagged}.jsonl

Options:
  --annotations PATH   where the labels come from: a ProcLens records file (with reviews), or a folder laid out as
                       ProcVLM's annotation root (PATH/v2/sub_task/<dataset>/<episode>.sub_task.jsonl). Default:
                       the labels next to the dataset, found as the app finds them
  --dataset-name NAME  ProcVLM's dataset name (default: the dataset folder's name)
  --episodes LIST      episode indices: 10, 0-9,12 (default: every episode)
  --seed N             ProcVQA sampling seed (default 0): the same seed writes the same files
  --camera KEY         ProcVQA camera (default: ProcVLM's exo-camera rule)
  --language           lerobot: also write the language columns into the data files
  --json               print {"episodes": N, "files": [...], "problems": [...]} to stdout

Progress goes to stderr. Exit 0 on success, 1 when an input had errors (what could be read is still
exported), 2 on a usage error.`

interface Args {
  dataset: string
  formats: ExportFormat[]
  out: string
  annotations: string | undefined
  datasetName: string | undefined
  episodes: number[] | undefined
  seed: number
  camera: string | undefined
  language: boolean
  json: boolean
}

const SPEC = {
  format: { type: 'string', multiple: true },
  out: { type: 'string' },
  annotations: { type: 'string' },
  'dataset-name': { type: 'string' },
  episodes: { type: 'string' },
  seed: { type: 'string' },
  camera: { type: 'string' },
  language: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const

function readArgs(argv: string[]): Args {
  const { values, positionals } = parseCommandArgs(argv, SPEC)
  if (positionals.length !== 1) throw new UsageError(`expected one DATASET folder, got ${positionals.length}`)
  const formats = (values.format ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '')
  if (formats.length === 0) throw new UsageError(`--format is required (${EXPORT_FORMATS.join(', ')})`)
  for (const f of formats) if (!(EXPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown format '${f}' (${EXPORT_FORMATS.join(', ')})`)
  if (values.out === undefined || values.out === '') throw new UsageError('--out DIR is required')
  let episodes: number[] | undefined
  if (values.episodes !== undefined) {
    const parsed = parseEpisodeList(values.episodes)
    if (!parsed.ok) throw new UsageError(`--episodes: ${parsed.reason}`)
    episodes = parsed.episodes
  }
  const seed = values.seed === undefined ? 0 : Number(values.seed)
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed must be a non-negative integer, not '${values.seed ?? ''}'`)
  return {
    dataset: positionals[0]!, formats: [...new Set(formats)] as ExportFormat[], out: values.out, annotations: values.annotations,
    datasetName: values['dataset-name'], episodes, seed, camera: values.camera, language: values.language, json: values.json,
  }
}

/** A progress line on stderr, rewritten in place on a terminal, one line per tenth otherwise. */
function progressPrinter(): (p: { done: number; total: number; phase: string }) => void {
  let lastTenth = -1
  return ({ done, total, phase }) => {
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${phase}: ${done}/${total}${done === total ? '\n' : ''}`)
      return
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10)
    if (tenth !== lastTenth) {
      lastTenth = tenth
      process.stderr.write(`${phase}: ${done}/${total}\n`)
    }
  }
}

async function listEpisodes(source: DatasetSource, wanted: number[] | undefined, problems: Problem[]): Promise<EpisodeSummary[]> {
  const all = await source.listEpisodes(0, source.episodeCount)
  if (wanted === undefined) return all
  const byIndex = new Map(all.map((e) => [e.index, e]))
  const missing = wanted.filter((i) => !byIndex.has(i))
  if (missing.length > 0) problems.push({ severity: 'error', kind: 'no-such-episode', message: `the dataset has no episode ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` (and ${missing.length - 10} more)` : ''}` })
  return wanted.flatMap((i) => byIndex.get(i) ?? [])
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  const problems: Problem[] = []
  let source: DatasetSource
  try {
    source = await openDataset(createNodeFileStore(args.dataset))
  } catch (e) {
    if (e instanceof NotADatasetError) {
      console.error(`proclens export: ${args.dataset}: ${e.message}`)
      return EXIT_BAD_INPUT
    }
    throw e
  }
  const datasetName = args.datasetName ?? basename(resolve(args.dataset))
  const episodes = await listEpisodes(source, args.episodes, problems)
  let input
  try {
    input = await annotationInput(args.annotations)
  } catch (e) {
    console.error(`proclens export: --annotations ${args.annotations ?? ''}: ${e instanceof Error ? e.message : String(e)}`)
    return EXIT_BAD_INPUT
  }
  const resolveEpisode = await episodeResolver(source, input, datasetName, problems)
  async function* stream(): AsyncIterable<ExportEpisode> {
    for (const summary of episodes) {
      const record = await resolveEpisode(summary)
      if (record !== undefined) yield record
    }
  }
  // Each pass asks for the episodes again; problems are reported once, from the first pass.
  let passes = 0
  const episodesOnce = (): AsyncIterable<ExportEpisode> => {
    if (passes++ === 0) return stream()
    const quiet: Problem[] = []
    return (async function* () {
      const again = await episodeResolver(source, input, datasetName, quiet)
      for (const summary of episodes) {
        const record = await again(summary)
        if (record !== undefined) yield record
      }
    })()
  }
  if (args.out !== '' && (await stat(args.out).catch(() => undefined))?.isFile() === true) {
    console.error(`proclens export: --out ${args.out} is a file; give a folder`)
    return EXIT_BAD_INPUT
  }
  const sink = folderSink(args.out)
  const writers: Partial<Record<ExportFormat, FormatWriter>> = cliWriters(args.formats, { root: args.dataset, source, datasetName, seed: args.seed, camera: args.camera, language: args.language })
  const result = await runExport({
    formats: args.formats, datasetName, episodes: episodesOnce, total: episodes.length, sink, writers, onProgress: progressPrinter(),
  })
  problems.push(...result.problems)
  // Every problem of a small export; a large one's grouped by kind, so a thousand episodes stay readable.
  if (problems.length <= 20) for (const p of problems) console.error(formatProblem(p))
  else for (const g of groupProblems(problems)) console.error(`${g.severity} ${g.kind} ×${g.count}: ${g.examples.join(' | ')}${g.count > g.examples.length ? ' | …' : ''}`)
  console.error(`exported ${result.episodes} episode(s) as ${args.formats.join(', ')} to ${args.out} (${sink.written.length} file(s))`)
  if (args.json) console.log(JSON.stringify({ episodes: result.episodes, files: sink.written, problems }))
  return problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write labels as ProcCorpus, ProcVQA, LeRobot (SARM), ProcLens records or selection lists',
  usage,
  run,
}
