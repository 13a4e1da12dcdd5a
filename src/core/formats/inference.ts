/**
 * ProcVLM inference output (`evqa/inference.py`, procvlm-formats.md §6.1): one JSON line per *sampled* frame,
 * progress on 0..100. Read leniently into per-frame predictions, plus the two `<progress>` text parsers
 * ProcVLM uses on raw model output.
 */
import type { ProblemLog } from '../problems'
import { looksLikeJsonlWith, reportUnrecognised } from './fileShape'
import { isObject, parseJsonl } from './jsonl'

const INFERENCE_KEYS = ['frame_index', 'window_frame_indices', 'progress', 'parsed_progress', 'model_output', 'sample_index']

/** One sampled frame's prediction. */
export interface InferenceFrame {
  /** Source-video frame index (episode-local). */
  frameIndex: number
  /** Progress on 0..100, clipped like ProcVLM's. */
  progress: number
  /** `model`: parsed from this frame's output; `previous`: ProcVLM reused the last value (parse failed). */
  source: 'model' | 'previous'
  reasoning?: string
  /** The model's raw output, kept where it did not parse (`source: 'previous'`), to show instead of a value. */
  failedOutput?: string
  sampleIndex?: number
  timestampSec?: number
  /** 1-based line in the file. */
  line: number
}

/** A parsed inference file: sorted by frame index, one entry per frame. */
export interface InferenceFile {
  videoPath?: string
  task?: string
  frames: InferenceFrame[]
}

const TAG_PATTERN = /<progress>\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*<\/progress>/i

/**
 * The strict tag parser of `evqa/inference.py` and RLInf's reward parser: the first
 * `<progress>N</progress>` or `<progress>N%</progress>` (N an optionally signed decimal), clipped to
 * [0, 100]. Undefined when there is no such tag. A bare fraction is *not* rescaled here.
 */
export function extractProgressTag(text: string): number | undefined {
  const value = parseProgressTag(text)
  return value === undefined ? undefined : Math.max(0, Math.min(100, value))
}

/** The same tag's number, not clipped: ProcVLM's `parsed_progress` (the raw parse). */
export function parseProgressTag(text: string): number | undefined {
  const m = TAG_PATTERN.exec(text)
  if (m === null) return undefined
  const value = Number(m[1])
  return Number.isFinite(value) ? value : undefined
}

const NUMBER_PATTERN = /[-+]?(?:\d+\.\d+|\d+|\.\d+)/
const LOOSE_TAG_PATTERN = /<progress>([\s\S]*?)<\/progress>/i

function parseNumberIn(segment: string): number | undefined {
  const m = NUMBER_PATTERN.exec(segment)
  if (m === null) return undefined
  const value = Number(m[0])
  const end = m.index + m[0].length
  if (end < segment.length && segment[end] === '%') return value
  // ProcVLM's unit guess: a bare number ≤ 1 is a fraction. So "1" means 100 and "-5" means -500.
  return value <= 1 ? value * 100 : value
}

/**
 * The lenient parser of ProcVLM's metrics (`extract_progress_value` in `evqa/eval/compute_metrics.py`):
 * the first number inside the first `<progress>…</progress>` (case-insensitive, across lines); if there is
 * no tag or no number in it, the first number anywhere in the text. A number directly followed by `%` is
 * a percentage; otherwise a number ≤ 1 is multiplied by 100. Not clipped. Undefined when there is no
 * number at all. (Python's `\d` also matches non-ASCII digits; this port reads ASCII digits only.)
 */
export function extractProgressValue(text: string): number | undefined {
  const tag = LOOSE_TAG_PATTERN.exec(text)
  if (tag !== null) {
    const inTag = parseNumberIn(tag[1] as string)
    if (inTag !== undefined) return inTag
  }
  return parseNumberIn(text)
}

function frameIndexOf(value: Record<string, unknown>, line: number, log: ProblemLog): number | undefined {
  const fi = value.frame_index
  if (typeof fi === 'number' && Number.isInteger(fi) && fi >= 0) return fi
  const window = value.window_frame_indices
  const last: unknown = Array.isArray(window) ? window[window.length - 1] : undefined
  if (typeof last === 'number' && Number.isInteger(last) && last >= 0) {
    log.warn('frame-index-from-window', 'no valid "frame_index"; used the last entry of "window_frame_indices"', { line })
    return last
  }
  log.error('bad-frame-index', 'line has no non-negative integer "frame_index"; skipped', { line })
  return undefined
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)

