/**
 * `proclens convert`: between ProcVLM's raw VLM proposal, its flattened ProcCorpus file and ProcLens's
 * lossless record format (docs/formats.md). The input format is read from the content; folders convert every
 * `*.sub_task.jsonl`, `*.records.jsonl` and record `*.json` inside, keeping the sub-folders and ProcVLM's file
 * naming (`<episode>.sub_task.jsonl`).
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import type { AnnotationDoc } from '../../core/annotation'
import { detectFormat } from '../../core/formats/detectFormat'
import { docToFlatText } from '../../core/formats/docToFlat'
import { docToProposal } from '../../core/formats/docToProposal'
import { importProcCorpus } from '../../core/formats/flatToDoc'
import type { ImportOptions } from '../../core/formats/importOptions'
import { importVlmProposal } from '../../core/formats/proposalToDoc'
import { parseRecords, recordToJson, recordsToJsonl } from '../../core/formats/records'
import { writeVlmProposal } from '../../core/formats/vlmProposal'
import { ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
import type { Command } from '../command'

const usage = `Usage: proclens convert IN --to flat|records|proposal --out OUT [options]

Converts annotation files between ProcVLM's raw VLM proposal (sub_task_jsonl/<dataset>/<episode>.sub_task.jsonl),
the flattened per-frame file ProcVLM trains on (annotation/v2/sub_task/<dataset>/<episode>.sub_task.jsonl) and
ProcLens's lossless record format. The input format is detected from the content. IN may be a file or a folder
(every *.sub_task.jsonl, *.records.jsonl and record *.json inside, recursively).

Options:
  --to FORMAT     flat (ProcVLM's flattened file), proposal (raw VLM proposal) or records (ProcLens records)
  --out OUT       output file, or folder (for a folder IN, or several episodes): <OUT>/<sub-folder>/<episode>.sub_task.jsonl
                  (records: <episode>.record.json; an OUT ending in .jsonl gets all records in one file)
  --frames N      the episode's frame count (raw proposals do not store it; default: the last task_end)
  --fps F         frames per second stored in records (default 30)
  --dataset NAME  dataset name (default: the input file's folder name)
  --json          print {"converted": [...], "problems": [...]} to stdout

Problems go to stderr. Exit 0 on success, 1 when an input had errors (what could be read is still
converted), 2 on a usage error. What a format cannot carry is listed in docs/formats.md.`

type Target = 'flat' | 'records' | 'proposal'

interface Args {
  input: string
  to: Target
  out: string
  json: boolean
  options: Omit<ImportOptions, 'file'>
}

function positiveNumber(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`${name} must be a positive ${integer ? 'integer' : 'number'}, not '${raw}'`)
  }
  return n
}

const SPEC = {
  to: { type: 'string' },
  out: { type: 'string' },
  frames: { type: 'string' },
  fps: { type: 'string' },
  dataset: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const

function readArgs(args: string[]): Args {
  const parsed = parseCommandArgs(args, SPEC)
  const { values, positionals } = parsed
  if (positionals.length !== 1) throw new UsageError(`expected one input (file or folder), got ${positionals.length}`)
  const to = values.to
  if (to !== 'flat' && to !== 'records' && to !== 'proposal') throw new UsageError(`--to must be flat, records or proposal, not '${String(to)}'`)
  if (values.out === undefined || values.out === '') throw new UsageError('--out is required')
  const options: Omit<ImportOptions, 'file'> = {}
  const frames = positiveNumber('--frames', values.frames, true)
  const fps = positiveNumber('--fps', values.fps, false)
  if (frames !== undefined) options.frameCount = frames
  if (fps !== undefined) options.fps = fps
  if (values.dataset !== undefined) options.dataset = values.dataset
  return { input: positionals[0]!, to, out: values.out, json: values.json, options }
}

const INPUT_SUFFIXES = ['.sub_task.jsonl', '.record.json', '.records.jsonl']
/** Other `.json` files in a folder are converted only when they hold a record (a folder may hold meta/info.json). */
const MAYBE_RECORD = '.json'

/** Input files under `dir`, recursively, in name order. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = []
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const e of entries) {
    const path = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await walk(path)))
    else if (INPUT_SUFFIXES.some((s) => e.name.endsWith(s)) || e.name.endsWith(MAYBE_RECORD)) out.push(path)
  }
  return out
}

interface Loaded {
  doc: AnnotationDoc
  file: string
  /** The file's folder relative to the input folder ('' for a file input). */
  relDir: string
}

interface Input {
  file: string
  /** The file's folder relative to the input folder ('' for a file input). */
  relDir: string
  /** Found by scanning a folder: a plain `.json` file is then skipped unless it holds a record. */
  scanned: boolean
}

