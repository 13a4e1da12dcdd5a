/**
 * `proclens reward`: the reward an RL run would get from a model's progress curve (RLInf-ProcVLM's rule,
 * procvlm-formats.md §7) and the frames an advantage filter keeps, as the app's Reward view computes them: the
 * same core (`sampledFrameRewards`, `advantageFilter`) and the same CSV (`rewardCsv`), so the two agree on
 * every number (docs/reward.md).
 */
import { writeFile } from 'node:fs/promises'
import type { AdvantageBaseline } from '../../core/advantage'
import { advantageFilter } from '../../core/advantage'
import { sampledFrameRewards } from '../../core/frameRewards'
import { parseInferenceJsonl } from '../../core/formats/inference'
import { isObject, parseJsonl } from '../../core/formats/jsonl'
import { parsePredictions } from '../../core/formats/predictions'
import { ProblemLog } from '../../core/problems'
import { rewardCsv } from '../../core/rewardCsv'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, readInputText, UsageError } from '../command'
import { printProblems } from '../printProblems'
import type { Command } from '../command'

const usage = `Usage: proclens reward --pred FILE --frames N [options]

The per-frame reward RLInf-ProcVLM would give from a model's progress predictions (r = clip(p_t − p_prev, −c, c)
at each predicted frame, progress on 0..1), its return, and the frames an advantage filter keeps
(A_t = sum of the next H rewards − baseline > 0), exactly as the app's Reward view computes them.

Options:
  --pred FILE        ProcVLM inference JSONL, or JSONL/CSV with frame_index and progress (one episode; --episode
                     picks one from a file with an episode column)
  --frames N         the episode's frame count
  --episode NAME     which episode of a file that holds several
  --clip C           clip of the delta (default 0.2)
  --ema ALPHA        EMA weight of the new value (default: off)
  --horizon H        frames summed for the advantage (default 30)
  --gamma G          discount per frame (default 1)
  --baseline B       zero (default: keep A > 0) or mean (keep what beats the episode's mean)
  --csv OUT          write frame,progress,reward,return,return_h,advantage,kept (the app's CSV) to OUT
  --json             print {"return", "kept_fraction", "frames"} to stdout`

const SPEC = {
  pred: { type: 'string' }, frames: { type: 'string' }, episode: { type: 'string' }, clip: { type: 'string' }, ema: { type: 'string' },
  horizon: { type: 'string' }, gamma: { type: 'string' }, baseline: { type: 'string' }, csv: { type: 'string' }, json: { type: 'boolean', default: false },
} as const

function number(name: string, raw: string | undefined, fallback: number, ok: (x: number) => boolean): number {
  if (raw === undefined) return fallback
  const x = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(x) || !ok(x)) throw new UsageError(`--${name} is not valid: '${raw}'`)
  return x
}

/** The curve's sampled frames and progress (0..100), from either format. */
function readCurve(text: string, episode: string | undefined, log: ProblemLog): { frames: number[]; progress: number[] } {
  const first = parseJsonl(text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '', new ProblemLog())[0]?.value
  const inference = isObject(first) && ('model_output' in first || 'progress_source' in first || 'sample_index' in first)
  if (inference) {
    const file = parseInferenceJsonl(text, log)
    return { frames: file.frames.map((f) => f.frameIndex), progress: file.frames.map((f) => f.progress) }
  }
  const parsed = parsePredictions(text, log)
  const series = episode === undefined ? parsed.series : parsed.series.filter((s) => s.episode === episode)
  if (series.length !== 1) {
    log.error('which-episode', series.length === 0 ? `no predictions for episode ${episode ?? '?'}` : `the file holds ${series.length} episodes; choose one with --episode`)
    return { frames: [], progress: [] }
  }
  return { frames: series[0]!.frames.map((f) => f.frameIndex), progress: series[0]!.frames.map((f) => f.progress) }
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, SPEC)
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0] ?? ''}'`)
  if (values.pred === undefined) throw new UsageError('--pred FILE is required')
  const frameCount = number('frames', values.frames, Number.NaN, (x) => Number.isInteger(x) && x > 0)
  if (!Number.isFinite(frameCount)) throw new UsageError('--frames N is required')
  const clip = number('clip', values.clip, 0.2, (x) => x > 0)
  const ema = values.ema === undefined ? undefined : number('ema', values.ema, 1, (x) => x > 0 && x <= 1)
  const horizon = number('horizon', values.horizon, 30, (x) => Number.isInteger(x) && x >= 1)
  const gamma = number('gamma', values.gamma, 1, (x) => x > 0 && x <= 1)
  const baseline = (values.baseline ?? 'zero') as AdvantageBaseline
  if (baseline !== 'zero' && baseline !== 'mean') throw new UsageError(`--baseline is zero or mean, not '${String(values.baseline)}'`)

  const log = new ProblemLog({ file: values.pred })
  const text = await readInputText(values.pred, log)
  const curve = text === undefined ? { frames: [], progress: [] } : readCurve(text, values.episode, log)
  printProblems(log.problems)
  if (curve.frames.length === 0) return EXIT_BAD_INPUT
  // As the app: a model's progress (0..100) is read on 0..1, as RLInf normalises it.
  const rewards = sampledFrameRewards(curve.frames, curve.progress.map((p) => p / 100), frameCount, { clip, ...(ema !== undefined ? { emaAlpha: ema } : {}) })
  const filter = advantageFilter(rewards.rewards, { horizon, gamma, baseline })
  const total = rewards.cumulative[rewards.cumulative.length - 1] ?? 0
  if (values.csv !== undefined) await writeFile(values.csv, rewardCsv(rewards, filter))
  if (values.json) console.log(JSON.stringify({ return: total, kept_fraction: filter.keptFraction, frames: frameCount }))
  else console.error(`return ${total.toFixed(4)} over ${frameCount} frames; the advantage filter keeps ${(filter.keptFraction * 100).toFixed(1)}% of them`)
  return log.problems.some((p) => p.severity === 'error') ? EXIT_BAD_INPUT : EXIT_OK
}

export const rewardCommand: Command = { name: 'reward', summary: 'the RL reward of a progress curve and the frames an advantage filter keeps', usage, run }
