/**
 * `proclens predict` for the open episode, from the app: the same protocols, prompts, parsing and output lines
 * (`core/predict`), the same chat client (`data/predict/chatClient.ts`), with frames decoded by the player's
 * own decoders and encoded by the core's JPEG encoder. The output is the text of a predictions file, which the
 * app then keeps as a loaded prediction file. The API key is an argument, held by the caller in memory only.
 */
import { encodeJpeg } from '@/core/image/jpeg'
import { toBase64 } from '@/core/predict/base64'
import { gvlLines, gvlOrder, gvlRequest, parseGvlAnswer } from '@/core/predict/gvl'
import { parseProcvlmAnswer, procvlmLine, procvlmRequest } from '@/core/predict/procvlm'
import type { Protocol } from '@/core/predict/runMeta'
import { runMeta } from '@/core/predict/runMeta'
import type { Sampling } from '@/core/predict/sampling'
import { PROCVLM_WINDOW, sampleFrames, windowOf } from '@/core/predict/sampling'
import type { CameraMedia, DatasetSource, EpisodeData } from '../DatasetSource'
import { postChat } from '../predict/chatClient'
import { runPool } from '../predict/pool'
import { framePixels } from './frames/framePixels'
import { openCameraFrames } from './frames/openCameraFrames'
import { PAUSED } from './frames/prefetchWindow'

export interface BrowserPredictOptions {
  source: DatasetSource
  episode: EpisodeData
  camera: CameraMedia
  endpoint: string
  model: string
  apiKey: string | undefined
  protocol: Protocol
  sampling: Sampling
  instruction: string
  seed?: number
  concurrency?: number
  maxTokens?: number
  onProgress?: (done: number, total: number, phase: string) => void
  signal?: AbortSignal
}


/** Base64 JPEGs of `frames`, decoded in order by the player's decoders. */
async function jpegs(o: BrowserPredictOptions, frames: readonly number[]): Promise<Map<number, string>> {
  const opened = await openCameraFrames(o.source, o.camera, { fps: o.episode.fps, budgetBytes: 64 * 1024 * 1024 })
  if (!opened.ok) throw new Error(`${o.camera.key} cannot be decoded here: ${opened.unsupported.message}`)
  const decoder = opened.source
  const out = new Map<number, string>()
  try {
    for (const frame of [...new Set(frames)].sort((a, b) => a - b)) {
      decoder.setPlayhead(frame, PAUSED)
      await decoder.load(frame, o.signal)
      const image = decoder.peek(frame)
      if (image === undefined) throw new Error(`frame ${frame} of ${o.camera.key} was not kept after decoding`)
      out.set(frame, toBase64(encodeJpeg(framePixels(image, decoder.width, decoder.height))))
      o.onProgress?.(out.size, frames.length, 'frames')
    }
  } finally {
    decoder.dispose()
  }
  return out
}

/** The predictions file's text (JSON Lines) for the episode, and how many requests it took. */
export async function predictEpisode(o: BrowserPredictOptions): Promise<{ text: string; requests: number }> {
  const frameCount = o.camera.kind === 'video' ? Math.min(o.camera.frames, o.episode.length) : Math.min(o.camera.paths.length, o.episode.length)
  const sampled = sampleFrames(frameCount, o.sampling)
  const seed = o.seed ?? 0
  const meta = runMeta({
    model: o.model, protocol: o.protocol, sampling: o.sampling, window: PROCVLM_WINDOW, seed, instruction: o.instruction,
    dataset: o.source.name, episode: o.episode.name, camera: o.camera.key,
  })
  const client = { endpoint: o.endpoint, apiKey: o.apiKey, retries: 3, backoffMs: 1000, timeoutMs: 600_000 }
  const maxTokens = o.maxTokens ?? 4096
  const videoPath = o.camera.kind === 'video' ? o.camera.path : (o.camera.paths[0] ?? o.camera.key)
  if (o.protocol === 'gvl') {
    const images = await jpegs(o, sampled)
    const order = gvlOrder(sampled.length, seed, o.source.name, o.episode.name)
    o.onProgress?.(0, 1, 'requests')
    const output = await postChat(gvlRequest({ model: o.model, instruction: o.instruction, initialJpeg: images.get(sampled[0]!)!, shownJpegs: order.map((p) => images.get(sampled[p]!)!), maxTokens }), client)
    o.onProgress?.(1, 1, 'requests')
    const lines = gvlLines({ episode: o.episode.name, frames: sampled, order, answer: parseGvlAnswer(output, sampled.length), output, meta })
    return { text: lines.map((l) => `${JSON.stringify(l)}\n`).join(''), requests: 1 }
  }
  const windows = sampled.map((_, k) => windowOf(sampled, k, PROCVLM_WINDOW))
  const images = await jpegs(o, windows.flat())
  const outputs: string[] = []
  let done = 0
  await runPool(sampled.map((_, k) => k), o.concurrency ?? 4, async (k) => {
    if (o.signal?.aborted === true) throw new DOMException('cancelled', 'AbortError')
    outputs[k] = await postChat(procvlmRequest(o.model, o.instruction, windows[k]!.map((f) => images.get(f)!), maxTokens), client)
    o.onProgress?.(++done, sampled.length, 'requests')
  })
  // In sample order: ProcVLM's rule reuses the previous value where an answer does not parse.
  let previous = 0
  const text = sampled.map((frameIndex, k) => {
    const answer = parseProcvlmAnswer(outputs[k]!, previous)
    previous = answer.progress
    return `${JSON.stringify(procvlmLine({ videoPath, task: o.instruction, sampleIndex: k, frameIndex, fps: o.episode.fps, window: windows[k]! }, outputs[k]!, answer, meta))}\n`
  }).join('')
  return { text, requests: sampled.length }
}
