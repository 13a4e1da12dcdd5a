/**
 * Generic per-frame progress predictions, from any model: JSON Lines `{"frame_index": N, "progress": P}`
 * (optionally with `"episode"`), or CSV with a header naming `frame_index`, `progress` and optionally
 * `episode`, in any column order. `frame_id` is accepted for `frame_index`. Progress may be on 0..1 or
 * 0..100; it is returned on 0..100, the scale of ProcVLM's evaluation. A JSONL line with `"progress": null` is a
 * frame the model gave no value (a failed parse), skipped with a warning.
 */
import type { ProblemLog } from '../problems'
import { looksLikeJsonlWith, reportUnrecognised } from './fileShape'
import { isObject, parseJsonl } from './jsonl'

/** `unit`: progress in 0..1; `percent`: progress in 0..100. */
export type ProgressScale = 'unit' | 'percent'

/** Said in the one error for a file of another format. */
export const PREDICTIONS_EXPECTED = 'a JSON object per line with "frame_index" and "progress" (and optionally "episode"), or CSV with a header frame_index,progress'

/** One frame's prediction. */
export interface PredictionPoint {
  frameIndex: number
  /** Progress on 0..100 (not clipped: values outside are reported, and the metrics clip where ProcVLM does). */
  progress: number
  /** 1-based line in the file. */
  line: number
}

/** The frames of one episode, sorted by frame index, one point per frame. */
export interface PredictionSeries {
  /** Undefined when the file has no episode column. */
  episode?: string
  frames: PredictionPoint[]
}

/** A parsed predictions file. */
export interface PredictionsFile {
  /** The scale the file was read in (given, or detected). */
  scale: ProgressScale
  /** Episodes in order of first appearance. */
  series: PredictionSeries[]
}

/** Options of {@link parsePredictions}. */
export interface PredictionsOptions {
  /** Default: JSONL when the first non-blank character is `{`, CSV otherwise. */
  format?: 'jsonl' | 'csv'
  /** Default `auto`: any value above 1 means 0..100, otherwise 0..1 (with a warning when that is a guess). */
  scale?: ProgressScale | 'auto'
}

interface RawRow {
  line: number
  episode: string | undefined
  frameIndex: number
  progress: number
}

function episodeName(v: unknown): string | undefined | null {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return null
}

function readJsonlRows(text: string, log: ProblemLog): RawRow[] {
  const rows: RawRow[] = []
  for (const { line, value } of parseJsonl(text, log)) {
    if (!isObject(value)) {
      log.error('bad-prediction', 'line is not a JSON object; skipped', { line })
      continue
    }
    const fi = value.frame_index ?? value.frame_id
    if (typeof fi !== 'number' || !Number.isInteger(fi) || fi < 0) {
      log.error('bad-frame-index', 'line has no non-negative integer "frame_index"; skipped', { line })
      continue
    }
    if (value.progress === null) {
      // A model's answer that gave this frame no value (`proclens predict` writes it rather than invent one).
      log.warn('no-prediction', '"progress" is null: the model gave this frame no value; line skipped', { line })
      continue
    }
    if (typeof value.progress !== 'number' || !Number.isFinite(value.progress)) {
      log.error('bad-progress', '"progress" is missing or not a finite number; line skipped', { line })
      continue
    }
    const episode = episodeName(value.episode)
    if (episode === null) {
      log.error('bad-episode', '"episode" must be a string or a number; line skipped', { line })
      continue
    }
    rows.push({ line, episode, frameIndex: fi, progress: value.progress })
  }
  return rows
}

/** Split one CSV line; double quotes group commas and `""` is a literal quote. */
function splitCsvLine(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else cell += ch
  }
  cells.push(cell)
  return cells.map((c) => c.trim())
}

function readCsvRows(text: string, log: ProblemLog): RawRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const headerAt = lines.findIndex((l) => l.trim() !== '')
  if (headerAt < 0) return []
  const header = splitCsvLine(lines[headerAt] as string).map((h) => h.toLowerCase())
  const frameCol = header.includes('frame_index') ? header.indexOf('frame_index') : header.indexOf('frame_id')
  const progressCol = header.indexOf('progress')
  const episodeCol = header.indexOf('episode')
  if (frameCol < 0 || progressCol < 0) {
    reportUnrecognised(text, PREDICTIONS_EXPECTED, log)
    return []
  }
  const rows: RawRow[] = []
  for (let i = headerAt + 1; i < lines.length; i++) {
    const raw = lines[i] as string
    if (raw.trim() === '') continue
    const line = i + 1
    const cells = splitCsvLine(raw)
    const fiText = cells[frameCol] ?? ''
    if (!/^\d+$/.test(fiText)) {
      log.error('bad-frame-index', `frame_index "${fiText}" is not a non-negative integer; row skipped`, { line })
      continue
    }
    const pText = cells[progressCol] ?? ''
    const progress = pText === '' ? NaN : Number(pText)
    if (!Number.isFinite(progress)) {
      log.error('bad-progress', `progress "${pText}" is not a finite number; row skipped`, { line })
      continue
    }
    const ep = episodeCol < 0 ? '' : (cells[episodeCol] ?? '')
    rows.push({ line, episode: ep === '' ? undefined : ep, frameIndex: Number(fiText), progress })
  }
  return rows
}

