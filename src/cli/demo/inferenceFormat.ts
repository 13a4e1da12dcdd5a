/**
 * ProcVLM's inference JSONL (`evqa/inference.py`, procvlm-formats.md §6.1): uniform frame sampling, the
 * window of previous samples, and the parsing of a model's answer into progress and reasoning, reproduced so
 * that the demo's imaginary model outputs are rows the real script could have written.
 */
import { extractProgressTag } from '../../core/formats/inference'

/** One row, with the fields in ProcVLM's order. */
export interface InferenceRow {
  video_path: string
  task: string
  sample_index: number
  frame_index: number
  timestamp_sec: number
  window_frame_indices: number[]
  progress: number
  parsed_progress: number | null
  progress_source: 'model' | 'previous'
  reasoning: string
  model_output: string
}

/** numpy's `np.round`: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x)
  const d = x - f
  if (d < 0.5) return f
  if (d > 0.5) return f + 1
  return f % 2 === 0 ? f : f + 1
}

/** `build_uniform_indices`: rounded `linspace(0, total - 1, target)`, deduplicated, topped up, sorted. */
export function uniformIndices(total: number, target: number): number[] {
  if (total <= 0 || target <= 0) return []
  if (target >= total) return Array.from({ length: total }, (_, i) => i)
  if (target === 1) return [0]
  const step = (total - 1) / (target - 1)
  const seen = new Set<number>()
  const out: number[] = []
  for (let i = 0; i < target; i++) {
    const x = i === target - 1 ? total - 1 : roundHalfEven(i * step)
    if (!seen.has(x)) {
      seen.add(x)
      out.push(x)
    }
  }
  for (let cur = 0; out.length < target && cur < total; cur++) {
    if (!seen.has(cur)) {
      seen.add(cur)
      out.push(cur)
    }
  }
  return out.sort((a, b) => a - b).slice(0, target)
}

/** `build_window_values`: the `size` values ending at `index`, left-padded with the first. */
export function windowValues<T>(values: readonly T[], index: number, size: number): T[] {
  const out: T[] = []
  for (let i = 0; i < size; i++) out.push(values[Math.max(0, Math.min(index, index - size + 1 + i))]!)
  return out
}

/** `extract_reasoning_text`: the answer minus the sentence holding the tag and minus "Therefore/Thus/Hence/So" lines. */
export function extractReasoningText(answer: string): string {
  const raw = answer.trim().replace(/[^.\n]*<progress>\s*[+-]?\d+(?:\.\d+)?\s*%?\s*<\/progress>[^.\n]*\.?/gi, '')
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(therefore|thus|hence|so)\b/i.test(l))
    .join('\n')
    .trim()
}

/** A row for one answer; `previous` is the progress carried over when the answer does not parse. */
export function makeRow(fields: Omit<InferenceRow, 'progress' | 'parsed_progress' | 'progress_source' | 'reasoning' | 'timestamp_sec'> & { fps: number; previous: number }): InferenceRow {
  const parsed = extractProgressTag(fields.model_output) ?? null
  return {
    video_path: fields.video_path,
    task: fields.task,
    sample_index: fields.sample_index,
    frame_index: fields.frame_index,
    timestamp_sec: fields.frame_index / Math.max(fields.fps, 1e-6),
    window_frame_indices: fields.window_frame_indices,
    progress: parsed ?? fields.previous,
    parsed_progress: parsed,
    progress_source: parsed === null ? 'previous' : 'model',
    reasoning: extractReasoningText(fields.model_output),
    model_output: fields.model_output,
  }
}
