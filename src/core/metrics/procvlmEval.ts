/**
 * ProcVLM's whole evaluation on text answers (`compute_accuracy_with_episode`, driven by `run_eval.py`):
 * each sample is a model answer, the reference answer and an episode key; the task type comes from the
 * reference. Use this to score ProcVQA-style logs exactly as ProcVLM would, quirks included.
 */
import { extractProgressValue } from '../formats/inference'
import { aggregateBoundaries, scoreSegmentationSample } from './boundaries'
import type { BoundaryCounts } from './boundaries'
import { mcc } from './mcc'
import type { ProgressPair } from './mcc'
import { ccc, epr, kt, voc } from './progressMetrics'

/** One evaluated answer. */
export interface TextSample {
  pred: string
  gt: string
  /** Episode key (see {@link episodeToken}); samples without one form a single group, as in ProcVLM. */
  episode?: string | undefined
}

/** ProcVLM's task families as its evaluation tells them apart. */
export type TaskType = 'progress' | 'segmentation' | 'planning'

/** The metrics ProcVLM reports; BF1@5 and mMAE only when some segmentation sample has a boundary. */
export interface ProcvlmScores {
  'BF1@5'?: number
  mMAE?: number
  'MCC@95': number
  CCC: number
  'EPR@50': number
  VOC: number
  KT: number
}

/**
 * Parse an answer as JSON: the whole text, else the span from the first `[` to the last `]`. ProcVLM uses
 * `json_repair`, which also mends single quotes, trailing commas and the like; answers that only it can
 * read score as unparsable here.
 */
export function parseJsonAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    const start = text.indexOf('[')
    const end = text.lastIndexOf(']')
    if (start < 0 || end <= start) return undefined
    try {
      return JSON.parse(text.slice(start, end + 1)) as unknown
    } catch {
      return undefined
    }
  }
}

/**
 * `auto_detect_task_type`: `progress` if the reference has both `<progress>` and `</progress>`; else
 * `segmentation` if it parses to a list whose items are all objects (an empty list counts); else `planning`.
 */
export function detectTaskType(gt: string): TaskType {
  if (gt.includes('<progress>') && gt.includes('</progress>')) return 'progress'
  const parsed = parseJsonAnswer(gt)
  const isObj = (x: unknown): boolean => typeof x === 'object' && x !== null && !Array.isArray(x)
  return Array.isArray(parsed) && parsed.every(isObj) ? 'segmentation' : 'planning'
}

/**
 * ProcVLM's episode key: the first `episode_<digits>` in a media path. The dataset name is not part of it, so
 * equal episode numbers from different datasets share a key (a known ProcVLM flaw, kept for comparability).
 */
export function episodeToken(path: string): string | undefined {
  return /episode_\d+/.exec(path)?.[0]
}

function meanOrZero(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length
}

/** Mean over episodes of a per-episode metric, skipping episodes where it is undefined; 0 with none. */
function overEpisodes(
  groups: Map<string | undefined, { pred: number[]; gt: number[] }>,
  metric: (pred: number[], gt: number[]) => number | undefined,
): number {
  const scores: number[] = []
  for (const g of groups.values()) {
    const s = metric(g.pred, g.gt)
    if (s !== undefined) scores.push(s)
  }
  return meanOrZero(scores)
}

/**
 * All of ProcVLM's metrics over text samples. Exactly as ProcVLM: MCC@95 counts every sample where both
 * texts contain a number (segmentation and planning included); a segmentation answer that does not parse
 * as a list adds nothing (not even false negatives); CCC and EPR clip to [0, 100] while VOC and KT do not;
 * a number parsed from text uses the ≤ 1 → ×100 rule of {@link extractProgressValue}.
 */
export function procvlmMetrics(samples: readonly TextSample[], sigma = 5): ProcvlmScores {
  const boundaryCounts: BoundaryCounts[] = []
  const mccPairs: ProgressPair[] = []
  const groups = new Map<string | undefined, { pred: number[]; gt: number[] }>()
  for (const s of samples) {
    const type = detectTaskType(s.gt)
    const pv = extractProgressValue(s.pred)
    const gv = extractProgressValue(s.gt)
    if (pv !== undefined && gv !== undefined) mccPairs.push({ pred: pv, target: gv })
    if (type === 'segmentation') {
      boundaryCounts.push(scoreSegmentationSample(parseJsonAnswer(s.pred), parseJsonAnswer(s.gt), sigma))
    } else if (type === 'progress') {
      let g = groups.get(s.episode)
      if (g === undefined) {
        g = { pred: [], gt: [] }
        groups.set(s.episode, g)
      }
      g.pred.push(pv ?? NaN)
      g.gt.push(gv ?? NaN)
    }
  }
  const scores: ProcvlmScores = {
    'MCC@95': mcc(mccPairs),
    CCC: overEpisodes(groups, ccc),
    'EPR@50': overEpisodes(groups, (pred) => epr(pred)),
    VOC: overEpisodes(groups, voc),
    KT: overEpisodes(groups, kt),
  }
  const seg = aggregateBoundaries(boundaryCounts)
  return seg === undefined ? scores : { ...seg, ...scores }
}
