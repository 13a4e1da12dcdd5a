/**
 * `proclens agree`: how far two or more annotators agree on the same episodes (boundary F1 at a frame
 * tolerance, label agreement, budget differences, outcome agreement), per episode and overall, as a table,
 * JSON or CSV. The measures are the core's (`core/agreement.ts`); this file reads, prints and writes.
 */
import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { compareAnnotators, DEFAULT_TOLERANCE } from '../../core/agreement'
import type { AgreementReport, AnnotatorDocs, EpisodeAgreement } from '../../core/agreement'
import { agreementCsv } from '../../core/agreement/agreementCsv'
import { readAnnotatorFile } from '../../core/agreement/annotatorFile'
import { ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
import type { Command } from '../command'

const usage = `Usage: proclens agree A.jsonl B.jsonl [C.jsonl ...] [--tolerance FRAMES] [--json] [--csv OUT]

Compares two or more annotators' ProcLens records of the same episodes (each file: JSON Lines of records, or
one record), matched by (dataset, episode). A file's annotator is the reviewer its records name
(review.reviewer), else the file's name. Episodes only one annotator labelled, and annotations of an episode
with different frame counts, are reported and not compared.

Options:
  --tolerance FRAMES   boundaries at most FRAMES frames apart agree (an integer, default ${DEFAULT_TOLERANCE})
  --json               print {"annotators", "tolerance", "episodes", "overall", "unmatched", "skipped", "problems"}
                       to stdout instead of the table
  --csv OUT            also write one row per pair of annotators per episode to OUT

Measures (docs/agreement.md): boundary F1 (boundaries matched one to one within the tolerance), label
agreement (fraction of frames with the same label), budget difference (|share difference| of the steps both
name alike: mean and max), outcome agreement. An episode shows the mean over its pairs of annotators; the
overall row pools every pair: F1 micro-averaged, labels weighted by frames.`

interface Args {
  files: string[]
  tolerance: number
  json: boolean
  csv: string | undefined
}

function readArgs(args: string[]): Args {
  const { values, positionals } = parseCommandArgs(args, {
    tolerance: { type: 'string', default: String(DEFAULT_TOLERANCE) },
    json: { type: 'boolean', default: false },
    csv: { type: 'string' },
  })
  if (positionals.length < 2) throw new UsageError('give two or more records files, one per annotator')
  const { tolerance, csv } = values
  if (typeof tolerance !== 'string' || !/^\d+$/.test(tolerance.trim())) {
    throw new UsageError(`--tolerance must be a whole number of frames, not '${String(tolerance)}'`)
  }
  return { files: positionals, tolerance: Number(tolerance), json: values.json === true, csv: typeof csv === 'string' ? csv : undefined }
}

/** One annotator per readable file; the file's problems carry its path as given. */
async function load(file: string, problems: Problem[]): Promise<AnnotatorDocs | undefined> {
  const log = new ProblemLog({ file })
  const text = await readInputText(file, log)
  problems.push(...log.problems)
  if (text === undefined) return undefined
  const read = readAnnotatorFile(text, basename(file))
  problems.push(...read.problems.map((p) => ({ ...p, file })))
  return read.annotator
}

const num = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(4))

function outcomes(e: EpisodeAgreement): string {
  const kinds = new Map(e.pairs.flatMap((p) => [[p.a, p.outcome.a], [p.b, p.outcome.b]]))
  return e.annotators.map((n) => kinds.get(n)).join('/')
}

function table(report: AgreementReport): string {
  const several = new Set(report.episodes.map((e) => e.dataset)).size > 1
  const withPairs = report.episodes.some((e) => e.pairs.length > 1)
  const header = ['episode', 'frames', ...(withPairs ? ['pairs'] : []), 'BF1', 'labels', 'budgetΔ', 'budgetΔmax', 'outcome', 'outcomes']
  const rows = report.episodes.map((e) => [
    several ? `${e.dataset}/${e.episode}` : e.episode, String(e.frameCount), ...(withPairs ? [String(e.pairs.length)] : []),
    num(e.boundaryF1), num(e.labelAgreement), num(e.budgetMeanAbsDifference), num(e.budgetMaxAbsDifference), num(e.outcomeAgreement), outcomes(e),
  ])
  const o = report.overall
  const total = o === undefined ? [] : [
    `overall (${o.episodes})`, '', ...(withPairs ? [String(o.pairs)] : []),
    num(o.boundaryF1), num(o.labelAgreement), num(o.budgetMeanAbsDifference), num(o.budgetMaxAbsDifference), num(o.outcomeAgreement), '',
  ]
  const all = [header, ...rows, total]
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ').trimEnd()
  const title = `${report.annotators.join(' · ')}, boundaries within ±${report.tolerance} frames`
  return [title, '', line(header), ...rows.map(line), line(widths.map((w) => '-'.repeat(w))), line(total)].join('\n')
}

/** Whether the CSV was written; a failure is a problem, so that --json reports it too. */
async function writeCsv(path: string, report: AgreementReport, problems: Problem[]): Promise<boolean> {
  try {
    await writeFile(path, agreementCsv(report), 'utf8')
    return true
  } catch (e) {
    problems.push({ severity: 'error', kind: 'file-not-writable', message: e instanceof Error ? e.message : String(e), file: path })
    return false
  }
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  const problems: Problem[] = []
  const annotators: AnnotatorDocs[] = []
  for (const file of args.files) {
    const annotator = await load(file, problems)
    if (annotator !== undefined) annotators.push(annotator)
  }
  const report = compareAnnotators(annotators, { tolerance: args.tolerance })
  problems.push(...report.problems)
  if (report.episodes.length === 0) {
    problems.push({ severity: 'error', kind: 'no-episodes', message: 'no episode was labelled by two annotators with the same frame count' })
  }
  const wroteCsv = args.csv !== undefined && (await writeCsv(args.csv, report, problems))

  if (args.json) console.log(JSON.stringify({ ...report, problems }, null, 2))
  else if (report.episodes.length > 0) console.log(table(report))
  printProblems(problems)
  if (wroteCsv) console.error(`wrote ${report.episodes.reduce((n, e) => n + e.pairs.length, 0)} row(s) to ${args.csv ?? ''}`)
  return problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

/** The `agree` command. */
export const agreeCommand: Command = {
  name: 'agree',
  summary: 'agreement between annotators on the same episodes (boundary F1, labels, budgets, outcomes)',
  usage,
  run,
}
