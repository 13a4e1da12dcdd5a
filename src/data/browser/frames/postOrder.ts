/**
 * The order in which a camera's decoding runs reach its decoder: the order they were planned, whichever read
 * finishes first (a continuation fed before the samples it continues would not decode). Bytes already in
 * memory, with nothing queued before them, go at once: a promise hop would let the rendering that the
 * playhead's move started (several ms) run before the decoder has its run.
 */
export class PostOrder {
  private chain: Promise<void> = Promise.resolve()
  /** Items in `chain` not sent yet, counted since the last `restart`. */
  private queued = 0
  private restarts = 0

  /**
   * Calls `send` with the bytes once they are read and everything added before was sent (at once when `now`
   * holds them and nothing waits), or `failed` if the read fails.
   */
  add(bytes: Promise<Uint8Array>, now: Uint8Array | undefined, send: (data: Uint8Array) => void, failed: (e: unknown) => void): void {
    if (this.queued === 0 && now !== undefined) {
      send(now)
      return
    }
    const restarts = this.restarts
    const done = () => {
      if (restarts === this.restarts) this.queued -= 1
    }
    this.queued += 1
    this.chain = this.chain.then(() => bytes).then(
      (data) => {
        done()
        send(data)
      },
      (e: unknown) => {
        done()
        failed(e)
      },
    )
  }

  /** A new order (the decoder was reset): what was added before no longer holds anything back. */
  restart(): void {
    this.chain = Promise.resolve()
    this.queued = 0
    this.restarts += 1
  }
}
