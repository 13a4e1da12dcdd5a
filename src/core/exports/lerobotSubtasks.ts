/**
 * ProcLens documents as SARM subtask annotations (LeRobot convention A, `../shared/docs/lerobot-subtask-formats.md`
 * §2): the `dense_*` / `sparse_*` / legacy `subtask_*` list columns of `meta/episodes/*.parquet` and
 * `meta/temporal_proportions_{dense,sparse}.json`. Pure: the data layer writes what this computes.
 *
 * ```text
 *  doc      [ outside ][ step reach ][ step grasp ][ step lift ][ tail (done) ]     half-open, frames
 *  dense              reach [s0, e0]  grasp [s1, e1]  lift [s2, e2]                  inclusive ends (end - 1)
 *  SARM     r < s0: stage 0, τ = 0     s_k ≤ r ≤ e_k: stage k, τ = (r - s_k)/(e_k - s_k)     r > e2: last stage, τ = 0.999
 *  sparse   task [0, length - 1]                                                    one stage, {"task": 1.0}
 * ```
 * Mapping choices (docs/lerobot-export.md explains each):
 * - only `done` episodes are annotated: SARM reads every frame after the last end as the task finished, which a
 *   tail of a failed episode is not; others get null (SARM then trains their frames towards 0);
 * - the tail and the outside frames join no segment, so SARM's own rules give them "not started" before the
 *   first step and "finished" after the last;
 * - incomplete steps are left out, so their frames fall into a gap, which SARM holds at the previous stage's end;
 * - an episode without a named step is null; one with some unnamed steps is null too, with an error.
 */
import type { AnnotationDoc, Segment } from '../annotation'
import type { ProblemLog } from '../problems'
import { frameToSeconds } from '../time'

/** One annotation level of one episode: lists aligned by position; frames episode-relative, ends inclusive. */
export interface SarmSubtasks {
  names: string[]
  startFrames: number[]
  endFrames: number[]
  startTimes: number[]
  endTimes: number[]
}

/** What an episode's row receives. `null` levels are written as null (an un-annotated episode). */
export interface SarmEpisode {
  episodeIndex: number
  length: number
  dense: SarmSubtasks | null
  sparse: SarmSubtasks | null
}

export type SarmDocInput = Pick<AnnotationDoc, 'episodeIndex' | 'fps' | 'frameCount' | 'segments' | 'outcome'>

/** The name of the automatic single sparse stage, as LeRobot's `generate_auto_sparse_annotations` writes it. */
export const AUTO_SPARSE_NAME = 'task'

/** Column suffixes of one level, in the order LeRobot's script writes them. */
export const SARM_FIELDS = ['subtask_names', 'subtask_start_times', 'subtask_end_times', 'subtask_start_frames', 'subtask_end_frames'] as const
export type SarmField = (typeof SARM_FIELDS)[number]

/** Column prefixes: `''` is the legacy unprefixed copy of sparse, read only when the prefixed column is absent. */
export const SARM_PREFIXES = ['dense_', 'sparse_', ''] as const

/** Every column the export adds to `meta/episodes`, in the order they are appended. */
export const SARM_COLUMNS: readonly string[] = SARM_PREFIXES.flatMap((p) => SARM_FIELDS.map((f) => `${p}${f}`))

/** The value type of a column, which fixes its parquet/Arrow type (`list<string>`, `list<int64>`, `list<double>`). */
export function sarmColumnKind(column: string): 'strings' | 'ints' | 'doubles' {
  if (column.endsWith('_names')) return 'strings'
  return column.endsWith('_frames') ? 'ints' : 'doubles'
}

function fromSegments(segments: readonly { name: string; start: number; endInclusive: number }[], fps: number): SarmSubtasks {
  return {
    names: segments.map((s) => s.name),
    startFrames: segments.map((s) => s.start),
    endFrames: segments.map((s) => s.endInclusive),
    startTimes: segments.map((s) => frameToSeconds(s.start, fps)),
    endTimes: segments.map((s) => frameToSeconds(s.endInclusive, fps)),
  }
}

