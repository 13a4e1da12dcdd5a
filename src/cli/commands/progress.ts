/**
 * `proclens progress`: ProcVLM's progress target for one episode, from its flattened label file and its frames
 * (docs/progress.md §6). The labels are mapped to frames the way ProcVLM's data picker does it, so the output is
 * what `pick_procedural.py` would train on.
 */
import { parseProcCorpus } from '../../core/formats/procCorpus'
import type { FlatFrame } from '../../core/formats/procvlmTypes'
import { phashHex } from '../../core/phash'
import { formatProblem, ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { formatProgressAnswer, procvlmProgress, runsOf } from '../../core/progress'
import type { RemainingActions } from '../../core/remainingActions'
import { labelsShowNotDone, remainingActions } from '../../core/remainingActions'
import type { HashedFrame } from '../../core/similarities'
import { similaritiesFromHashes } from '../../core/similarities'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import type { Command } from '../command'
import { readFrames } from '../media/frames'

const usage = `Usage: proclens progress --labels FLAT.sub_task.jsonl --frames DIR_OR_VIDEO [--cutoff X] [options]

Computes ProcVLM's progress target (evqa/tools/functions/progress.py p()) for one episode: the flattened
per-frame label file (annotation/v2/sub_task/<dataset>/<episode>.sub_task.jsonl) gives each frame's sub-task,
and the frames give the pHash similarity of consecutive frames. DIR is a folder of images taken in natural
numeric order of their names; a video is decoded with ffmpeg. Remaining actions follow ProcVLM's data picker.

Options:
  --labels FILE              the flattened label file (one {"frame_id", "task", "sub_task"} line per frame)
  --frames DIR_OR_VIDEO      the episode's frames: an image folder or a video file
  --cutoff X                 X in [0, 1]: ProcVLM's one-shot annotator rule for failed episodes. When the labels
                             show an episode that did not succeed (no "done" frame, or a "not done" / "Not Done"
                             tail; a flattened failure repeats its last step on the tail), every progress value
                             is multiplied by X. Ignored, with a note, for a done episode. Without it nothing is
                             scaled, as in ProcVLM's large-scale pipeline.
  --fix-remaining-actions    list one entry per remaining step (ProcVLM drops the current step when its name
                             comes again later, and lists null, "Done" and "done." labels)
  --json                     print {"frames": [{"frame_id", "sub_task", "progress", "remaining_actions"}],
                             "problems": [...]} to stdout (progress in [0, 1]); otherwise a table

Problems go to stderr. Exit 0 on success, 1 when the input had errors or nothing usable was read (the output is
still printed when there is one), 2 on a usage error.`

interface Args {
  labels: string
  frames: string
  cutoff?: number
  fix: boolean
  json: boolean
}

const SPEC = {
  labels: { type: 'string' },
  frames: { type: 'string' },
  cutoff: { type: 'string' },
  'fix-remaining-actions': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const

function readArgs(argv: string[]): Args {
  const { values, positionals } = parseCommandArgs(argv, SPEC)
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`)
  if (values.labels === undefined || values.labels === '') throw new UsageError('--labels is required')
  if (values.frames === undefined || values.frames === '') throw new UsageError('--frames is required')
  const args: Args = { labels: values.labels, frames: values.frames, fix: values['fix-remaining-actions'], json: values.json }
  if (values.cutoff !== undefined) {
    const x = Number(values.cutoff)
    if (values.cutoff.trim() === '' || !(x >= 0 && x <= 1)) throw new UsageError(`--cutoff must be a number in [0, 1], not '${values.cutoff}'`)
    args.cutoff = x
  }
  return args
}

/** `3, 5-9, 12` for sorted frame numbers, at most `max` items. */
function ranges(frames: readonly number[], max = 8): string {
  const parts: string[] = []
  for (let i = 0; i < frames.length && parts.length < max; ) {
    let j = i
    while (j + 1 < frames.length && frames[j + 1] === frames[j]! + 1) j++
    parts.push(i === j ? String(frames[i]) : `${frames[i]}-${frames[j]}`)
    i = j + 1
  }
  const shown = parts.join(', ')
  return parts.length === max ? `${shown}, …` : shown
}

async function hashFrames(path: string, log: ProblemLog): Promise<HashedFrame[]> {
  const out: HashedFrame[] = []
  const failed: number[] = []
  try {
    for await (const { image } of readFrames(path)) {
      let phash: string | undefined
      try {
        phash = phashHex(image)
      } catch {
        failed.push(out.length)
      }
      out.push({ phash, width: image.width, height: image.height })
    }
  } catch (e) {
    log.error('frames-unreadable', `${path}: ${e instanceof Error ? e.message : String(e)} (after ${out.length} frame(s))`)
    return []
  }
  if (failed.length > 0) log.warn('frame-not-hashed', `frames ${ranges(failed)} could not be hashed; their similarities count as 1.0`)
  return out
}

/**
 * Each frame's label as ProcVLM's data picker reads it: a `{frame_id: sub_task}` dictionary, so the last line
 * of a duplicated frame id wins and a frame without a line is `null`.
 */
function labelsOf(lines: readonly FlatFrame[], n: number, log: ProblemLog): (string | null)[] {
  const byFrame = new Map<number, FlatFrame>()
  const duplicated = new Set<number>()
  for (const l of lines) {
    if (byFrame.has(l.frame_id)) duplicated.add(l.frame_id)
    byFrame.set(l.frame_id, l)
  }
  const fileFrames = lines.reduce((m, l) => Math.max(m, l.frame_id), -1) + 1
  if (fileFrames !== n) log.warn('frame-count-mismatch', `the labels cover frames 0-${fileFrames - 1}, the frames source has ${n} frame(s)`)
  if (duplicated.size > 0) log.warn('duplicate-frame-id', `frame ids ${ranges([...duplicated].sort((a, b) => a - b))} have several lines; the last one's label is used, as ProcVLM's dictionary does`)
  const past = [...byFrame.keys()].filter((f) => f >= n).sort((a, b) => a - b)
  if (past.length > 0) log.warn('label-past-last-frame', `label lines for frames ${ranges(past)} have no frame; they are ignored, except in remaining actions, as in ProcVLM`)
  const labels = Array.from({ length: n }, (_, i) => byFrame.get(i)?.sub_task ?? null)
  const missing = labels.flatMap((_, i) => (byFrame.has(i) ? [] : [i]))
  if (missing.length > 0) log.warn('frame-without-label', `frames ${ranges(missing)} have no label line; read as null (flat), as ProcVLM does`)
  // ProcVLM's flattener writes one task text per task segment (a run of one LeRobot task_index), so two texts
  // mean two tasks; null padding alone does not.
  const tasks = new Set(lines.flatMap((l) => (l.frame_id < n && l.task !== null ? [l.task] : [])))
  if (tasks.size > 1) log.warn('pipeline-skips-episode', `${tasks.size} different task texts: ProcVLM's pipeline skips episodes with more than one task`)
  else if (!runsOf(labels).some((r) => r.valid)) log.warn('pipeline-skips-episode', 'no sub-task label: ProcVLM\'s pipeline skips the episode, and progress is 0 everywhere')
  return labels
}

/**
 * Remaining actions as ProcVLM's data picker computes them: over every line of the file sorted by frame id
 * (duplicates and lines past the last frame included), the first line of a frame id winning.
 */
function remainingOf(lines: readonly FlatFrame[], n: number, fix: boolean): RemainingActions[] {
  const sorted = [...lines].sort((a, b) => a.frame_id - b.frame_id)
  const lists = remainingActions({ labels: sorted.map((l) => l.sub_task), tasks: sorted.map((l) => l.task) }, { rule: 'data-picker', fix })
  const out = new Array<RemainingActions | undefined>(n)
  sorted.forEach((l, i) => {
    if (l.frame_id < n && out[l.frame_id] === undefined) out[l.frame_id] = lists[i]!
  })
  return Array.from(out, (l) => l ?? [])
}

interface Row {
  frame_id: number
  sub_task: string | null
  progress: number
  remaining_actions: readonly (string | null)[]
}

function table(rows: readonly Row[]): string {
  const width = Math.min(40, Math.max(8, ...rows.map((r) => (r.sub_task ?? 'null').length)))
  const head = `${'frame'.padStart(6)}  ${'progress'.padStart(8)}  ${'sub_task'.padEnd(width)}  remaining actions`
  const body = rows.map((r) => `${String(r.frame_id).padStart(6)}  ${formatProgressAnswer(r.progress).padStart(8)}  ${(r.sub_task ?? 'null').padEnd(width)}  ${r.remaining_actions.map((a) => a ?? 'null').join(' > ')}`)
  return [head, ...body].join('\n')
}

async function compute(args: Args, problems: Problem[]): Promise<Row[]> {
  const log = new ProblemLog({ file: args.labels })
  const frameLog = new ProblemLog({ file: args.frames })
  const done = (rows: Row[]): Row[] => {
    problems.push(...log.problems, ...frameLog.problems)
    return rows
  }
  const text = await readInputText(args.labels, log)
  if (text === undefined) return done([])
  const lines = parseProcCorpus(text, log)
  if (lines.length === 0) {
    log.error('no-labels', 'no usable label line')
    return done([])
  }
  const hashed = await hashFrames(args.frames, frameLog)
  if (hashed.length === 0) {
    if (frameLog.problems.length === 0) frameLog.error('no-frames', 'no frames found')
    return done([])
  }
  const n = hashed.length
  const labels = labelsOf(lines, n, log)
  const progress = procvlmProgress({ labels, similarities: similaritiesFromHashes(hashed) })
  if (args.cutoff !== undefined) {
    if (labelsShowNotDone(labels)) {
      for (let i = 0; i < n; i++) progress[i] = progress[i]! * args.cutoff
      console.error(`the labels show an episode that did not succeed: progress scaled by --cutoff ${args.cutoff}`)
    } else {
      console.error('the labels show a done episode: --cutoff not applied')
    }
  }
  const remaining = remainingOf(lines, n, args.fix)
  return done(labels.map((sub_task, i) => ({ frame_id: i, sub_task, progress: progress[i]!, remaining_actions: remaining[i]! })))
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  const problems: Problem[] = []
  const rows = await compute(args, problems)
  for (const p of problems) console.error(formatProblem(p))
  const errors = problems.filter((p) => p.severity === 'error').length
  if (args.json) console.log(JSON.stringify({ frames: rows, problems }))
  else if (rows.length > 0) console.log(table(rows))
  if (rows.length > 0) {
    const last = rows[rows.length - 1]!
    console.error(`${rows.length} frame(s); last frame ${formatProgressAnswer(last.progress)} (${errors} error(s), ${problems.length - errors} warning(s))`)
  }
  return errors > 0 || rows.length === 0 ? EXIT_BAD_INPUT : EXIT_OK
}

export const progressCommand: Command = {
  name: 'progress',
  summary: "compute ProcVLM's progress target and remaining actions for an episode's labels and frames",
  usage,
  run,
}
