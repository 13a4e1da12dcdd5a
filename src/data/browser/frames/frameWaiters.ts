/**
 * The callers waiting for frames of one camera: each waited frame is pinned in the cache (never evicted while
 * someone waits for it), and while any frame is waited for the page's decode priority is held, so background
 * decoding (hashing) yields to it (decodePriority.ts).
 */
import type { DecodePriority } from './decodePriority'

interface Waiter { resolve: () => void; reject: (e: unknown) => void }

export class FrameWaiters {
  private readonly lists = new Map<number, Waiter[]>()
  private release: (() => void) | undefined

  constructor(
    private readonly pins: { pin(frame: number): void; unpin(frame: number): void },
    private readonly priority: DecodePriority,
  ) {}

  has(frame: number): boolean {
    return this.lists.has(frame)
  }

  /** The waited frames, in the order the waits began. */
  frames(): number[] {
    return [...this.lists.keys()]
  }

  /** A wait for `frame`; `signal` aborting rejects it (and it stops counting). */
  add(frame: number, signal: AbortSignal | undefined, aborted: () => unknown): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject }
      const list = this.lists.get(frame) ?? []
      list.push(waiter)
      this.lists.set(frame, list)
      this.pins.pin(frame)
      signal?.addEventListener('abort', () => this.drop(frame, waiter, aborted()), { once: true })
      this.update()
    })
  }

  /** Every wait for `frame` resolves, or rejects with `error`. */
  settle(frame: number, error?: unknown): void {
    const list = this.lists.get(frame)
    if (list === undefined) return
    this.remove(frame)
    for (const w of list) {
      if (error === undefined) w.resolve()
      else w.reject(error)
    }
  }

  /** Every wait rejects with `reason` (the source is disposed or failed). */
  rejectAll(reason: unknown): void {
    for (const frame of this.frames()) this.settle(frame, reason)
  }

  private drop(frame: number, waiter: Waiter, reason: unknown): void {
    const list = this.lists.get(frame)
    const i = list?.indexOf(waiter) ?? -1
    if (list === undefined || i < 0) return
    list.splice(i, 1)
    if (list.length === 0) this.remove(frame)
    waiter.reject(reason)
  }

  private remove(frame: number): void {
    this.lists.delete(frame)
    this.pins.unpin(frame)
    this.update()
  }

  private update(): void {
    if (this.lists.size > 0) this.release ??= this.priority.hold()
    else {
      this.release?.()
      this.release = undefined
    }
  }
}
