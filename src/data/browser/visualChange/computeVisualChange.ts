/**
 * The visual change of one camera of an episode: every frame's pHash, computed in a worker from decoded frames
 * (hashProtocol.ts). From the hashes come the similarities ProcVLM's progress target spreads budgets by, and
 * the timeline's waveform (`1 - similarity` per frame). Video samples are read in order, a chunk at a time,
 * and the worker is never more than a few chunks ahead of the hashes it has sent back, so memory stays flat
 * on a 20,000-frame episode.
 */
import type { HashedFrame } from '@/core/similarities'
import type { CameraMedia, DatasetSource } from '../../DatasetSource'
import type { Mp4Index } from '../../media/mp4Index'
import { BlockReader } from '../frames/blockReader'
import type { WireSample } from '../frames/decoderProtocol'
import type { EpisodeFrameMap } from '../frames/frameMap'
import { keyBefore, mapEpisodeFrames } from '../frames/frameMap'
import { acquireReader, readsWhole } from '../frames/sharedReaders'
import { supportedDecoderConfig } from '../frames/openCameraFrames'
import type { DecodePriority } from '../frames/decodePriority'
import { decodePriority, whenIdle } from '../frames/decodePriority'
import type { FromHasher, ToHasher } from './hashProtocol'
import { NO_HASH } from './hashProtocol'

/** Bumped whenever the hashing changes, so that cached results are computed again. */
export const HASH_METHOD = 2

export interface FrameHashes {
  camera: string
  /** One per frame of the episode: the pHash (16 hex digits) and size, or no hash where it failed. */
  frames: HashedFrame[]
}

export interface ComputeOptions {
  source: DatasetSource
  camera: CameraMedia
  /** The episode's frame count (frames past the camera's own count stay unhashed). */
  frameCount: number
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** Hashing pauses while it is busy: a camera waits for a frame (default: the page's). */
  priority?: DecodePriority
}

/** Samples per chunk sent to the worker (rounded up to the next key frame), and chunks it may be behind. */
const CHUNK_SAMPLES = 120
const CHUNKS_AHEAD = 2

interface HasherPort {
  postMessage(message: ToHasher, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<FromHasher>) => void) | null
  terminate(): void
}

function createHasher(): HasherPort {
  return new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'proclens-visual-change' })
}

function abortError(): DOMException {
  return new DOMException('The visual change computation was cancelled', 'AbortError')
}

/** Collects the worker's hashes; `whenAcked` resolves once the worker is at most `n` chunks behind. */
class Collector {
  readonly frames: HashedFrame[]
  private hashed = 0
  private acked = 0
  sent = 0
  private waiters: { n: number; resolve: () => void }[] = []
  private finished: { resolve: () => void; reject: (e: Error) => void } | undefined
  private error: Error | undefined
  private ended = false

  constructor(frameCount: number, private readonly onProgress?: (done: number, total: number) => void) {
    this.frames = Array.from({ length: frameCount }, () => ({ phash: undefined, width: 0, height: 0 }))
  }

  receive(message: FromHasher): void {
    switch (message.type) {
      case 'hashed':
        message.frames.forEach((f, i) => {
          if (f < 0 || f >= this.frames.length) return
          const phash = message.hashes[i]
          this.frames[f] = { phash: phash === NO_HASH ? undefined : phash, width: message.widths[i] ?? 0, height: message.heights[i] ?? 0 }
        })
        this.hashed += message.frames.length
        this.onProgress?.(Math.min(this.hashed, this.frames.length), this.frames.length)
        return
      case 'chunk':
        this.acked = message.chunk + 1
        this.wake()
        return
      case 'done':
        this.ended = true
        this.finished?.resolve()
        return
      case 'error':
        this.stop(new Error(message.message))
        return
    }
  }

  /** Fail everything waiting (a worker error, or the caller gave up). */
  stop(error: Error): void {
    this.error ??= error
    this.finished?.reject(this.error)
    for (const w of this.waiters) w.resolve()
    this.waiters = []
  }

  private wake(): void {
    this.waiters = this.waiters.filter((w) => (this.sent - this.acked <= w.n ? (w.resolve(), false) : true))
  }

  whenAcked(n: number): Promise<void> {
    if (this.error !== undefined || this.sent - this.acked <= n) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ n, resolve }))
  }

  whenDone(): Promise<void> {
    if (this.error !== undefined) return Promise.reject(this.error)
    if (this.ended) return Promise.resolve()
    return new Promise((resolve, reject) => { this.finished = { resolve, reject } })
  }

  check(signal?: AbortSignal): void {
    if (signal?.aborted === true) throw abortError()
    if (this.error !== undefined) throw this.error
  }
}

/** Decode-order chunks of about CHUNK_SAMPLES samples, each starting at a key frame (the worker flushes each). */
function chunksOf(map: ReturnType<typeof mapEpisodeFrames>, first: number): [number, number][] {
  const chunks: [number, number][] = []
  let start = first
  for (let s = first + 1; s <= map.lastSample + 1; s++) {
    const end = s > map.lastSample
    if (end || (s - start >= CHUNK_SAMPLES && map.isSync[s] === 1)) {
      chunks.push([start, s - 1])
      start = s
    }
  }
  return chunks
}

