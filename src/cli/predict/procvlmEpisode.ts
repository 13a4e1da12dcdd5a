/**
 * One episode under the `procvlm` protocol: a request per sampled frame not yet in the episode's file, sent
 * `concurrency` at a time, the results written in sample order as soon as every earlier one is in. Writing in
 * order keeps ProcVLM's rule (a frame whose answer does not parse reuses the previous frame's value) exact and
 * the file sorted, and means a stopped run's file is a prefix to resume from.
 */
import { join } from 'node:path'
import type { Problem } from '../../core/problems'
import type { ProcvlmFrame } from '../../core/predict/procvlm'
import { parseProcvlmAnswer, procvlmLine, procvlmRequest } from '../../core/predict/procvlm'
import { runMismatch } from '../../core/predict/resume'
import { windowOf } from '../../core/predict/sampling'
import { UsageError } from '../command'
import { postChat } from '../../data/predict/chatClient'
import type { OpenedEpisode, PredictConfig } from './context'
import { mediaPath } from './context'
import { jpegFrames } from './frames'
import { append, openPartial } from './output'
import { runPool } from '../../data/predict/pool'
import { progressBar } from './progressBar'

/** The file of an episode: `--out` itself when it names a .jsonl file, else `<out>/<episode>.jsonl`. */
export const procvlmFile = (out: string, episode: string): string => (out.endsWith('.jsonl') ? out : join(out, `${episode}.jsonl`))

export interface EpisodeResult {
  requests: number
  lines: number
}

export async function procvlmEpisode(opened: OpenedEpisode, config: PredictConfig, problems: Problem[]): Promise<EpisodeResult> {
  const { episode, camera, sampled, task, meta } = opened
  const file = procvlmFile(config.out, episode.name)
  const partial = await openPartial(file)
  const first = partial.records[0]
  const clash = first === undefined ? undefined : runMismatch(first, meta)
  if (clash !== undefined) throw new UsageError(`${file} was written with another ${clash} (${JSON.stringify(first?.[clash])}); give another --out or the same options`)
  if (partial.dropped > 0) problems.push({ severity: 'warning', kind: 'resume-dropped', file, message: `${partial.dropped} incomplete line(s) dropped before resuming` })

  const done = new Set(partial.records.map((r) => r.frame_index))
  const last = partial.records[partial.records.length - 1]
  let previous = typeof last?.progress === 'number' ? last.progress : 0
  const todo = sampled.flatMap((frameIndex, k) => (done.has(frameIndex) ? [] : [k]))
  if (todo.length === 0) return { requests: 0, lines: 0 }

  const windows = new Map(todo.map((k) => [k, windowOf(sampled, k, config.window)]))
  const images = await jpegFrames(config.dataset, camera, episode.fps, new Set([...windows.values()].flat()))
  const outputs = new Map<number, string>()
  let nextToWrite = 0
  let written = 0
  const bar = progressBar(`${episode.name} procvlm`, todo.length)
  bar(0)

  // Write every answer whose predecessors are all in, in order, carrying ProcVLM's "previous" value along.
  const flush = async (): Promise<void> => {
    const lines: Record<string, unknown>[] = []
    while (nextToWrite < todo.length && outputs.has(todo[nextToWrite]!)) {
      const k = todo[nextToWrite++]!
      const output = outputs.get(k)!
      const answer = parseProcvlmAnswer(output, previous)
      previous = answer.progress
      const frame: ProcvlmFrame = { videoPath: mediaPath(camera), task, sampleIndex: k, frameIndex: sampled[k]!, fps: episode.fps, window: windows.get(k)! }
      lines.push(procvlmLine(frame, output, answer, meta))
    }
    written += lines.length
    await append(file, lines)
  }

  let writing = Promise.resolve()
  try {
    await runPool(todo, config.concurrency, async (k) => {
      const window = windows.get(k)!
      const jpegs = window.map((f) => images.get(f))
      if (jpegs.some((j) => j === undefined)) throw new Error(`frame ${sampled[k]} of ${camera.key} could not be decoded`)
      const output = await postChat(procvlmRequest(config.model, task, jpegs as string[], config.maxTokens), config.client)
      outputs.set(k, output)
      writing = writing.then(flush)
      await writing
      bar(outputs.size)
    })
  } finally {
    await writing
  }
  return { requests: todo.length, lines: written }
}
