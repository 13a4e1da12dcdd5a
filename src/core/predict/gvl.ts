/**
 * The GVL protocol (Ma et al., "Vision Language Models are In-Context Value Learners"), zero-shot, worded as
 * OpenGVL (`budzianowski/opengvl`) words it: the sampled frames of an episode shown in a seeded shuffled
 * order in one request, the model asked for each frame's completion percentage, and the answer put back in
 * time order. Sources, verbatim: the prompt from `configs/prompts/default.yaml` (commit 912fd55), the
 * initial-scene and query lines from `opengvl/clients/openai.py` (commit 03cefb0). OpenGVL's context
 * episodes (few-shot) are not sent: ProcLens asks about one episode with no known answers.
 */
import { deriveSeed, makeRng, shuffleInPlace } from '../random'
import type { ChatRequest, ContentPart } from './chat'
import { chatRequest, jpegPart, textPart } from './chat'

/** OpenGVL's default prompt template, three lines, `{instruction}` filled with the task. */
export const GVL_PROMPT =
  'You are an expert roboticist tasked to predict task completion percentages for frames of a robot for the task of {instruction}.\n' +
  'The task completion percentages are between 0 and 100, where 100 corresponds to full task completion.\n' +
  'The frames may be in random order; reason about each frame independently when estimating completion.'

const fill = (template: string, instruction: string): string => template.split('{instruction}').join(instruction)

/** The text parts of a request in order, `null` where an image goes (for docs and tests). */
export function gvlTexts(instruction: string, count: number): (string | null)[] {
  const out: (string | null)[] = [
    fill(GVL_PROMPT, instruction),
    'Initial robot scene:',
    null,
    'In the initial robot scene, the task completion percentage is 0.',
    `Now, for the task of ${instruction}, output the task completion percentage for the following frames that are presented in random order. For each frame, format your response as follow: Frame {i}: Task Completion Percentages:{}%`,
    'Be rigorous and precise; percentage reflects task completion.',
    'Remember: frames are in random order.',
  ]
  for (let k = 1; k <= count; k++) out.push(`Frame ${k}:`, null)
  return out
}

/**
 * The order frames are shown in: `order[k]` is the time position (among the sampled frames) of "Frame k+1".
 * A pure function of the seed, the dataset and the episode, so a rerun (or a resumed run) asks the same thing.
 */
export function gvlOrder(count: number, seed: number, dataset: string, episode: string): number[] {
  const order = Array.from({ length: count }, (_, i) => i)
  return shuffleInPlace(makeRng(deriveSeed(seed, 'gvl', dataset, episode)), order)
}

export interface GvlQuery {
  model: string
  instruction: string
  /** The episode's first frame (the 0% scene), base64 JPEG. */
  initialJpeg: string
  /** The sampled frames in shown order, base64 JPEG. */
  shownJpegs: readonly string[]
  maxTokens: number
}

/** The request: text and images interleaved in OpenGVL's order. */
export function gvlRequest(q: GvlQuery): ChatRequest {
  const texts = gvlTexts(q.instruction, q.shownJpegs.length)
  const images = [q.initialJpeg, ...q.shownJpegs]
  let next = 0
  const content: ContentPart[] = texts.map((t) => (t === null ? jpegPart(images[next++]!) : textPart(t)))
  return chatRequest(q.model, content, q.maxTokens)
}

const FRAME_MENTION = /Frame\s*\**\s*(\d+)/gi
const PERCENT = /([+-]?\d+(?:\.\d+)?)\s*%/

export interface GvlAnswer {
  /** By shown position (index 0 is "Frame 1"): the first percentage given for that frame, or null. */
  values: (number | null)[]
  /** Frame numbers the answer mentions with a value that were never shown. */
  extra: number[]
}

/**
 * Per-frame percentages from a free-text answer: the text after each "Frame N" (also `**Frame N:**`) up to the
 * next mention is searched for the first `x%`, so "Frame 3: 45%", "Frame 3: Task Completion Percentages: 45%"
 * and "Frame 3: the gripper … Task Completion: 45%" all give 45. The first mention of a frame with a value wins;
 * frames never given one stay null, never guessed.
 */
export function parseGvlAnswer(text: string, count: number): GvlAnswer {
  const values: (number | null)[] = Array.from({ length: count }, () => null)
  const extra = new Set<number>()
  const mentions = [...text.matchAll(FRAME_MENTION)]
  mentions.forEach((m, i) => {
    const start = m.index + m[0].length
    const end = mentions[i + 1]?.index ?? text.length
    const p = PERCENT.exec(text.slice(start, end))
    if (p === null) return
    const n = Number(m[1])
    const value = Number(p[1])
    if (n < 1 || n > count) extra.add(n)
    else if (values[n - 1] === null && Number.isFinite(value)) values[n - 1] = value
  })
  return { values, extra: [...extra].sort((a, b) => a - b) }
}

/**
 * The episode's output lines in time order: `{episode, frame_index, progress, ...}`, what
 * `core/formats/predictions.ts` reads. `progress` is the model's percentage clipped to 0..100, or null when the
 * answer gave this frame none (`parsed_progress` keeps the raw value).
 */
export function gvlLines(input: { episode: string; frames: readonly number[]; order: readonly number[]; answer: GvlAnswer; output: string; meta: Record<string, unknown> }): Record<string, unknown>[] {
  const shownAt = new Map(input.order.map((pos, k) => [pos, k]))
  return input.frames.map((frameIndex, pos) => {
    const k = shownAt.get(pos)!
    const raw = input.answer.values[k] ?? null
    return {
      episode: input.episode,
      frame_index: frameIndex,
      progress: raw === null ? null : Math.max(0, Math.min(100, raw)),
      parsed_progress: raw,
      shown_frame: k + 1,
      model_output: input.output,
      ...input.meta,
    }
  })
}
