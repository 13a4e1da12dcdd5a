/**
 * `proclens inspect DATASET [--json]`: opens a dataset folder or URL with the app's own readers and reports its
 * episodes, cameras (codec, size, frames, browser playability) and every problem.
 */
import { stat } from 'node:fs/promises'
import { guessUrl } from '../../data/datasetUrl'
import { inspectDataset } from '../../data/inspectDataset'
import type { InspectReport } from '../../data/inspectDataset'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import { readDatasetUrl } from '../../data/openDatasetUrl'
import { OpenError } from '../../data/openError'
import type { Command } from '../command'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import { createNodeFileStore } from '../nodeFileStore'
import { shardLabel } from '../../core/shard'
import type { DatasetSource } from '../../data/DatasetSource'
import type { FileStore } from '../../data/fileStore'
import { runShardedInspect } from '../shard/inspectShard'
import { ShardError } from '../shard/shardFolder'
import { readShard, SHARD_SPEC, SHARD_USAGE } from '../shard/shardOption'

const usage = `Usage: proclens inspect DATASET [--json] [--shard i/N --out DIR]

Opens DATASET (a folder, or an http(s) URL of a dataset root) the way the app does and reports its format, fps,
the episodes whose files are present (length, task, cameras with codec, size, frames, browser playability) and
every problem (absent episodes, undecodable codecs, files that are not what their names say, frame-count or fps
mismatches, truncated files, ...) with what to do about it (commands in backticks).

Formats: LeRobot v2.1 and v3.0, image-sequence folders (see docs/datasets.md).

Options:
  --json               print the report as JSON on stdout
  --out DIR            with --shard: the shard's folder (\`proclens merge\` writes DIR/inspect.json, the --json report)
${SHARD_USAGE}
Exit codes: 0 the dataset opens (problems may be listed), 1 it does not (the message says why: not a dataset,
malformed URL, host not found, connection refused, HTTP 401/403/404/5xx, ...), 2 usage error.`

function printText(report: InspectReport, label: string): void {
  console.log(`${label}: ${report.format}, ${report.fps} fps, ${report.episodes.length} episode(s) with files`)
  for (const e of report.episodes.slice(0, 50)) {
    const cams = e.cameras.map((c) => `${c.key} ${c.codec} ${c.width ?? '?'}x${c.height ?? '?'} ${c.frames}f${c.browser_playable ? '' : ' (not playable)'}`)
    console.log(`  #${e.episode_index}  ${e.length} frames  ${JSON.stringify(e.task)}  ${cams.length === 0 ? 'no cameras' : cams.join('; ')}`)
  }
  if (report.episodes.length > 50) console.log(`  … ${report.episodes.length - 50} more`)
  if (report.problems.length > 0) console.log(`${report.problems.length} problem(s):`)
  for (const p of report.problems) {
    console.log(`  ${p.episode_index === undefined ? '' : `[episode ${p.episode_index}] `}${p.kind}: ${p.message}`)
    if (p.remedy !== undefined) console.log(`      what to do: ${p.remedy}`)
  }
}

interface Failure {
  kind: string
  headline: string
  advice?: readonly string[]
  /** Where the dataset was looked for: a URL or a folder path. */
  where: { url: string } | { path: string }
}

/** Says why DATASET did not open: on stderr, and with --json on stdout in the report's shape plus `error`. */
function fail(json: boolean, failure: Failure): number {
  const advice = failure.advice ?? []
  const message = [failure.headline, ...advice].join(' ')
  if (json) {
    const error = { kind: failure.kind, message, ...failure.where }
    console.log(JSON.stringify({ format: null, fps: null, episodes: [], problems: [{ kind: failure.kind, message }], error }))
  }
  console.error([`proclens inspect: ${failure.headline}`, ...advice.map((a) => `  ${a}`)].join('\n'))
  return EXIT_BAD_INPUT
}

interface Inspected {
  report: InspectReport
  label: string
}

/** What is done with the opened dataset: the whole report, or one shard's part written to a folder. */
type Inspector = (source: DatasetSource, store: FileStore) => Promise<InspectReport>

async function inspectUrl(target: string, json: boolean, inspector: Inspector): Promise<Inspected | number> {
  try {
    return await readDatasetUrl(target, async (store) => ({ report: await inspector(await openDataset(store), store), label: store.label }))
  } catch (e) {
    if (!(e instanceof OpenError)) throw e
    return fail(json, { kind: e.kind, headline: e.headline, advice: e.advice, where: { url: e.url } })
  }
}

async function inspectFolder(target: string, json: boolean, inspector: Inspector): Promise<Inspected | number> {
  const where = { path: target }
  const s = await stat(target).catch(() => undefined)
  if (s === undefined) {
    const url = guessUrl(target)
    const advice = url === undefined ? [] : [`To open a URL, give its scheme: \`proclens inspect ${url}\`.`]
    return fail(json, { kind: 'not-found', headline: `${target}: no such file or folder.`, advice, where })
  }
  if (!s.isDirectory()) return fail(json, { kind: 'not-a-dataset', headline: `${target} is a file; DATASET is the dataset's root folder.`, where })
  const store = createNodeFileStore(target)
  try {
    return { report: await inspector(await openDataset(store), store), label: store.label }
  } catch (e) {
    if (e instanceof ShardError) return fail(json, { kind: 'shard', headline: e.message, where })
    if (e instanceof NotADatasetError) return fail(json, { kind: 'not-a-dataset', headline: e.message, where })
    return fail(json, { kind: 'failed', headline: `${store.label}: ${e instanceof Error ? e.message : String(e)}`, where })
  }
}

async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false }, out: { type: 'string' }, ...SHARD_SPEC })
  const [target, ...extra] = parsed.positionals
  if (target === undefined) throw new UsageError('DATASET is required')
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] ?? ''}'`)
  const json = parsed.values.json === true
  const shard = readShard(parsed.values.shard)
  const out = parsed.values.out
  if ((shard === undefined) !== (out === undefined)) throw new UsageError(shard === undefined ? '--out is for a sharded run (--shard i/N)' : '--shard needs --out DIR, the shard\'s folder')
  let sharded: string | undefined
  const inspector: Inspector = shard === undefined || out === undefined ? (source) => inspectDataset(source) : async (source, store) => {
    const r = await runShardedInspect(source, store.name, shard, out)
    sharded = `shard ${shardLabel(shard)}: ${r.plan.episodes.length} of ${r.plan.total} episode(s); inspected ${r.inspected}${r.resumed > 0 ? `, ${r.resumed} already done` : ''} into ${out}. When every shard is done: proclens merge OUT SHARD_DIR...`
    return { format: source.format, fps: source.fps, episodes: [], problems: [] }
  }
  // Anything with a scheme is a URL (ftp:// too, to be refused as one); everything else is a folder.
  const inspected = /^[a-z][a-z\d+.-]*:\/\//i.test(target) ? await inspectUrl(target, json, inspector) : await inspectFolder(target, json, inspector)
  if (typeof inspected === 'number') return inspected
  if (sharded !== undefined) {
    console.error(sharded)
    return EXIT_OK
  }
  const { report, label } = inspected
  if (json) {
    console.log(JSON.stringify(report, null, 2))
    if (report.problems.length > 0) console.error(`proclens inspect: ${report.problems.length} problem(s); see "problems"`)
  } else {
    printText(report, label)
  }
  return EXIT_OK
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Open a dataset folder or URL and report episodes, cameras, codecs and problems',
  usage,
  run,
}
