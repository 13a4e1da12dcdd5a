/**
 * One ProcVQA record (procvlm-formats.md §4.3) and the episode facts every family builds records from.
 *
 * ```text
 *  {"image": ["images/<dataset>/<camera>/<episode>/000041.jpg", …],
 *   "conversations": [{"from": "human", "value": "<image>\n…prompt"}, {"from": "gpt", "value": "…answer"}],
 *   "meta": {"dataset": …, "episode": …, "frame_index": 41, …}}
 * ```
 * ProcVLM's loader (`evqa/data/data_processor.py::_build_messages`) hands the k-th `<image>` of the human turn
 * the k-th path and rejects a record whose counts differ, so {@link makeRecord} refuses to build one.
 */
import type { AnnotationDoc } from '../annotation'
import type { RemainingActions } from '../remainingActions'

/** The five question families: segmentation with / without the task, next action, remaining plan, progress. */
export type ProcvqaFamily = 'a1' | 'a2' | 'b1' | 'b2' | 'c'

/** ProcVLM's task ids: one generator (`episode_handler_a|b|c`) and one output folder each. */
export type ProcvqaGroup = 'a' | 'b' | 'c'

export const PROCVQA_GROUPS: readonly ProcvqaGroup[] = ['a', 'b', 'c']

export function groupOf(family: ProcvqaFamily): ProcvqaGroup {
  return family === 'c' ? 'c' : family === 'a1' || family === 'a2' ? 'a' : 'b'
}

// The record's shapes are type aliases, not interfaces, so that a record is a `PythonJsonValue` as it stands.
export type ProcvqaTurn = {
  from: 'human' | 'gpt'
  value: string
}

/** Where a record's target came from, so a training run can be traced to the annotations it used. */
export type ProcvqaSource = {
  tool: 'proclens'
  /** Always the annotator profile: the document's own segments, budgets and outcome (not the flattened file's). */
  progress: 'annotator'
  outcome: AnnotationDoc['outcome']['kind']
  /** The success cutoff of a `not-done` episode. */
  cutoff?: number
  /** `corrected` when any step carries a budget override, else `procvlm` (ProcVLM's default weights). */
  budgets: 'procvlm' | 'corrected'
  /** The export's seed (each family of each episode draws from its own stream derived from it). */
  seed: number
}

/**
 * Extra facts about a record. ProcVLM's loader ignores `meta`; the keys ProcVLM's Gradio inspector writes
 * (`dataset`, `episode`, `frame_index`, `task`, `sub_task`) keep their names and meanings.
 */
export type ProcvqaMeta = {
  dataset: string
  /** The episode as the document names it (the paths may use a derived `episode_XXXXXX` instead). */
  episode: string
  episode_index: number
  camera: string
  /** The frame of the record's last image: the current frame for b and c, the last sampled frame for a. */
  frame_index: number
  task: string
  /** The label of `frame_index` (`done` / `not done` in a tail, null outside the task). */
  sub_task: string | null
  family: ProcvqaFamily
  source: ProcvqaSource
}

export type ProcvqaRecord = {
  /** Paths relative to the export root (ProcVLM's `data_path`). */
  image: string[]
  conversations: [ProcvqaTurn, ProcvqaTurn]
  meta: ProcvqaMeta
}

/** A record with its family and its images' frames, in the record's order. */
export interface ProcvqaItem {
  family: ProcvqaFamily
  record: ProcvqaRecord
  frames: number[]
}

/** What every family reads: the document's corrected target, already derived once per episode. */
export interface ProcvqaEpisodeFacts {
  doc: AnnotationDoc
  /** The episode name used in paths: contains `episode_<digits>`. */
  pathEpisode: string
  camera: string
  /** Per-frame labels as the document shows them (annotator profile). */
  labels: readonly (string | null)[]
  /** Per-frame progress, annotator profile: budgets, cutoff and outcome applied. */
  progress: Float64Array
  /** Per-frame remaining actions, annotator profile (ProcVLM's one-shot rule). */
  remaining: readonly RemainingActions[]
  /** The task's frames `[start, end)`: every record's frames lie inside. */
  range: { start: number; end: number }
  /** The finish reason without trailing full stops, or undefined when the document has none. */
  finishReason: string | undefined
  source: ProcvqaSource
}

/** `images/<dataset>/<camera>/<episode>/<frame:06d>.jpg`, ProcVLM's `ensure_image_on_disk` layout. */
export function imagePath(input: { dataset: string; camera: string; episode: string; frame: number }): string {
  return `images/${input.dataset}/${input.camera}/${input.episode}/${String(input.frame).padStart(6, '0')}.jpg`
}

const PLACEHOLDER = /<image>|<video>/g

/** How many media placeholders ProcVLM's loader finds in a human turn (`re.split(r"(<image>|<video>)")`). */
export function placeholderCount(text: string): number {
  return text.match(PLACEHOLDER)?.length ?? 0
}

/**
 * A record asking `question` about `frames` (in order, one image each) with `answer` as the target. Throws when
 * the question's placeholders are not exactly one `<image>` per frame: the families build questions so that
 * they are, and the exporter rejects a task text holding a placeholder before any record is built, so this
 * guards against a bug, never against input.
 */
export function makeRecord(facts: ProcvqaEpisodeFacts, input: { family: ProcvqaFamily; frames: readonly number[]; question: string; answer: string }): ProcvqaItem {
  const { doc } = facts
  const images = input.question.match(PLACEHOLDER) ?? []
  if (input.frames.length === 0 || images.length !== input.frames.length || images.some((p) => p !== '<image>')) {
    throw new Error(`ProcVQA ${input.family} record for frame ${input.frames.at(-1)}: ${images.length} placeholders for ${input.frames.length} images`)
  }
  const last = input.frames[input.frames.length - 1]!
  const record: ProcvqaRecord = {
    image: input.frames.map((frame) => imagePath({ dataset: doc.dataset, camera: facts.camera, episode: facts.pathEpisode, frame })),
    conversations: [{ from: 'human', value: input.question }, { from: 'gpt', value: input.answer }],
    meta: {
      dataset: doc.dataset,
      episode: doc.episode,
      episode_index: doc.episodeIndex,
      camera: facts.camera,
      frame_index: last,
      task: doc.task,
      sub_task: facts.labels[last] ?? null,
      family: input.family,
      source: facts.source,
    },
  }
  return { family: input.family, record, frames: [...input.frames] }
}

/** `"<image>\n"` once per frame, then the prompt: the question of families b and c. */
export function windowQuestion(frames: readonly number[], prompt: string): string {
  return '<image>\n'.repeat(frames.length) + prompt
}
