/**
 * The shared machinery of frame sources that produce one frame at a time as an ImageBitmap (the `<video>`
 * fallback, image sequences): waiters, a byte-bounded cache, and a queue that fetches the frames someone
 * waits for first, then the prefetch window around the playhead.
 */
import { FrameCache } from './frameCache'
import type { FrameSource, FrameSourceKind, FrameSourceStats } from './frameSource'
import { abortError, closeFrame, frameBytes } from './frameSource'
import type { Motion, WindowSize } from './prefetchWindow'
import { PAUSED, prefetchOrder } from './prefetchWindow'

interface Waiter {
  resolve: () => void
  reject: (e: unknown) => void
}

export interface QueuedSourceOptions {
  camera: string
  frameCount: number
  budgetBytes: number
  /** Frames fetched at the same time. */
  concurrency: number
  /** The prefetch window for a motion. */
  window: (motion: Motion) => WindowSize
}

export abstract class QueuedFrameSource implements FrameSource {
  abstract readonly kind: FrameSourceKind
  readonly camera: string
  readonly frameCount: number
  protected readonly cache: FrameCache<ImageBitmap>
  protected disposed = false
  private readonly waiters = new Map<number, Waiter[]>()
  private readonly fetching = new Set<number>()
  private readonly failed = new Map<number, Error>()
  private readonly options: QueuedSourceOptions
  private focus = 0
  private motion: Motion = PAUSED
  private counters = { decoded: 0, runs: 0, cancelled: 0 }

  constructor(options: QueuedSourceOptions) {
    this.options = options
    this.camera = options.camera
    this.frameCount = options.frameCount
    this.cache = new FrameCache<ImageBitmap>(options.budgetBytes, { bytes: frameBytes, close: closeFrame })
  }

  abstract get width(): number
  abstract get height(): number
  abstract get aspect(): number

  /** Produces frame k. Called at most `concurrency` times at once, never twice for the same frame at once. */
  protected abstract fetchFrame(frame: number): Promise<ImageBitmap>

  peek(frame: number): ImageBitmap | undefined {
    return this.cache.get(frame)
  }

  load(frame: number, signal?: AbortSignal): Promise<void> {
    if (this.cache.has(frame)) return Promise.resolve()
    if (this.disposed) return Promise.reject(abortError())
    if (frame < 0 || frame >= this.frameCount) {
      return Promise.reject(new Error(`${this.camera}: no frame ${frame} (the camera has ${this.frameCount})`))
    }
    const failure = this.failed.get(frame)
    if (failure !== undefined) return Promise.reject(failure)
    if (signal?.aborted === true) return Promise.reject(abortError())
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject }
      this.waiters.set(frame, [...(this.waiters.get(frame) ?? []), waiter])
      this.cache.pin(frame)
      signal?.addEventListener('abort', () => this.drop(frame, waiter), { once: true })
      this.pump()
    })
  }

  setPlayhead(frame: number, motion: Motion): void {
    this.focus = frame
    this.motion = motion
    this.cache.setFocus(frame, motion.playing ? motion.direction : 0)
    this.pump()
  }

  setBudget(bytes: number): void {
    this.cache.setBudget(bytes)
  }

  stats(): FrameSourceStats {
    return { cachedFrames: this.cache.size, cachedBytes: this.cache.bytes, budgetBytes: this.cache.budgetBytes, ...this.counters }
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.cache.clear()
    for (const [frame, list] of [...this.waiters]) for (const w of [...list]) this.drop(frame, w)
  }

  private drop(frame: number, waiter: Waiter): void {
    const list = this.waiters.get(frame)
    const i = list?.indexOf(waiter) ?? -1
    if (list === undefined || i < 0) return
    list.splice(i, 1)
    if (list.length === 0) {
      this.waiters.delete(frame)
      this.cache.unpin(frame)
    }
    waiter.reject(abortError())
  }

  private settle(frame: number, error?: unknown): void {
    const list = this.waiters.get(frame) ?? []
    this.waiters.delete(frame)
    this.cache.unpin(frame)
    for (const w of list) {
      if (error === undefined) w.resolve()
      else w.reject(error)
    }
  }

  private next(): number | undefined {
    const todo = (f: number) => !this.cache.has(f) && !this.fetching.has(f) && !this.failed.has(f)
    const urgent = [...this.waiters.keys()].reverse().find(todo)
    if (urgent !== undefined) return urgent
    // Prefetch only what the budget holds, or frames would be fetched, declined and fetched again forever.
    const perFrame = Math.max(1, this.width * this.height * 4)
    const fit = Math.max(2, Math.floor((this.cache.budgetBytes * 0.8) / perFrame))
    const size = this.options.window(this.motion)
    const ahead = Math.min(size.ahead, Math.floor(fit * 0.75))
    const behind = Math.min(size.behind, Math.max(0, fit - ahead - 1))
    return prefetchOrder(this.focus, this.motion, { ahead, behind }, this.frameCount).find(todo)
  }

  protected pump(): void {
    while (!this.disposed && this.fetching.size < this.options.concurrency) {
      const frame = this.next()
      if (frame === undefined) return
      this.fetching.add(frame)
      this.counters.runs += 1
      this.fetchFrame(frame).then(
        (bitmap) => {
          this.fetching.delete(frame)
          if (this.disposed) {
            bitmap.close()
            return
          }
          this.counters.decoded += 1
          this.cache.put(frame, bitmap)
          this.settle(frame)
          this.pump()
        },
        (e: unknown) => {
          this.fetching.delete(frame)
          if (this.disposed) return
          this.failed.set(frame, e instanceof Error ? e : new Error(String(e)))
          this.settle(frame, this.failed.get(frame))
          this.pump()
        },
      )
    }
  }
}
