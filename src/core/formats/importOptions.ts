/**
 * What every importer of ProcVLM files shares: the options naming the episode, the result shape, and the
 * checks on the document it built (the problem catalogue is in docs/formats.md).
 */
import type { AnnotationDoc, Segment } from '../annotation'
import { checkInvariants } from '../annotation'
import type { Problem } from '../problems'
import { ProblemLog } from '../problems'

/** The episode an imported file belongs to; each field is taken from the file's path or contents when omitted. */
export interface ImportOptions {
  /** The file's path or URL, for problems and provenance; `<dataset>/<episode>.sub_task.jsonl` names the episode. */
  file?: string
  /** The episode's frame count (LeRobot `length`); without it, it is inferred from the file, with a warning where that is a guess. */
  frameCount?: number
  /** Frames per second; 30 with a warning when omitted (no ProcVLM annotation file stores it). */
  fps?: number
  /** ProcVLM's `dataset_name`; default: the name of the file's folder. */
  dataset?: string
  /** ProcVLM's `episode_name`; default: the file name without `.sub_task.jsonl`. */
  episode?: string
}

/** An importer's answer: the document (undefined when nothing usable was found) and every problem seen. */
export interface DocImport {
  doc: AnnotationDoc | undefined
  problems: Problem[]
}

/** Assumed when the caller gives no fps: LeRobot's most common rate. */
export const DEFAULT_FPS = 30

/** ProcVLM skips episodes and task segments shorter than this (`run_sub_task.py`, `task_borders.py`). */
export const MIN_EPISODE_FRAMES = 10

const FILE_SUFFIXES = ['.sub_task.jsonl', '.records.jsonl', '.record.json', '.jsonl', '.json']

/** Dataset, episode name and episode index, from the options or the file's path (`.../<dataset>/<episode>.sub_task.jsonl`). */
export function episodeNames(options: ImportOptions): Pick<AnnotationDoc, 'dataset' | 'episode' | 'episodeIndex'> {
  const parts = (options.file ?? '').split(/[\\/]/).filter((p) => p !== '')
  const base = parts[parts.length - 1] ?? ''
  const suffix = FILE_SUFFIXES.find((s) => base.endsWith(s))
  const stem = options.episode ?? (suffix === undefined ? base : base.slice(0, -suffix.length))
  const episode = stem === '' ? 'episode' : stem
  const dataset = options.dataset ?? (parts.length >= 2 ? parts[parts.length - 2]! : '')
  const match = /episode_(\d+)$/.exec(episode)
  return { dataset, episode, episodeIndex: match === null ? 0 : Number(match[1]) }
}

/** The fps from the options, or `DEFAULT_FPS` with a warning. */
export function resolveFps(options: ImportOptions, log: ProblemLog): number {
  const fps = options.fps
  if (fps !== undefined && fps > 0 && Number.isFinite(fps)) return fps
  const why = fps === undefined ? "no fps given (ProcVLM's files do not store it)" : `fps ${fps} is not a positive number`
  log.warn('fps-assumed', `${why}; assumed ${DEFAULT_FPS}`)
  return DEFAULT_FPS
}

/** A positive integer frame count from the options, or undefined (with an error for a bad value). */
export function givenFrameCount(options: ImportOptions, log: ProblemLog): number | undefined {
  const n = options.frameCount
  if (n === undefined) return undefined
  if (Number.isInteger(n) && n > 0) return n
  log.error('bad-option', `frame count ${n} is not a positive integer; ignored`)
  return undefined
}

/** Number segments `s1`, `s2`, ... in timeline order, so the same file always imports to the same ids. */
export function numberSegments(segments: Omit<Segment, 'id'>[]): Segment[] {
  return segments.map((s, i) => ({ id: `s${i + 1}`, ...s }))
}

const DONE_WORDS = new Set(['done', 'done.', 'not done', 'not done.'])

/** The kinds {@link checkDocLabels} reports: facts about a document's labels, true until the document changes. */
export const DOC_LABEL_PROBLEM_KINDS: ReadonlySet<string> = new Set(['short-episode', 'done-label', 'mixed-case-done', 'short-segment', 'duplicate-name'])

/**
 * The warnings about labels and lengths that hold for a document whatever it came from (procvlm-formats.md
 * §8.5): duplicate step names, done-like step names, one-frame steps, short episodes.
 */
export function checkDocLabels(doc: AnnotationDoc, log: ProblemLog): void {
  if (doc.frameCount < MIN_EPISODE_FRAMES) {
    log.warn('short-episode', `the episode has ${doc.frameCount} frames; ProcVLM skips episodes and tasks under ${MIN_EPISODE_FRAMES} frames`)
  }
  const seen = new Map<string, number>()
  for (const s of doc.segments) {
    if (s.kind !== 'step') continue
    seen.set(s.label, (seen.get(s.label) ?? 0) + 1)
    const lower = s.label.toLowerCase()
    if (DONE_WORDS.has(lower)) {
      if (s.label === 'done' || s.label === 'not done') {
        log.warn('done-label', `step "${s.label}" at frames [${s.start}, ${s.end}) is named like ProcVLM's tail label; a flattened file cannot tell it from the tail`)
      } else {
        log.warn('mixed-case-done', `step "${s.label}" at frames [${s.start}, ${s.end}): ProcVLM compares "done" / "not done" exactly, so it treats this as an ordinary step in remaining-action lists (and as no step in progress); use lower-case "done"`)
      }
    }
    if (s.end - s.start < 2) {
      log.warn('short-segment', `step "${s.label}" covers ${s.end - s.start} frame at ${s.start}; ProcVLM distributes no progress inside a step under 2 frames`)
    }
  }
  const dups = [...seen].filter(([, n]) => n > 1).map(([label, n]) => `"${label}" (${n} times)`)
  if (dups.length > 0) {
    log.warn('duplicate-name', `step names repeat: ${dups.join(', ')}; ProcVLM's remaining-action lists keep only the last occurrence of a name, so earlier ones lose it`)
  }
}

/** A fresh log whose problems carry the file and the episode's name. */
export function importLog(options: ImportOptions): ProblemLog {
  const episode = episodeNames(options).episode
  return new ProblemLog(options.file === undefined ? { episode } : { file: options.file, episode })
}

/**
 * The last step of every importer: warn about labels ProcVLM mishandles, and never hand out a document that
 * breaks the invariants (that would be an importer bug, reported as such).
 */
export function finishImport(doc: AnnotationDoc, log: ProblemLog): DocImport {
  checkDocLabels(doc, log)
  const broken = checkInvariants(doc)
  if (broken.length > 0) {
    log.error('internal', `the imported document is inconsistent (${broken.join('; ')}); please report this file`)
    return { doc: undefined, problems: log.problems }
  }
  return { doc, problems: log.problems }
}
