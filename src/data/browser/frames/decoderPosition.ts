/**
 * Where an open decoder is. The WebCodecs source flushes its decoder only at the end of the episode's samples
 * (a flush makes the next sample a key frame), so a run may continue where the last one stopped. That needs
 * the last sample fed (the cursor), the frames the decoder still holds back for reordering (fed past a run's
 * end so that the run's own frames come out), and how many samples that takes: the decoder's output delay,
 * learnt from when each frame comes out.
 */
import type { WireSample } from './decoderProtocol'
import type { EpisodeFrameMap } from './frameMap'
import { keyBefore } from './frameMap'

/** The most samples a run feeds past its last one. */
const MAX_TAIL = 24

export class DecoderPosition {
  /** Decode-order sample fed last without a flush; undefined when the next sample must be a key frame. */
  cursor: number | undefined
  /** Frames of samples fed past a run's end that have not come out yet. */
  readonly held = new Set<number>()
  /** Chunks posted since the decoder last started afresh, and each unreturned frame's place among them. */
  private chunks = 0
  private readonly place = new Map<number, number>()

  /**
   * @param tail samples to feed past a run's last one so the decoder outputs all of the run's frames, until a
   *   longer delay is seen (then raised to it, up to 24).
   */
  constructor(private readonly map: EpisodeFrameMap, public tail: number) {}

  /** The decoder was reset, failed or flushed: its next sample must be a key frame. */
  close(): void {
    this.cursor = undefined
    this.held.clear()
    this.chunks = 0
    this.place.clear()
  }

  /**
   * The decoder is now one fed up to `cursor` elsewhere (a parked decoder, parkedDecoder.ts), `chunks` chunks
   * since it started, none of whose frames anyone waits for.
   */
  adopt(cursor: number, chunks: number): void {
    this.close()
    this.cursor = cursor
    this.chunks = chunks
  }

  /**
   * A run of `first..last` is fed up to `sent` (flushed or not): returns the held frames that come out with
   * it (a continuation feeds at least `tail` samples more; a run from a key frame leaves them to the
   * decoder, and they are planned again when wanted), and notes the tail frames it leaves held.
   */
  feed(first: number, sent: number, flush: boolean, tailFrames: readonly number[]): number[] {
    const comes = this.cursor !== undefined && first === this.cursor + 1 ? [...this.held] : []
    this.held.clear()
    if (!flush) for (const f of tailFrames) this.held.add(f)
    this.cursor = flush ? undefined : sent
    return comes
  }

  /** Samples handed to the decoder, in the order it gets them. */
  posted(samples: readonly WireSample[]): void {
    for (const s of samples) {
      this.chunks += 1
      if (s.timestamp >= 0) this.place.set(s.timestamp, this.chunks)
    }
  }

  /**
   * Frame `frame` came out once the decoder had taken `consumed` chunks: the delay it shows raises `tail`.
   * Returns whether it did (the runs fed with the shorter tail then need more samples to come out whole).
   */
  out(frame: number, consumed: number): boolean {
    const at = this.place.get(frame)
    const before = this.tail
    if (at !== undefined) {
      this.place.delete(frame)
      this.tail = Math.min(MAX_TAIL, Math.max(this.tail, consumed - at + 1))
    }
    this.held.delete(frame)
    return this.tail > before
  }

  /**
   * Whether going on from the cursor produces `frame`, more cheaply than starting again at its key frame
   * with `queued` frames still ahead of it in the decoder (a prefetch far ahead of an old playhead, say).
   */
  reaches(frame: number, queued: number): boolean {
    if (this.cursor === undefined) return false
    if (this.held.has(frame)) return true
    const sample = this.map.sampleOf[frame] ?? 0
    const key = keyBefore(this.map, sample)
    if (sample <= this.cursor || key > this.cursor) return false
    return queued + sample - this.cursor < sample - key
  }

  /** For the planner, when open. */
  open(): { cursor: number; holds: (frame: number) => boolean } | undefined {
    const { cursor, held } = this
    return cursor === undefined ? undefined : { cursor, holds: (f) => held.has(f) }
  }
}
