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
import type { Shard } from '../../core/shard'
import { shardLabel } from '../../core/shard'
import { runShardedExport } from '../shard/exportShard'
import { ShardError } from '../shard/shardFolder'
import { readShard, SHARD_SPEC, SHARD_USAGE } from '../shard/shardOption'
import { annotationInput, episodeResolver } from './exportEpisodes'
import { cliWriters } from './exportWriters'
import type { WriterContext } from './exportWriters'

const usage = `Usage: proclens export DATASET --format FORMAT --out DIR [--shard i/N] [options]

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
  --phash-sidecar DIR  procvqa: read frame hashes from DIR/.proclens/phash (\`proclens phash DATASET --sidecar\`)
                       instead of decoding for them; by default the dataset's own sidecars, when they match
  --json               print {"episodes": N, "files": [...], "problems": [...]} to stdout
${SHARD_USAGE}

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
  shard: Shard | undefined
  phashSidecar: string | undefined
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
  'phash-sidecar': { type: 'string' },
  json: { type: 'boolean', default: false },
  ...SHARD_SPEC,
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
    shard: readShard(values.shard), phashSidecar: values['phash-sidecar'],
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

function writerContext(args: Args, source: DatasetSource, datasetName: string): WriterContext {
  const context: WriterContext = { root: args.dataset, source, datasetName, seed: args.seed, camera: args.camera, language: args.language }
  if (args.phashSidecar !== undefined) context.sidecars = createNodeFileStore(args.phashSidecar)
  return context
}

/** Every problem of a small export; a large one's grouped by kind, so a thousand episodes stay readable. */
export function printExportProblems(problems: readonly Problem[]): void {
  if (problems.length <= 20) for (const p of problems) console.error(formatProblem(p))
  else for (const g of groupProblems([...problems])) console.error(`${g.severity} ${g.kind} ×${g.count}: ${g.examples.join(' | ')}${g.count > g.examples.length ? ' | …' : ''}`)
}

interface Opened {
  source: DatasetSource
  datasetName: string
  episodes: EpisodeSummary[]
  input: Awaited<ReturnType<typeof annotationInput>>
  problems: Problem[]
}

/** `--shard i/N`: this shard's episodes into --out, resumable; `proclens merge` joins the shards. */
async function runShard(args: Args, shard: Shard, opened: Opened): Promise<number> {
  const { source, datasetName, episodes, input } = opened
  const runProblems = opened.problems.splice(0)
  const problems: Problem[] = []
  const resolveEpisode = await episodeResolver(source, input, datasetName, problems)
  // The resolver reports a records file's own problems once, when made: they belong to the whole run.
  runProblems.push(...problems.splice(0))
  const annotations = input.kind === 'dataset' ? null : resolve(input.kind === 'records' ? input.file : input.folder)
  let result
  try {
    result = await runShardedExport({
      shard, out: args.out, datasetName, formats: args.formats,
      options: { seed: args.seed, camera: args.camera ?? null, language: args.language, annotations: input.kind, episodes: args.episodes ?? null },
      inputs: { dataset: resolve(args.dataset), ...(annotations === null ? {} : { annotations }) },
      episodes, resolve: resolveEpisode, problems, runProblems,
      writers: cliWriters(args.formats.filter((f) => f === 'procvqa'), writerContext(args, source, datasetName)),
      onProgress: progressPrinter(),
    })
  } catch (e) {
    if (!(e instanceof ShardError)) throw e
    console.error(`proclens export: ${e.message}`)
    return EXIT_BAD_INPUT
  }
  const all = [...runProblems, ...result.problems]
  printExportProblems(all)
  const label = shardLabel(shard)
  console.error(`shard ${label}: ${result.plan.episodes.length} of ${result.plan.total} episode(s); exported ${result.exported}${result.resumed > 0 ? `, ${result.resumed} already done` : ''} to ${args.out}. When every shard is done: proclens merge OUT SHARD_DIR...`)
  if (args.json) console.log(JSON.stringify({ shard: label, episodes: result.plan.episodes.length, exported: result.exported, resumed: result.resumed, problems: all }))
  return all.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
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
  if (args.out !== '' && (await stat(args.out).catch(() => undefined))?.isFile() === true) {
    console.error(`proclens export: --out ${args.out} is a file; give a folder`)
    return EXIT_BAD_INPUT
  }
  if (args.shard !== undefined) return runShard(args, args.shard, { source, datasetName, episodes, input, problems })
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
  const sink = folderSink(args.out)
  const writers: Partial<Record<ExportFormat, FormatWriter>> = cliWriters(args.formats, writerContext(args, source, datasetName))
  const result = await runExport({
    formats: args.formats, datasetName, episodes: episodesOnce, total: episodes.length, sink, writers, onProgress: progressPrinter(),
  })
  problems.push(...result.problems)
  printExportProblems(problems)
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
