/**
 * When the hashing worker may go on: nothing is fed to its decoder and no frame is hashed while paused (a
 * camera waits for a frame, frames/decodePriority.ts), so a pause takes effect within the samples queued in the
 * decoder and the one frame being hashed; and the decoder is fed only while its pipeline is short (few samples
 * queued, few frames decoded and not hashed yet: hashing a frame costs more than decoding it).
 */
export class FeedGate {
  private paused = false
  private waiting: (() => void)[] = []

  setPaused(paused: boolean): void {
    this.paused = paused
    if (!paused) this.changed()
  }

  /** Something the gate looks at changed: the decoder took a sample, a frame was hashed. */
  changed(): void {
    const waiting = this.waiting
    this.waiting = []
    for (const w of waiting) w()
  }

  /** Resolves when the next sample may be fed: not paused, and the pipeline not `full`. */
  async ready(full: () => boolean): Promise<void> {
    while (this.paused || full()) await this.next()
  }

  /** Resolves when not paused (the next decoded frame may be hashed). */
  async running(): Promise<void> {
    while (this.paused) await this.next()
  }

  private next(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve))
  }
}
