/**
 * ProcVLM's own protocol (`evqa/inference.py`, procvlm-formats.md §6.1): one request per sampled frame, the
 * window's images first and then the `procedural_c` prompt with the task filled in and no image placeholders
 * (`_build_qwen_messages`); the answer parsed with ProcVLM's `<progress>` tag parser, and each result written
 * as one inference line in ProcVLM's field order, which `core/formats/inference.ts` reads unchanged.
 */
import { fillTemplate, PROCEDURAL_C } from '../exports/procvqaTemplates'
import { parseProgressTag } from '../formats/inference'
import type { ChatRequest } from './chat'
import { chatRequest, jpegPart, textPart } from './chat'

/** The exact prompt text of a frame's request. */
export const procvlmPrompt = (task: string): string => fillTemplate(PROCEDURAL_C, task)

/** The request for one sampled frame: `windowJpegs` (base64), oldest first, then the prompt. */
export function procvlmRequest(model: string, task: string, windowJpegs: readonly string[], maxTokens: number): ChatRequest {
  return chatRequest(model, [...windowJpegs.map(jpegPart), textPart(procvlmPrompt(task))], maxTokens)
}

export interface ProcvlmAnswer {
  /** 0..100, clipped; the previous frame's value when the answer does not parse (ProcVLM's rule). */
  progress: number
  /** The raw parse, or null when the answer has no `<progress>` number. */
  parsedProgress: number | null
  progressSource: 'model' | 'previous'
  reasoning: string
}

const CONCLUSION_LINE = /^\s*(?:Therefore|Thus|Hence|So)\b/
const TAG = /<progress>[\s\S]*?<\/progress>/i

/**
 * The reasoning ProcVLM keeps: the output without the lines that start with Therefore/Thus/Hence/So and without
 * the sentence holding the `<progress>` tag (from the previous sentence end or line break to the next one).
 */
export function reasoningOf(output: string): string {
  let text = output.split('\n').filter((l) => !CONCLUSION_LINE.test(l)).join('\n')
  const m = TAG.exec(text)
  if (m !== null) {
    const before = text.slice(0, m.index)
    const start = Math.max(before.lastIndexOf('\n'), ...['. ', '! ', '? '].map((e) => { const i = before.lastIndexOf(e); return i < 0 ? -1 : i + 1 })) + 1
    const after = text.slice(m.index + m[0].length)
    const endRel = after.search(/[.!?](?:\s|$)|\n/)
    const end = m.index + m[0].length + (endRel < 0 ? after.length : endRel + (after[endRel] === '\n' ? 0 : 1))
    text = text.slice(0, start) + text.slice(end)
  }
  return text.trim()
}

/** Parse one answer; `previous` is the progress of the sampled frame before (0 for the first). */
export function parseProcvlmAnswer(output: string, previous: number): ProcvlmAnswer {
  const parsed = parseProgressTag(output)
  const reasoning = reasoningOf(output)
  if (parsed === undefined) return { progress: previous, parsedProgress: null, progressSource: 'previous', reasoning }
  return { progress: Math.max(0, Math.min(100, parsed)), parsedProgress: parsed, progressSource: 'model', reasoning }
}

/** Where a sampled frame sits; the fields ProcVLM writes before the answer's. */
export interface ProcvlmFrame {
  videoPath: string
  task: string
  sampleIndex: number
  frameIndex: number
  fps: number
  window: readonly number[]
}

/**
 * One inference line: ProcVLM's fields in ProcVLM's order, then `meta` (ProcLens's record of model, protocol,
 * dataset, episode, camera, prompt and sampling). Readers of ProcVLM's format ignore the extra fields.
 */
export function procvlmLine(frame: ProcvlmFrame, output: string, answer: ProcvlmAnswer, meta: Record<string, unknown>): Record<string, unknown> {
  return {
    video_path: frame.videoPath,
    task: frame.task,
    sample_index: frame.sampleIndex,
    frame_index: frame.frameIndex,
    timestamp_sec: frame.frameIndex / frame.fps,
    window_frame_indices: [...frame.window],
    progress: answer.progress,
    parsed_progress: answer.parsedProgress,
    progress_source: answer.progressSource,
    reasoning: answer.reasoning,
    model_output: output,
    ...meta,
  }
}
