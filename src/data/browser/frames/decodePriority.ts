/**
 * Foreground decoding before background decoding, page-wide. While a camera waits for a frame (a step past what
 * is decoded, a click on the timeline), background work that decodes video (hashing the visual change of an
 * episode opened for the first time) stops feeding its decoder and hashing, and goes on once no camera waits. Three camera
 * decoders and a hashing decoder on two cores: a cold jump into a 200-frame GOP took about 1.5 times as long
 * while the episode was being hashed (docs/player.md, "Where the time goes").
 */
export interface DecodePriority {
  /** Someone waits for a frame until the returned release is called (calling it again does nothing). */
  hold(): () => void
  /**
   * Whether anyone waits, or the last wait ended in this task: the frames waited for are drawn in it (in
   * microtasks), and the work that yields to them must not share the cores with that drawing either.
   */
  readonly busy: boolean
  /** Called with `busy` whenever it changes; returns the unsubscribe. */
  subscribe(listener: (busy: boolean) => void): () => void
}

export function createDecodePriority(): DecodePriority {
  let holds = 0
  let busy = false
  let ending: ReturnType<typeof setTimeout> | undefined
  const listeners = new Set<(busy: boolean) => void>()
  const tell = (now: boolean) => {
    if (busy === now) return
    busy = now
    for (const l of [...listeners]) l(busy)
  }
  return {
    hold() {
      holds += 1
      clearTimeout(ending)
      ending = undefined
      tell(true)
      let released = false
      return () => {
        if (released) return
        released = true
        holds -= 1
        if (holds === 0) ending = setTimeout(() => tell(holds > 0), 0)
      }
    },
    get busy() {
      return busy
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
  }
}

/** Resolves once nobody waits (at once if nobody does). */
export function whenIdle(priority: DecodePriority): Promise<void> {
  if (!priority.busy) return Promise.resolve()
  return new Promise((resolve) => {
    const off = priority.subscribe((busy) => {
      if (busy) return
      off()
      resolve()
    })
  })
}

/** The page's: every camera source holds it while it waits, every hashing computation yields to it. */
export const decodePriority: DecodePriority = createDecodePriority()
