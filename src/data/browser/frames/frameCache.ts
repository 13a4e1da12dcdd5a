/**
 * Decoded frames of one camera, bounded in bytes. When a frame does not fit, the frame that is least useful
 * goes: the one farthest from the playhead, with frames behind the direction of play counted double while
 * playing. Evicted frames are closed at once (a `VideoFrame` holds decoder memory until `close()`).
 */

export interface CacheOps<T> {
  /** Memory the value holds, in bytes. */
  bytes(value: T): number
  /** Releases the value; called exactly once, when the cache drops it. */
  close(value: T): void
}

interface Entry<T> {
  value: T
  bytes: number
}

export class FrameCache<T> {
  private readonly entries = new Map<number, Entry<T>>()
  private total = 0
  private focus = 0
  private direction: -1 | 0 | 1 = 0
  private behindCost = 2
  private readonly pinned = new Set<number>()

  constructor(
    private budget: number,
    private readonly ops: CacheOps<T>,
  ) {}

  get bytes(): number {
    return this.total
  }

  get size(): number {
    return this.entries.size
  }

  get budgetBytes(): number {
    return this.budget
  }

  has(frame: number): boolean {
    return this.entries.has(frame)
  }

  /** The cached value; it stays valid until the next `put`, `setFocus`, `setBudget` or `clear`. */
  get(frame: number): T | undefined {
    return this.entries.get(frame)?.value
  }

  frames(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b)
  }

  /** Frames someone waits for: never evicted (the playhead frame never is either). */
  pin(frame: number): void {
    this.pinned.add(frame)
  }

  unpin(frame: number): void {
    this.pinned.delete(frame)
  }

  /**
   * Moves the playhead. `direction` 0 counts distance the same both ways; otherwise a frame behind costs
   * `behindCost` times a frame as far ahead (the prefetch window's shape: playing keeps little behind, paused
   * after a step keeps more ahead when the budget is short). Frames that no longer fit are evicted.
   */
  setFocus(frame: number, direction: -1 | 0 | 1, behindCost = 2): void {
    this.focus = frame
    this.direction = direction
    this.behindCost = behindCost
    this.evict(undefined)
  }

  setBudget(bytes: number): void {
    this.budget = bytes
    this.evict(undefined)
  }

  /**
   * Offers a decoded frame. Returns `false` when the cache did not keep it (it would be the first to go); the
   * value is then already closed. A frame already cached is replaced.
   */
  put(frame: number, value: T): boolean {
    const old = this.entries.get(frame)
    if (old !== undefined) {
      this.entries.delete(frame)
      this.total -= old.bytes
      if (old.value !== value) this.ops.close(old.value)
    }
    const bytes = this.ops.bytes(value)
    this.entries.set(frame, { value, bytes })
    this.total += bytes
    return this.evict(frame)
  }

  /** Closes and forgets one frame (pinned or not). */
  drop(frame: number): void {
    const e = this.entries.get(frame)
    if (e === undefined) return
    this.entries.delete(frame)
    this.total -= e.bytes
    this.ops.close(e.value)
  }

  /** Closes every frame. */
  clear(): void {
    for (const e of this.entries.values()) this.ops.close(e.value)
    this.entries.clear()
    this.total = 0
  }

  /** How much a frame is worth dropping: higher goes first. */
  cost(frame: number): number {
    const d = frame - this.focus
    if (this.direction === 0) return Math.abs(d)
    const along = d * this.direction
    return along >= 0 ? along : -this.behindCost * along
  }

  /** Evicts until within budget; returns whether `added` (if given) survived. */
  private evict(added: number | undefined): boolean {
    let kept = true
    while (this.total > this.budget) {
      let worst: number | undefined
      let worstCost = -1
      for (const frame of this.entries.keys()) {
        if (frame === this.focus || this.pinned.has(frame)) continue
        const c = this.cost(frame)
        // Ties: drop the newcomer rather than a frame already there (no churn at the window's edge).
        if (c > worstCost || (c === worstCost && frame === added)) {
          worst = frame
          worstCost = c
        }
      }
      if (worst === undefined) break
      const e = this.entries.get(worst)
      if (e === undefined) break
      this.entries.delete(worst)
      this.total -= e.bytes
      this.ops.close(e.value)
      if (worst === added) kept = false
    }
    return kept
  }
}
