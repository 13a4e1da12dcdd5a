/**
 * Frames of an mp4 decoded with WebCodecs, in a dedicated worker. The sample table (Mp4Index) says where each
 * coded sample is; decodePlan.ts decides which samples to decode from what is cached; decoded frames stay in
 * a byte-bounded cache around the playhead, so stepping either way is mostly a cache hit and a GOP is decoded
 * once, not once per step.
 */
import type { FileStore } from '../../fileStore'
import { BlockReader } from './blockReader'
import type { DecodeRun } from './decodePlan'
import { framesOfRun, planDecode } from './decodePlan'
import type { DecoderPort, FromDecoder, WireSample } from './decoderProtocol'
import { FrameCache } from './frameCache'
import type { EpisodeFrameMap } from './frameMap'
import type { FrameSource, FrameSourceStats } from './frameSource'
import { abortError, closeFrame, frameBytes } from './frameSource'
import type { Motion } from './prefetchWindow'
import { PAUSED, prefetchOrder, windowFor } from './prefetchWindow'

/** Runs queued at the decoder at once: one decoding while the next one's bytes are read. */
const MAX_RUNS_IN_FLIGHT = 2
/** Decoder errors in a row before the source gives up. */
const MAX_ERRORS = 3

export interface WebCodecsSourceOptions {
  camera: string
  store: FileStore
  path: string
  map: EpisodeFrameMap
  config: VideoDecoderConfig
  fps: number
  /** Frame size, for the canvas and for the cache's frames-per-budget estimate. */
  width: number
  height: number
  aspect: number
  budgetBytes: number
  port: DecoderPort
}

interface Waiter {
  resolve: () => void
  reject: (e: unknown) => void
}

interface RunState {
  run: DecodeRun
  frames: Set<number>
  cancelled: boolean
}

export class WebCodecsFrameSource implements FrameSource {
  readonly kind = 'webcodecs' as const
  readonly camera: string
  readonly frameCount: number
  readonly width: number
  readonly height: number
  readonly aspect: number
  private readonly map: EpisodeFrameMap
  private readonly fps: number
  private readonly port: DecoderPort
  private readonly reader: BlockReader
  private readonly cache: FrameCache<VideoFrame>
  private readonly runs = new Map<number, RunState>()
  private readonly waiters = new Map<number, Waiter[]>()
  /** Frames a finished run should have produced and did not (a broken sample): never planned again. */
  private readonly unproducible = new Set<number>()
  private nextRun = 1
  private focus = 0
  private motion: Motion = PAUSED
  private errors = 0
  private failure: Error | undefined
  private disposed = false
  private counters = { decoded: 0, runs: 0, cancelled: 0 }

  constructor(options: WebCodecsSourceOptions) {
    this.camera = options.camera
    this.map = options.map
    this.frameCount = options.map.frameCount
    this.fps = options.fps
    this.width = options.width
    this.height = options.height
    this.aspect = options.aspect
    this.port = options.port
    this.reader = new BlockReader(options.store, options.path)
    this.cache = new FrameCache<VideoFrame>(options.budgetBytes, { bytes: frameBytes, close: closeFrame })
    this.port.onmessage = (e) => this.receive(e.data)
    this.port.postMessage({ type: 'configure', config: options.config })
  }

  peek(frame: number): VideoFrame | undefined {
    return this.cache.get(frame)
  }