function detectScale(rows: readonly RawRow[], log: ProblemLog): ProgressScale {
  if (rows.length === 0) return 'percent'
  const max = Math.max(...rows.map((r) => r.progress))
  if (max > 1) return 'percent'
  // Values within 0..1 fit both scales; say so when a 0..1 reading is not clearly right.
  if (max < 0.5 || rows.every((r) => Number.isInteger(r.progress))) {
    log.warn('progress-scale-assumed', `every progress value is within 0..1 (max ${max}); read them as fractions of 1. Give the scale explicitly if they are percentages`)
  }
  return 'unit'
}

/**
 * Read predictions leniently: bad lines, duplicate frames (the first is kept) and lines without an episode in
 * a file that has episodes are reported and skipped; frames out of order are sorted, with a warning.
 */
export function parsePredictions(text: string, log: ProblemLog, options: PredictionsOptions = {}): PredictionsFile {
  const format = options.format ?? (text.trimStart().startsWith('{') ? 'jsonl' : 'csv')
  if (format === 'jsonl' && !looksLikeJsonlWith(text, ['frame_index', 'frame_id', 'progress'])) {
    // Another format's file: one error saying so, not one per line.
    reportUnrecognised(text, PREDICTIONS_EXPECTED, log)
    return { scale: 'percent', series: [] }
  }
  const before = log.problems.length
  let rows = format === 'jsonl' ? readJsonlRows(text, log) : readCsvRows(text, log)
  const unrecognised = log.problems.slice(before).some((p) => p.kind === 'unrecognised-format')

  if (rows.some((r) => r.episode !== undefined) && rows.some((r) => r.episode === undefined)) {
    for (const r of rows) {
      if (r.episode === undefined) log.error('missing-episode', 'row has no episode while others do; skipped', { line: r.line })
    }
    rows = rows.filter((r) => r.episode !== undefined)
  }

  const requested = options.scale ?? 'auto'
  const scale = requested === 'auto' ? detectScale(rows, log) : requested
  const factor = scale === 'unit' ? 100 : 1
  const outside = rows.filter((r) => r.progress * factor < 0 || r.progress * factor > 100)
  if (outside.length > 0) {
    const range = scale === 'unit' ? '0..1' : '0..100'
    log.warn('progress-out-of-range', `${outside.length} progress value(s) outside ${range} (first on line ${outside[0]?.line}); kept as they are`)
  }

  const byEpisode = new Map<string | undefined, PredictionSeries & { seen: Set<number>; unsorted: boolean }>()
  for (const r of rows) {
    let s = byEpisode.get(r.episode)
    if (s === undefined) {
      s = { frames: [], seen: new Set(), unsorted: false, ...(r.episode === undefined ? {} : { episode: r.episode }) }
      byEpisode.set(r.episode, s)
    }
    if (s.seen.has(r.frameIndex)) {
      log.error('duplicate-frame', `frame ${r.frameIndex} appears again; the first row is kept`, { line: r.line, ...(r.episode === undefined ? {} : { episode: r.episode }) })
      continue
    }
    const last = s.frames[s.frames.length - 1]
    if (last !== undefined && r.frameIndex < last.frameIndex) s.unsorted = true
    s.seen.add(r.frameIndex)
    s.frames.push({ frameIndex: r.frameIndex, progress: r.progress * factor, line: r.line })
  }

  const series: PredictionSeries[] = []
  for (const s of byEpisode.values()) {
    if (s.unsorted) {
      log.warn('frames-out-of-order', 'frame indices are not increasing; frames were sorted', s.episode === undefined ? {} : { episode: s.episode })
      s.frames.sort((a, b) => a.frameIndex - b.frameIndex)
    }
    series.push({ frames: s.frames, ...(s.episode === undefined ? {} : { episode: s.episode }) })
  }
  if (series.length === 0 && !unrecognised) log.error('no-predictions', 'no usable prediction in the file')
  return { scale, series }
}
