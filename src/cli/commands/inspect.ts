/**
 * `proclens inspect DATASET [--json]`: opens a dataset folder or URL with the app's own readers and reports its
 * episodes, cameras (codec, size, frames, browser playability) and every problem.
 */
import { stat } from 'node:fs/promises'
import { createHttpFileStore } from '../../data/httpFileStore'
import { inspectDataset } from '../../data/inspectDataset'
import type { InspectReport } from '../../data/inspectDataset'
import { NotADatasetError, openDataset } from '../../data/openDataset'
import type { Command } from '../command'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import { createNodeFileStore } from '../nodeFileStore'

const usage = `Usage: proclens inspect DATASET [--json]

Opens DATASET (a folder, or an http(s) URL of a dataset root) the way the app does and reports its format, fps,
the episodes whose files are present (length, task, cameras with codec, size, frames, browser playability) and
every problem (absent episodes, undecodable codecs, files that are not what their names say, frame-count or fps
mismatches, truncated files, ...) with what to do about it (commands in backticks).

Formats: LeRobot v2.1 and v3.0, image-sequence folders (see docs/datasets.md).

Options:
  --json   print the report as JSON on stdout
Exit codes: 0 the dataset opens (problems may be listed), 1 not a dataset, 2 usage error.`

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

async function run(args: string[]): Promise<number> {
  const parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
  const [target, ...extra] = parsed.positionals
  if (target === undefined) throw new UsageError('DATASET is required')
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0] ?? ''}'`)
  const json = parsed.values.json === true
  const isUrl = /^https?:\/\//i.test(target)
  const fail = (message: string): number => {
    if (json) console.log(JSON.stringify({ format: null, fps: null, episodes: [], problems: [{ kind: 'not-a-dataset', message }] }))
    console.error(`proclens inspect: ${message}`)
    return EXIT_BAD_INPUT
  }
  if (!isUrl) {
    const s = await stat(target).catch(() => undefined)
    if (s === undefined) return fail(`${target}: no such file or folder`)
    if (!s.isDirectory()) return fail(`${target} is a file; DATASET is the dataset's root folder`)
  }
  const store = isUrl ? createHttpFileStore(target) : createNodeFileStore(target)
  let report: InspectReport
  try {
    report = await inspectDataset(await openDataset(store))
  } catch (e) {
    if (e instanceof NotADatasetError) return fail(e.message)
    return fail(`${store.label}: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (json) {
    console.log(JSON.stringify(report, null, 2))
    if (report.problems.length > 0) console.error(`proclens inspect: ${report.problems.length} problem(s); see "problems"`)
  } else {
    printText(report, store.label)
  }
  return EXIT_OK
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Open a dataset folder or URL and report episodes, cameras, codecs and problems',
  usage,
  run,
}