async function feedVideo(options: ComputeOptions, media: Extract<CameraMedia, { kind: 'video' }>, port: HasherPort, collector: Collector): Promise<void> {
  const { source } = options
  const index: Mp4Index = await source.videoIndex(media.path)
  const config = await supportedDecoderConfig(index)
  if (config === undefined) throw new Error(`${media.key}: this browser cannot decode ${index.codecString} with WebCodecs, so its frames cannot be hashed here (proclens progress --dataset hashes them with ffmpeg)`)
  const span = media.fromTimestamp !== undefined && media.toTimestamp !== undefined ? { from: media.fromTimestamp, to: media.toTimestamp } : undefined
  const map = mapEpisodeFrames(index, span)
  port.postMessage({ type: 'video', config })
  // A file the camera's frame source reads whole anyway is read once for both (sharedReaders.ts); a larger one
  // through a reader of its own, or hashing it from start to end would push the playhead's blocks out.
  const shared = readsWhole(map) ? acquireReader(source.store, media.path) : undefined
  try {
    await feedChunks({ options, map, reader: shared?.reader ?? new BlockReader(source.store, media.path), port, collector })
  } finally {
    shared?.release()
  }
}

interface Feed {
  options: ComputeOptions
  map: EpisodeFrameMap
  reader: BlockReader
  port: HasherPort
  collector: Collector
}

async function feedChunks({ options, map, reader, port, collector }: Feed): Promise<void> {
  const { signal } = options
  for (const [first, last] of chunksOf(map, keyBefore(map, map.sampleOf[0] ?? 0))) {
    // Reading a chunk takes the main thread (a fetch, a copy) while a camera waits for its frame: not then.
    await whenIdle(options.priority ?? decodePriority)
    collector.check(signal)
    let lo = Infinity
    let hi = 0
    for (let k = first; k <= last; k++) {
      lo = Math.min(lo, map.offset[k] ?? 0)
      hi = Math.max(hi, (map.offset[k] ?? 0) + (map.size[k] ?? 0))
    }
    const bytes = await reader.read(lo, hi)
    const samples: WireSample[] = []
    for (let k = first; k <= last; k++) {
      const f = map.frameOfSample[k] ?? -1
      samples.push({ start: (map.offset[k] ?? 0) - lo, size: map.size[k] ?? 0, timestamp: f >= 0 ? f : -1 - k, key: map.isSync[k] === 1 })
    }
    port.postMessage({ type: 'samples', chunk: collector.sent++, buffer: bytes.buffer as ArrayBuffer, samples }, [bytes.buffer as ArrayBuffer])
    await collector.whenAcked(CHUNKS_AHEAD)
  }
}

async function feedImages(options: ComputeOptions, media: Extract<CameraMedia, { kind: 'images' }>, port: HasherPort, collector: Collector): Promise<void> {
  const paths = media.paths.slice(0, collector.frames.length)
  for (const [frame, path] of paths.entries()) {
    await whenIdle(options.priority ?? decodePriority)
    collector.check(options.signal)
    let bytes: Uint8Array
    try {
      bytes = await options.source.store.readBytes(path)
    } catch {
      continue // An unreadable image stays unhashed (similarity 1.0), as a frame that fails to decode.
    }
    port.postMessage({ type: 'image', chunk: collector.sent++, frame, bytes: bytes.buffer as ArrayBuffer }, [bytes.buffer as ArrayBuffer])
    await collector.whenAcked(16)
  }
}

/** Hashes every frame of `camera`; rejects with an AbortError when `signal` aborts. */
export async function computeVisualChange(options: ComputeOptions): Promise<FrameHashes> {
  const port = createHasher()
  const collector = new Collector(options.frameCount, options.onProgress)
  port.onmessage = (event) => collector.receive(event.data)
  const abort = () => {
    port.terminate()
    collector.stop(abortError())
  }
  options.signal?.addEventListener('abort', abort, { once: true })
  // The player's waits come first: the worker stops feeding its decoder while a camera waits for a frame.
  const priority = options.priority ?? decodePriority
  if (priority.busy) port.postMessage({ type: 'pause', paused: true })
  const unsubscribe = priority.subscribe((paused) => port.postMessage({ type: 'pause', paused }))
  try {
    if (options.camera.kind === 'video') await feedVideo(options, options.camera, port, collector)
    else await feedImages(options, options.camera, port, collector)
    collector.check(options.signal)
    port.postMessage({ type: 'end' })
    await collector.whenDone()
    collector.check(options.signal)
    return { camera: options.camera.key, frames: collector.frames }
  } finally {
    options.signal?.removeEventListener('abort', abort)
    unsubscribe()
    port.terminate()
  }
}
