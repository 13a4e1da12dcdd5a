/**
 * One episode under the `gvl` protocol: one request holding the episode's sampled frames in a seeded shuffled
 * order, its lines (time order) appended to the one output file together. An episode is done when the file
 * has a line for each of its sampled frames; an episode with only some (a write cut off) is asked again.
 */
import type { Problem } from '../../core/problems'
import { gvlLines, gvlOrder, gvlRequest, parseGvlAnswer } from '../../core/predict/gvl'
import { postChat } from '../../data/predict/chatClient'
import type { OpenedEpisode, PredictConfig } from './context'
import type { EpisodeResult } from './procvlmEpisode'
import { jpegFrames } from './frames'
import { appendSerial } from './output'


export async function gvlEpisode(opened: OpenedEpisode, config: PredictConfig, problems: Problem[]): Promise<EpisodeResult> {
  const { episode, camera, sampled, task, meta } = opened
  if (sampled.length === 0) return { requests: 0, lines: 0 }
  const order = gvlOrder(sampled.length, config.seed, config.datasetName, episode.name)
  const images = await jpegFrames(config.dataset, camera, episode.fps, new Set(sampled))
  const shown = order.map((pos) => images.get(sampled[pos]!))
  const initial = images.get(sampled[0]!)
  if (initial === undefined || shown.some((j) => j === undefined)) throw new Error(`some sampled frames of ${camera.key} could not be decoded`)
  const output = await postChat(gvlRequest({ model: config.model, instruction: task, initialJpeg: initial, shownJpegs: shown as string[], maxTokens: config.maxTokens }), config.client)
  const answer = parseGvlAnswer(output, sampled.length)
  const missing = answer.values.filter((v) => v === null).length
  if (missing > 0) problems.push({ severity: 'warning', kind: 'gvl-missing-predictions', episode: episode.name, message: `the answer gives no percentage for ${missing} of ${sampled.length} frames; written with "progress": null` })
  if (answer.extra.length > 0) problems.push({ severity: 'warning', kind: 'gvl-frame-out-of-range', episode: episode.name, message: `the answer names frame(s) ${answer.extra.join(', ')} but only ${sampled.length} were shown` })
  const lines = gvlLines({ episode: episode.name, frames: sampled, order, answer, output, meta })
  await appendSerial(config.out, lines)
  return { requests: 1, lines: lines.length }
}
