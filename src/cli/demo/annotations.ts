/**
 * The annotation side of one episode, as ProcVLM and ProcLens write it: the raw VLM proposal, its flattened
 * per-frame ProcCorpus file, the generator's ground truth, and the imaginary models' inference rows.
 * Pure: returns file contents keyed by path relative to the dataset root.
 */
import { flattenProposal } from '@/core/formats/flatten'
import { toJsonl } from '@/core/formats/jsonl'
import { writeProcCorpus } from '@/core/formats/procCorpus'
import { recordToJson } from '@/core/formats/records'
import { episodeName } from '@/core/time'
import type { EpisodeDef } from './episodes'
import { MODELS, predictRows, visibleProgress } from './predictions'
import { vlmProposal } from './proposals'
import type { SceneFrame } from './scene'
import type { Timeline } from './timeline'
import { truthDoc } from './truth'

export interface AnnotationInput {
  dataset: string
  episode: EpisodeDef
  taskIndex: number
  fps: number
  frames: readonly SceneFrame[]
  timeline: Timeline
  /** Absolute path the imaginary inference run read the exo video from. */
  videoPath: string
}

function finishReason(ep: EpisodeDef): string {
  const placed = ep.plan.filter((s) => s.verb === 'place').map((s) => s.object)
  const words = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
  return placed.length === 1 ? `The ${placed[0]!} rests inside the bin` : `All ${words[placed.length] ?? String(placed.length)} objects rest inside the bin`
}

/** Every annotation file of the episode: path (relative to the dataset root) -> contents. */
export function episodeAnnotations(input: AnnotationInput): Map<string, string> {
  const { dataset, episode: ep, timeline } = input
  const name = episodeName(ep.index)
  const files = new Map<string, string>()
  const proposal = vlmProposal({ taskIndex: input.taskIndex, task: ep.task, fps: input.fps, plan: ep.plan, timeline, mistakes: ep.mistakes })
  files.set(`annotation/sub_task_jsonl/${dataset}/${name}.sub_task.jsonl`, toJsonl([proposal]))
  files.set(`annotation/v2/sub_task/${dataset}/${name}.sub_task.jsonl`, writeProcCorpus(flattenProposal([proposal], timeline.frameCount)))
  const reason = finishReason(ep)
  const truth = truthDoc({ dataset, episodeIndex: ep.index, taskIndex: input.taskIndex, task: ep.task, fps: input.fps, plan: ep.plan, timeline, finishReason: reason })
  files.set(`annotation/truth/${name}.json`, recordToJson(truth))
  const visible = visibleProgress(input.frames, ep.plan.length)
  for (const [m, model] of MODELS.entries()) {
    const base = { model, videoPath: input.videoPath, fps: input.fps, plan: ep.plan, visible, finishReason: reason }
    const rows = predictRows({ ...base, task: ep.task, seed: ep.seed * 31 + m })
    files.set(`annotation/inference/${model}/${name}.jsonl`, toJsonl(rows))
    if (ep.altInstruction !== undefined) {
      const alt = predictRows({ ...base, task: ep.altInstruction.task, extraStep: ep.altInstruction.extra, seed: ep.seed * 31 + m + 7 })
      files.set(`annotation/inference/${model}/${name}.alt-instruction.jsonl`, toJsonl(alt))
    }
  }
  return files
}

/**
 * `annotation/index.json`: the manifest a plain HTTP server needs, since it cannot list folders (docs/datasets.md).
 * Paths are relative to the dataset root and sorted, so the file is stable.
 */
export function annotationIndex(paths: readonly string[]): string {
  const files = paths.filter((p) => (p.startsWith('annotation/') && p.endsWith('.jsonl')) || /^annotation\/truth\/.+\.json$/.test(p)).sort()
  return `${JSON.stringify({ version: 1, files }, null, 1)}\n`
}

/** `annotation/README.md`: the layout, in short. */
export function annotationReadme(dataset: string): string {
  return `# Annotations of the \`${dataset}\` demo dataset

Made by \`npm run make-demo\` (see docs/demo.md); every file here is generated, do not edit by hand.

| Path | What |
|---|---|
| \`sub_task_jsonl/${dataset}/episode_XXXXXX.sub_task.jsonl\` | raw VLM proposal, one line per task segment (ProcVLM raw format, procvlm-formats.md §2.3); frames are sampled frame indices; contains deliberate mistakes |
| \`v2/sub_task/${dataset}/episode_XXXXXX.sub_task.jsonl\` | the proposal flattened per frame by ProcVLM's rules (ProcCorpus layer, §2.4-§2.5) |
| \`truth/episode_XXXXXX.json\` | the generator's ground truth: a ProcLens annotation record (\`proclens.annotation\`, provenance \`generator\`) |
| \`inference/<model>/episode_XXXXXX.jsonl\` | progress predictions of two imaginary models in ProcVLM's inference format (§6.1): \`procvlm-2b\`, \`timebase-7b\` |
| \`inference/<model>/episode_000000.alt-instruction.jsonl\` | the same models on episode 0 under a longer instruction whose extra step never happens |
| \`index.json\` | the list of these files, for HTTP servers that cannot list folders |
`
}