  load(frame: number, signal?: AbortSignal): Promise<void> {
    if (this.cache.has(frame)) return Promise.resolve()
    if (this.disposed) return Promise.reject(abortError())
    if (this.failure !== undefined) return Promise.reject(this.failure)
    if (frame < 0 || frame >= this.frameCount) {
      return Promise.reject(new Error(`${this.camera}: no frame ${frame} (the video has ${this.frameCount})`))
    }
    if (this.unproducible.has(frame)) return Promise.reject(new Error(`${this.camera}: the decoder produced no image for frame ${frame}`))
    if (signal?.aborted === true) return Promise.reject(abortError())
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject }
      const list = this.waiters.get(frame) ?? []
      list.push(waiter)
      this.waiters.set(frame, list)
      this.cache.pin(frame)
      signal?.addEventListener('abort', () => this.dropWaiter(frame, waiter, abortError()), { once: true })
      this.schedule()
    })
  }

  setPlayhead(frame: number, motion: Motion): void {
    this.focus = frame
    this.motion = motion
    this.cache.setFocus(frame, motion.playing ? motion.direction : 0)
    this.schedule()
  }

  setBudget(bytes: number): void {
    this.cache.setBudget(bytes)
  }

  stats(): FrameSourceStats {
    return {
      cachedFrames: this.cache.size,
      cachedBytes: this.cache.bytes,
      budgetBytes: this.cache.budgetBytes,
      ...this.counters,
    }
  }

  /** Frames in the cache (tests and the debug overlay). */
  cachedFrames(): number[] {
    return this.cache.frames()
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.port.onmessage = null
    this.port.postMessage({ type: 'close' })
    this.port.terminate()
    this.cache.clear()
    for (const [frame, list] of this.waiters) for (const w of list) this.dropWaiter(frame, w, abortError())
  }

  private dropWaiter(frame: number, waiter: Waiter, reason: unknown): void {
    const list = this.waiters.get(frame)
    if (list === undefined) return
    const i = list.indexOf(waiter)
    if (i < 0) return
    list.splice(i, 1)
    if (list.length === 0) {
      this.waiters.delete(frame)
      this.cache.unpin(frame)
    }
    waiter.reject(reason)
  }

  private settle(frame: number, error?: unknown): void {
    const list = this.waiters.get(frame)
    if (list === undefined) return
    this.waiters.delete(frame)
    this.cache.unpin(frame)
    for (const w of list) {
      if (error === undefined) w.resolve()
      else w.reject(error)
    }
  }

  private inFlight(frame: number): boolean {
    for (const r of this.runs.values()) if (r.frames.has(frame)) return true
    return false
  }

  /** How many frames the budget holds: the prefetch window never asks for more (or it would decode forever). */
  private framesThatFit(): number {
    const perFrame = Math.max(1, this.width * this.height * 1.5)
    return Math.max(2, Math.floor((this.cache.budgetBytes * 0.8) / perFrame))
  }

  private schedule(): void {
    if (this.disposed || this.failure !== undefined) return
    const isReady = (f: number) => this.cache.has(f) || this.inFlight(f) || this.unproducible.has(f)
    const urgent = [...this.waiters.keys()].reverse()
    // Someone waits for a frame no queued run will produce: the queued work is stale (the playhead jumped).
    if (urgent.some((f) => !isReady(f)) && this.runs.size > 0) this.cancelRuns()
    const size = windowFor(this.motion, this.fps)
    const fit = this.framesThatFit()
    const ahead = Math.min(size.ahead, Math.floor(fit * 0.75))
    const behind = Math.min(size.behind, Math.max(0, fit - ahead - 1))
    const wanted = urgent.concat(prefetchOrder(this.focus, this.motion, { ahead, behind }, this.frameCount))
    while (this.runs.size < MAX_RUNS_IN_FLIGHT) {
      const run = planDecode({ map: this.map, wanted, isReady })
      if (run === undefined) return
      this.start(run)
    }
  }

  private cancelRuns(): void {
    for (const r of this.runs.values()) r.cancelled = true
    this.runs.clear()
    this.counters.cancelled += 1
    this.port.postMessage({ type: 'reset' })
  }

  private start(run: DecodeRun): void {
    const id = this.nextRun++
    const state: RunState = { run, frames: new Set(framesOfRun(this.map, run)), cancelled: false }
    this.runs.set(id, state)
    this.counters.runs += 1
    const { offset, size, isSync, frameOfSample } = this.map
    let lo = Infinity
    let hi = 0
    for (let s = run.first; s <= run.last; s++) {
      lo = Math.min(lo, offset[s] ?? 0)
      hi = Math.max(hi, (offset[s] ?? 0) + (size[s] ?? 0))
    }
    this.reader.read(lo, hi).then(
      (bytes) => {
        if (state.cancelled || this.disposed) return
        const samples: WireSample[] = []
        for (let s = run.first; s <= run.last; s++) {
          const f = frameOfSample[s] ?? -1
          samples.push({ start: (offset[s] ?? 0) - lo, size: size[s] ?? 0, timestamp: f >= 0 ? f : -1 - s, key: isSync[s] === 1 })
        }
        this.port.postMessage({ type: 'run', run: id, buffer: bytes.buffer as ArrayBuffer, samples }, [bytes.buffer as ArrayBuffer])
      },
      (e: unknown) => {
        if (state.cancelled || this.disposed) return
        this.runs.delete(id)
        this.fail(e instanceof Error ? e : new Error(String(e)))
      },
    )
  }

  private receive(message: FromDecoder): void {
    switch (message.type) {
      case 'frame': {
        const frame = message.frame
        if (this.disposed) {
          frame.close()
          return
        }
        const k = frame.timestamp
        this.counters.decoded += 1
        this.errors = 0
        this.cache.put(k, frame)
        this.settle(k)
        return
      }
      case 'done': {
        const state = this.runs.get(message.run)
        if (state === undefined) return
        this.runs.delete(message.run)
        if (!message.aborted) {
          for (const f of state.frames) {
            if (this.cache.has(f) || this.inFlight(f)) continue
            // Frames the cache declined are normal; a frame someone waits for (pinned) or the playhead's
            // own frame missing means the decoder could not produce it.
            if (this.waiters.has(f) || f === this.focus) {
              this.unproducible.add(f)
              this.settle(f, new Error(`${this.camera}: the decoder produced no image for frame ${f}`))
            }
          }
        }
        this.schedule()
        return
      }
      case 'error': {
        this.errors += 1
        this.counters.cancelled += this.runs.size > 0 ? 1 : 0
        for (const r of this.runs.values()) r.cancelled = true
        this.runs.clear()
        if (this.errors >= MAX_ERRORS) this.fail(new Error(`${this.camera}: decoding failed: ${message.message}`))
        else this.schedule()
        return
      }
    }
  }

  private fail(error: Error): void {
    this.failure = error
    for (const frame of [...this.waiters.keys()]) this.settle(frame, error)
  }
}
