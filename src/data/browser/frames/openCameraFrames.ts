/**
 * Picks how a camera's frames are produced: WebCodecs in a worker when the browser decodes the file's codec
 * (`VideoDecoder.isConfigSupported`), a `<video>` element with the half-frame seek rule when only the element
 * plays it, image files for image sequences, and otherwise a clear "cannot decode" with the re-encode command.
 */
import type { CameraMedia, DatasetSource, VideoMedia } from '../../DatasetSource'
import { reencodeCommand } from '../../media/codecs'
import type { Mp4Index } from '../../media/mp4Index'
import { sampleTime } from '../../media/mp4Index'
import type { DecoderPort } from './decoderProtocol'
import { inThreadDecoderPort } from './decoderCore'
import type { EpisodeFrameMap } from './frameMap'
import { mapEpisodeFrames } from './frameMap'
import type { FrameSource, UnsupportedCamera } from './frameSource'
import { ImageFrameSource } from './imageFrameSource'
import { VideoElementFrameSource } from './videoElementFrameSource'
import { WebCodecsFrameSource } from './webCodecsFrameSource'

export type CameraFrames =
  | { camera: string; ok: true; source: FrameSource }
  | { camera: string; ok: false; unsupported: UnsupportedCamera }

export interface OpenCameraOptions {
  /** Decoded-frame cache for this camera, in bytes. */
  budgetBytes: number
  /** Use the `<video>` fallback even where WebCodecs works (benchmarks, tests of the fallback). */
  decoder?: 'auto' | 'video-element'
}

/** A dedicated decoding worker, or a decoder on this thread where module workers are unavailable. */
export function createDecoderPort(): DecoderPort {
  try {
    return new Worker(new URL('./decoder.worker.ts', import.meta.url), { type: 'module', name: 'proclens-decoder' })
  } catch {
    return inThreadDecoderPort()
  }
}

/** The decoder configuration for a file, or `undefined` when WebCodecs cannot decode it here. */
export async function supportedDecoderConfig(index: Mp4Index): Promise<VideoDecoderConfig | undefined> {
  if (typeof VideoDecoder === 'undefined') return undefined
  // optimizeForLatency: a frame comes out with as few later samples fed as the codec allows (no frame-threading
  // delay), which is what a step or a jump waits for; the runs feed fewer samples past their end (docs/player.md).
  const base: VideoDecoderConfig = { codec: index.codecString, codedWidth: index.width, codedHeight: index.height, optimizeForLatency: true }
  if (index.decoderDescription !== undefined) base.description = index.decoderDescription
  // Software first: the cache holds hundreds of decoded frames, and hardware decoders stall when their small
  // pool of output frames is held; hardware only where software cannot decode the codec.
  for (const hardwareAcceleration of ['prefer-software', 'no-preference'] as const) {
    const config = { ...base, hardwareAcceleration }
    try {
      if ((await VideoDecoder.isConfigSupported(config)).supported === true) return config
    } catch {
      return undefined
    }
  }
  return undefined
}

function unsupported(media: VideoMedia, codecString: string, why: string): CameraFrames {
  const codec = media.codec === 'unknown' ? (codecString !== '' ? codecString : 'unknown') : media.codec
  const named = codec === 'unknown' ? 'this video codec' : `${codec.toUpperCase()} video`
  return {
    camera: media.key,
    ok: false,
    unsupported: {
      camera: media.key,
      codec,
      codecString,
      message: `${named} (${codecString !== '' ? codecString : 'codec unknown'}): ${why}`,
      command: reencodeCommand(media.path),
    },
  }
}

function frameTimes(index: Mp4Index, map: EpisodeFrameMap): Float64Array {
  const times = new Float64Array(map.frameCount)
  for (let k = 0; k < map.frameCount; k++) {
    const sample = index.samples[map.sampleOf[k] ?? 0]
    times[k] = sample === undefined ? 0 : sampleTime(index, sample)
  }
  return times
}

function canPlay(codecString: string): boolean {
  if (typeof document === 'undefined') return false
  const probe = document.createElement('video')
  return probe.canPlayType(codecString !== '' ? `video/mp4; codecs="${codecString}"` : 'video/mp4') !== ''
}

async function openVideo(dataset: DatasetSource, media: VideoMedia, options: OpenCameraOptions): Promise<CameraFrames> {
  let index: Mp4Index | undefined
  let indexError = ''
  try {
    index = await dataset.videoIndex(media.path)
  } catch (e) {
    indexError = e instanceof Error ? e.message : String(e)
  }
  const span = media.fromTimestamp !== undefined && media.toTimestamp !== undefined
    ? { from: media.fromTimestamp, to: media.toTimestamp } : undefined
  const map = index === undefined ? undefined : mapEpisodeFrames(index, span)
  const codecString = index?.codecString ?? media.codecString
  const width = index?.width ?? media.width
  const height = index?.height ?? media.height
  const aspect = media.displayHeight > 0 ? media.displayWidth / media.displayHeight : width / Math.max(1, height)
  if (index !== undefined && map !== undefined && options.decoder !== 'video-element') {
    const config = await supportedDecoderConfig(index)
    if (config !== undefined) {
      const port = createDecoderPort()
      const source = new WebCodecsFrameSource({
        camera: media.key, store: dataset.store, path: media.path, map, config, fps: index.fps > 0 ? index.fps : media.fps,
        width, height, aspect, budgetBytes: options.budgetBytes, port,
        // Spare decoders only where decoders get workers of their own: on this thread they would take the page's time.
        ...(typeof Worker === 'function' && port instanceof Worker ? { parkedPort: createDecoderPort } : {}),
      })
      return { camera: media.key, ok: true, source }
    }
  }
  const url = media.url ?? (await dataset.store.mediaUrl?.(media.path))
  if (url !== undefined && canPlay(codecString)) {
    const source = new VideoElementFrameSource({
      camera: media.key, url, fps: media.fps, frameCount: map?.frameCount ?? media.frames,
      ...(index !== undefined && map !== undefined ? { frameTimes: frameTimes(index, map) } : {}),
      ...(media.fromTimestamp !== undefined ? { spanStart: media.fromTimestamp } : {}),
      width, height, aspect, budgetBytes: options.budgetBytes,
    })
    return { camera: media.key, ok: true, source }
  }
  if (index === undefined && indexError !== '') return unsupported(media, codecString, `the file cannot be read (${indexError})`)
  return unsupported(media, codecString, 'this browser cannot decode it')
}

/** Opens one camera of an episode. Never rejects: a camera that cannot be shown says why. */
export async function openCameraFrames(dataset: DatasetSource, camera: CameraMedia, options: OpenCameraOptions & { fps: number }): Promise<CameraFrames> {
  if (camera.kind === 'images') {
    return { camera: camera.key, ok: true, source: new ImageFrameSource(dataset.store, camera, options) }
  }
  try {
    return await openVideo(dataset, camera, options)
  } catch (e) {
    return unsupported(camera, camera.codecString, e instanceof Error ? e.message : String(e))
  }
}