interface Reading {
  progress: number
  source: 'model' | 'previous'
}

/** The line's progress, recovering like ProcVLM when the `progress` field is unusable. */
function progressOf(value: Record<string, unknown>, previous: number, line: number, log: ProblemLog): Reading {
  const declared = value.progress_source
  if (declared !== undefined && declared !== 'model' && declared !== 'previous') {
    log.warn('bad-progress-source', `"progress_source" should be "model" or "previous", got ${JSON.stringify(declared)}`, { line })
  }
  if (isFiniteNumber(value.progress)) {
    let progress = value.progress
    if (progress < 0 || progress > 100) {
      log.warn('progress-out-of-range', `progress ${progress} is outside 0..100; clipped`, { line })
      progress = Math.max(0, Math.min(100, progress))
    }
    const source = declared === 'model' || declared === 'previous'
      ? declared
      : value.parsed_progress === null ? 'previous' : 'model'
    return { progress, source }
  }
  if (isFiniteNumber(value.parsed_progress)) {
    log.warn('missing-progress', '"progress" is missing or not a number; used "parsed_progress"', { line })
    return { progress: Math.max(0, Math.min(100, value.parsed_progress)), source: 'model' }
  }
  const fromText = typeof value.model_output === 'string' ? extractProgressTag(value.model_output) : undefined
  if (fromText !== undefined) {
    log.warn('missing-progress', '"progress" is missing or not a number; parsed the <progress> tag of "model_output"', { line })
    return { progress: fromText, source: 'model' }
  }
  log.warn('missing-progress', `"progress" is missing or not a number and nothing parses; reused the previous value (${previous}) as ProcVLM does`, { line })
  return { progress: previous, source: 'previous' }
}

/**
 * Read an inference JSONL file. Bad lines are reported and skipped; a missing or non-numeric `progress`
 * falls back to `parsed_progress`, then the `<progress>` tag of `model_output`, then the previous value
 * (0 at the start), which is ProcVLM's own rule. Frames out of order are sorted; a repeated frame keeps
 * its first line. Extra fields are ignored.
 */
export function parseInferenceJsonl(text: string, log: ProblemLog): InferenceFile {
  const file: InferenceFile = { frames: [] }
  if (!looksLikeJsonlWith(text, INFERENCE_KEYS)) {
    // Another format's file: one error saying so, not one per line.
    reportUnrecognised(text, 'ProcVLM inference lines: a JSON object per line with "frame_index" and "progress" (or "model_output")', log)
    return file
  }
  const seen = new Set<number>()
  let previous = 0
  let outOfOrder = false
  let videoWarned = false
  for (const { line, value } of parseJsonl(text, log)) {
    if (!isObject(value)) {
      log.error('bad-inference-line', 'line is not a JSON object; skipped', { line })
      continue
    }
    const frameIndex = frameIndexOf(value, line, log)
    if (frameIndex === undefined) continue
    const { progress, source } = progressOf(value, previous, line, log)
    previous = progress
    if (seen.has(frameIndex)) {
      log.warn('duplicate-frame', `frame ${frameIndex} appears again; the first line is kept`, { line })
      continue
    }
    const last = file.frames[file.frames.length - 1]
    if (last !== undefined && frameIndex < last.frameIndex) outOfOrder = true
    seen.add(frameIndex)
    const frame: InferenceFrame = { frameIndex, progress, source, line }
    if (typeof value.reasoning === 'string') frame.reasoning = value.reasoning
    if (source === 'previous') frame.failedOutput = typeof value.model_output === 'string' ? value.model_output : ''
    if (isFiniteNumber(value.sample_index)) frame.sampleIndex = value.sample_index
    if (isFiniteNumber(value.timestamp_sec)) frame.timestampSec = value.timestamp_sec
    file.frames.push(frame)

    if (typeof value.video_path === 'string') {
      if (file.videoPath === undefined) file.videoPath = value.video_path
      else if (file.videoPath !== value.video_path && !videoWarned) {
        videoWarned = true
        log.warn('multiple-videos', 'the file mixes several "video_path" values; ProcVLM writes one video per file', { line })
      }
    }
    if (file.task === undefined && typeof value.task === 'string') file.task = value.task
  }
  if (outOfOrder) {
    log.warn('frames-out-of-order', 'frame indices are not increasing; frames were sorted')
    file.frames.sort((a, b) => a.frameIndex - b.frameIndex)
  }
  if (file.frames.length === 0) log.error('no-frames', 'no usable prediction in the file')
  return file
}
