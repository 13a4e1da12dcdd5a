/**
 * `proclens progress`: ProcVLM's progress target for one episode, in two ways (docs/progress.md §6):
 * - from a flattened label file and the episode's frames: the labels are mapped to frames the way ProcVLM's
 *   data picker does it (`core/formats/flatLabels.ts`), so the output is what `pick_procedural.py` trains on;
 * - from a dataset and an episode index: the episode's labels are found and imported exactly as the app does
 *   (`loadEpisodeAnnotation`), and the document's target is computed by the core (`docProgress`) on the
 *   reference camera's frames (progressDataset.ts).
 */
import { parseProcCorpus } from '../../core/formats/procCorpus'
import { ProblemLog } from '../../core/problems'
import type { Problem } from '../../core/problems'
import { cutoffScale, formatProgressAnswer, procvlmProgress } from '../../core/progress'
import { flatFrameLabels, flatRemainingActions } from '../../core/formats/flatLabels'
import { similaritiesFromHashes } from '../../core/similarities'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
import type { Command } from '../command'
import { readFrames } from '../media/frames'
import { hashFrames } from '../media/hashFrames'
import type { DatasetArgs, Row } from './progressDataset'
import { computeFromDataset, readDatasetArgs } from './progressDataset'

const usage = `Usage: proclens progress --labels FLAT.sub_task.jsonl --frames DIR_OR_VIDEO [--cutoff X] [options]
       proclens progress --dataset DIR --episode N [--camera KEY] [--profile annotator|pipeline] [options]

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
  --dataset DIR              a dataset folder (LeRobot v2.1/v3.0, image sequences): the episode's VLM labels
                             are found and imported as the app does (the raw proposal first, else the flattened
                             file), and the frames are the reference camera's (ProcVLM's exo camera rule)
  --episode N                the episode index, with --dataset
  --camera KEY               another camera than the reference one, with --dataset
  --phash-sidecar DIR        with --dataset: a folder holding pHash sidecars (DIR/.proclens/phash/..., written by
                             \`proclens phash DATASET --sidecar\`); by default the dataset's own are used when they
                             match the video. With one, no frame is decoded
  --profile P                with --dataset: annotator (default: the document's own segments, outcome and
                             cutoff, as the app draws the target) or pipeline (what ProcVLM's pipeline computes
                             from the flattened export of the same labels)
  --fix-remaining-actions    list one entry per remaining step (ProcVLM drops the current step when its name
                             comes again later, and lists null, "Done" and "done." labels)
  --json                     print {"frames": [{"frame_id", "sub_task", "progress", "remaining_actions"}],
                             "problems": [...]} to stdout (progress in [0, 1]); otherwise a table

Problems go to stderr. Exit 0 on success, 1 when the input had errors or nothing usable was read (the output is
still printed when there is one), 2 on a usage error.`

interface FileArgs {
  mode: 'files'
  labels: string
  frames: string
  cutoff?: number
  fix: boolean
  json: boolean
}

type Args = FileArgs | DatasetArgs

const SPEC = {
  labels: { type: 'string' },
  frames: { type: 'string' },
  cutoff: { type: 'string' },
  dataset: { type: 'string' },
  episode: { type: 'string' },
  camera: { type: 'string' },
  'phash-sidecar': { type: 'string' },
  profile: { type: 'string' },
  'fix-remaining-actions': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const

function readArgs(argv: string[]): Args {
  const { values, positionals } = parseCommandArgs(argv, SPEC)
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`)
  if (values.dataset !== undefined) return readDatasetArgs(values)
  for (const flag of ['episode', 'camera', 'profile', 'phash-sidecar'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} goes with --dataset`)
  }
  if (values.labels === undefined || values.labels === '') throw new UsageError('--labels is required (or --dataset and --episode)')
  if (values.frames === undefined || values.frames === '') throw new UsageError('--frames is required')
  const args: FileArgs = { mode: 'files', labels: values.labels, frames: values.frames, fix: values['fix-remaining-actions'], json: values.json }
  if (values.cutoff !== undefined) {
    const x = Number(values.cutoff)
    if (values.cutoff.trim() === '' || !(x >= 0 && x <= 1)) throw new UsageError(`--cutoff must be a number in [0, 1], not '${values.cutoff}'`)
    args.cutoff = x
  }
  return args
}

function table(rows: readonly Row[]): string {
  const width = Math.min(40, Math.max(8, ...rows.map((r) => (r.sub_task ?? 'null').length)))
  const head = `${'frame'.padStart(6)}  ${'progress'.padStart(8)}  ${'sub_task'.padEnd(width)}  remaining actions`
  const body = rows.map((r) => `${String(r.frame_id).padStart(6)}  ${formatProgressAnswer(r.progress).padStart(8)}  ${(r.sub_task ?? 'null').padEnd(width)}  ${r.remaining_actions.map((a) => a ?? 'null').join(' > ')}`)
  return [head, ...body].join('\n')
}

async function compute(args: FileArgs, problems: Problem[]): Promise<Row[]> {
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
  const hashed = await hashFrames(args.frames, readFrames(args.frames), frameLog)
  if (hashed.length === 0) {
    if (frameLog.problems.length === 0) frameLog.error('no-frames', 'no frames found')
    return done([])
  }
  const n = hashed.length
  const labels = flatFrameLabels(lines, n, log)
  const scale = args.cutoff === undefined ? 1 : cutoffScale(labels, args.cutoff)
  if (args.cutoff !== undefined) {
    console.error(scale === 1 ? 'the labels show a done episode: --cutoff not applied'
      : `the labels show an episode that did not succeed: progress scaled by --cutoff ${args.cutoff}`)
  }
  const progress = procvlmProgress({ labels, similarities: similaritiesFromHashes(hashed), scale })
  const remaining = flatRemainingActions(lines, n, { fix: args.fix })
  return done(labels.map((sub_task, i) => ({ frame_id: i, sub_task, progress: progress[i]!, remaining_actions: remaining[i]! })))
}

async function run(argv: string[]): Promise<number> {
  const args = readArgs(argv)
  const problems: Problem[] = []
  const rows = args.mode === 'files' ? await compute(args, problems) : await computeFromDataset(args, problems)
  printProblems(problems)
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