async function load(input: Input, args: Args, problems: Problem[]): Promise<Loaded[]> {
  const { file, relDir } = input
  const log = new ProblemLog({ file })
  const text = await readInputText(file, log)
  if (text === undefined) {
    problems.push(...log.problems)
    return []
  }
  const format = detectFormat(text)
  const maybeRecord = !INPUT_SUFFIXES.some((s) => file.endsWith(s))
  if (input.scanned && maybeRecord && format !== 'record') return []
  const options: ImportOptions = { ...args.options, file }
  let docs: AnnotationDoc[] = []
  if (format === 'record') {
    docs = parseRecords(text, log)
  } else if (format === 'vlm-proposal' || format === 'proccorpus-flat') {
    const imported = format === 'vlm-proposal' ? importVlmProposal(text, options) : importProcCorpus(text, options)
    // fps is only stored in records; a missing one is no problem for the ProcVLM formats.
    problems.push(...imported.problems.filter((p) => args.to === 'records' || p.kind !== 'fps-assumed'))
    if (imported.doc !== undefined) docs = [imported.doc]
  } else {
    log.error('unknown-format', 'neither a raw VLM proposal (lines with "task_start"), a flattened file (lines with "frame_id") nor a ProcLens record')
  }
  problems.push(...log.problems)
  return docs.map((doc) => ({ doc, file, relDir }))
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}

/** The file text for one document in the target format, with the export's warnings. */
function render(doc: AnnotationDoc, to: Exclude<Target, 'records'>): { text: string; problems: Problem[] } {
  if (to === 'flat') return docToFlatText(doc)
  const { lines, problems } = docToProposal(doc)
  return { text: writeVlmProposal(lines), problems }
}

async function write(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, text, 'utf8')
}

interface Converted {
  input: string
  output: string
  dataset: string
  episode: string
}

async function writeAll(loaded: readonly Loaded[], args: Args, inputIsDir: boolean, problems: Problem[]): Promise<Converted[]> {
  const done: Converted[] = []
  const entry = (l: Loaded, output: string): Converted => ({ input: l.file, output, dataset: l.doc.dataset, episode: l.doc.episode })
  if (args.to === 'records' && args.out.endsWith('.jsonl')) {
    await write(args.out, recordsToJsonl(loaded.map((l) => l.doc)))
    return loaded.map((l) => entry(l, args.out))
  }
  const single = !inputIsDir && loaded.length === 1 && !args.out.endsWith('/') && !(await isDirectory(args.out))
  if (!single && args.to === 'records' && args.out.endsWith('.json')) {
    throw new UsageError(`${loaded.length} episodes cannot go into one .json file; give a folder or a .jsonl file as --out`)
  }
  const taken = new Set<string>()
  for (const l of loaded) {
    const name = `${l.doc.episode}${args.to === 'records' ? '.record.json' : '.sub_task.jsonl'}`
    const output = single ? args.out : join(args.out, l.relDir, name)
    if (taken.has(output)) {
      problems.push({ severity: 'error', kind: 'duplicate-output', message: `another input already wrote ${output}; this episode is skipped`, file: l.file, episode: l.doc.episode })
      continue
    }
    taken.add(output)
    if (args.to === 'records') {
      await write(output, recordToJson(l.doc))
    } else {
      const r = render(l.doc, args.to)
      problems.push(...r.problems.map((p) => ({ ...p, file: l.file })))
      await write(output, r.text)
    }
    done.push(entry(l, output))
  }
  return done
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  const problems: Problem[] = []
  const inputIsDir = await isDirectory(args.input)
  let files: Input[]
  if (inputIsDir) {
    files = (await walk(args.input)).map((file) => ({ file, relDir: relative(args.input, dirname(file)), scanned: true }))
    if (files.length === 0) problems.push({ severity: 'error', kind: 'no-input', message: `no *.sub_task.jsonl, *.json or *.records.jsonl under ${args.input}`, file: args.input })
  } else {
    files = [{ file: args.input, relDir: '', scanned: false }]
  }
  const loaded: Loaded[] = []
  for (const f of files) loaded.push(...(await load(f, args, problems)))
  const converted = loaded.length > 0 ? await writeAll(loaded, args, inputIsDir, problems) : []
  // Each file's problems together, in input order (reading and writing report at different times).
  const order = new Map(files.map((f, i) => [f.file, i]))
  problems.sort((a, b) => (order.get(a.file ?? '') ?? files.length) - (order.get(b.file ?? '') ?? files.length))
  printProblems(problems)
  const errors = problems.filter((p) => p.severity === 'error').length
  console.error(`converted ${converted.length} episode(s) to ${args.to} in ${args.out} (${errors} error(s), ${problems.length - errors} warning(s))`)
  if (args.json) console.log(JSON.stringify({ converted, problems }, null, 2))
  return errors > 0 ? EXIT_BAD_INPUT : EXIT_OK
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert annotations between raw VLM proposals, flattened ProcCorpus files and ProcLens records',
  usage,
  run,
}
