/**
 * What one `proclens predict` run knows, and the part every protocol shares: an episode opened, its camera
 * chosen (ProcVLM's exo rule unless `--camera`), its frames sampled, and the metadata every output line carries.
 */
import type { Protocol } from '../../core/predict/runMeta'
import { runMeta } from '../../core/predict/runMeta'
import type { Problem } from '../../core/problems'
import type { Sampling } from '../../core/predict/sampling'
import { sampleFrames } from '../../core/predict/sampling'
import { referenceCamera } from '../../core/referenceCamera'
import type { CameraMedia, DatasetSource, EpisodeData } from '../../data/DatasetSource'
import type { ChatClientOptions } from '../../data/predict/chatClient'


export interface PredictConfig {
  dataset: string
  datasetName: string
  protocol: Protocol
  model: string
  out: string
  sampling: Sampling
  window: number
  concurrency: number
  seed: number
  maxTokens: number
  instruction: string | undefined
  camera: string | undefined
  client: ChatClientOptions
}

/** Prompt ids recorded in the output: which template the lines were asked with. */

export interface OpenedEpisode {
  episode: EpisodeData
  camera: CameraMedia
  /** Sampled frame indices, increasing. */
  sampled: number[]
  /** The instruction the model is given. */
  task: string
  /** The metadata every line of this episode carries. */
  meta: Record<string, unknown>
}

export async function openEpisode(source: DatasetSource, index: number, config: PredictConfig, problems: Problem[]): Promise<OpenedEpisode | undefined> {
  const episode = await source.loadEpisode(index)
  problems.push(...episode.problems.filter((p) => p.severity === 'error'))
  const keys = episode.cameras.map((c) => c.key)
  const key = config.camera ?? referenceCamera(keys, source.name)?.key
  const camera = episode.cameras.find((c) => c.key === key)
  if (camera === undefined) {
    problems.push({ severity: 'error', kind: 'no-camera', episode: episode.name, message: key === undefined ? 'the episode has no camera media' : `no camera '${key}'; the episode has ${keys.length === 0 ? 'none' : keys.join(', ')}` })
    return undefined
  }
  const frameCount = camera.kind === 'video' ? Math.min(camera.frames, episode.length) : Math.min(camera.paths.length, episode.length)
  const task = config.instruction ?? episode.task
  const meta = runMeta({
    model: config.model, protocol: config.protocol, sampling: config.sampling, window: config.window, seed: config.seed,
    instruction: task, dataset: config.datasetName, episode: episode.name, camera: camera.key,
  })
  return { episode, camera, sampled: sampleFrames(frameCount, config.sampling), task, meta }
}

/** The dataset-relative file a line names as its `video_path` (the first image of an image sequence). */
export const mediaPath = (camera: CameraMedia): string => (camera.kind === 'video' ? camera.path : (camera.paths[0] ?? camera.key))
