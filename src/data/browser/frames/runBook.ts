/**
 * The runs a WebCodecs source has posted to its decoder and not seen finish (webCodecsFrameSource.ts): which
 * frames each still owes. A flushed run ends with its `done`; an open one (no flush: the decoder goes on where
 * it stopped) ends when its last frame comes out.
 */
import type { DecodeRun } from './decodePlan'

export interface RunState {
  run: DecodeRun
  /** The run's frames not output yet. */
  frames: Set<number>
  cancelled: boolean
  /** Ends with a flush (its `done` settles it); otherwise it ends when its last frame is output. */
  flush: boolean
}

export class RunBook {
  private readonly runs = new Map<number, RunState>()
  private next = 1

  get size(): number {
    return this.runs.size
  }

  /** Books a run; returns its id (the `run` of its messages). */
  add(state: RunState): number {
    const id = this.next++
    this.runs.set(id, state)
    return id
  }

  get(id: number): RunState | undefined {
    return this.runs.get(id)
  }

  delete(id: number): void {
    this.runs.delete(id)
  }

  /** Whether a booked run will output `frame`. */
  has(frame: number): boolean {
    for (const r of this.runs.values()) if (r.frames.has(frame)) return true
    return false
  }

  /** Frames the booked runs still owe. */
  owed(): number {
    let n = 0
    for (const r of this.runs.values()) n += r.frames.size
    return n
  }

  /** Whether any booked run is open (ends with its last frame, not with a flush). */
  anyOpen(): boolean {
    for (const r of this.runs.values()) if (!r.flush) return true
    return false
  }

  /** Takes the open runs out of the book; returns the frames they still owed. */
  takeOpen(): Set<number> {
    const owed = new Set<number>()
    for (const [id, r] of this.runs) {
      if (r.flush) continue
      for (const f of r.frames) owed.add(f)
      this.runs.delete(id)
    }
    return owed
  }

  /** Marks every run cancelled (their pieces still being read are dropped) and empties the book. */
  cancelAll(): void {
    for (const r of this.runs.values()) r.cancelled = true
    this.runs.clear()
  }

  /** `frame` came out: returns whether an open run got its last frame with it (and left the book). */
  produced(frame: number): boolean {
    let finished = false
    for (const [id, r] of this.runs) {
      if (!r.frames.delete(frame) || r.flush || r.frames.size > 0) continue
      this.runs.delete(id)
      finished = true
    }
    return finished
  }
}