const span = (s: Segment): string => `frames ${s.start}–${s.end - 1}`

/**
 * The SARM annotation of one document (§2.6 item 4: the steps as dense stages, an automatic one-stage sparse level).
 * Problems go to `log` with the episode index; a document that cannot be annotated gives null levels.
 */
export function sarmEpisode(doc: SarmDocInput, log: ProblemLog): SarmEpisode {
  const episode = doc.episodeIndex
  const none: SarmEpisode = { episodeIndex: episode, length: doc.frameCount, dense: null, sparse: null }
  if (doc.outcome.kind !== 'done') {
    log.warn('sarm-not-done', `outcome is ${doc.outcome.kind}: SARM would read the frames after the last step as the ` +
      'task finished, so the episode is left un-annotated (null)', { episode })
    return none
  }
  const steps = doc.segments.filter((s) => s.kind === 'step')
  const unnamed = steps.filter((s) => s.label.trim() === '')
  if (unnamed.length === steps.length) {
    log.warn('sarm-no-named-step', 'no step has a name; the episode is left un-annotated (null)', { episode })
    return none
  }
  if (unnamed.length > 0) {
    log.error('sarm-unnamed-step', `${unnamed.length} step(s) have no name (${unnamed.map(span).join(', ')}); ` +
      'name them or merge them into a neighbour. The episode is left un-annotated (null)', { episode })
    return none
  }
  const incomplete = steps.filter((s) => s.state === 'incomplete')
  if (incomplete.length > 0) {
    log.warn('sarm-incomplete-step', `incomplete step(s) left out (${incomplete.map((s) => `"${s.label}" ${span(s)}`).join(', ')}); ` +
      'SARM holds their frames at the end of the step before', { episode })
  }
  const kept = steps.filter((s) => s.state !== 'incomplete')
  if (kept.length === 0) {
    log.warn('sarm-no-named-step', 'every step is incomplete; the episode is left un-annotated (null)', { episode })
    return none
  }
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const s of kept) (seen.has(s.label) ? repeated : seen).add(s.label)
  if (repeated.size > 0) {
    log.warn('sarm-repeated-subtask', `subtask name(s) used more than once: ${[...repeated].map((n) => `"${n}"`).join(', ')}. ` +
      'SARM maps every occurrence to the same stage, so progress goes back down; the proportions count their frames together',
    { episode })
  }
  const dense = fromSegments(kept.map((s) => ({ name: s.label, start: s.start, endInclusive: s.end - 1 })), doc.fps)
  const sparse = fromSegments([{ name: AUTO_SPARSE_NAME, start: 0, endInclusive: doc.frameCount - 1 }], doc.fps)
  return { episodeIndex: episode, length: doc.frameCount, dense, sparse }
}

/** The values of every column in {@link SARM_COLUMNS} for one episode (the legacy columns copy sparse). */
export function sarmColumnValues(episode: Pick<SarmEpisode, 'dense' | 'sparse'>): Record<string, unknown[] | null> {
  const out: Record<string, unknown[] | null> = {}
  const levels: Record<(typeof SARM_PREFIXES)[number], SarmSubtasks | null> = { dense_: episode.dense, sparse_: episode.sparse, '': episode.sparse }
  for (const prefix of SARM_PREFIXES) {
    const level = levels[prefix]
    const byField: Record<SarmField, unknown[] | undefined> = {
      subtask_names: level?.names,
      subtask_start_times: level?.startTimes,
      subtask_end_times: level?.endTimes,
      subtask_start_frames: level?.startFrames,
      subtask_end_frames: level?.endFrames,
    }
    for (const field of SARM_FIELDS) out[`${prefix}${field}`] = byField[field] ?? null
  }
  return out
}
