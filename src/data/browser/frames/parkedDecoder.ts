/**
 * Decoders parked inside long GOPs. A click into a 200-frame GOP must decode every reference picture from the
 * key frame to its target; no player can skip that after the click (the decoding floor, docs/player.md). What
 * can be done is to decode part of it before the click: while the player is paused and idle, a camera feeds
 * one or two spare decoders the reference pictures of the playhead's GOP and the next one, up to the middle of
 * what its own decoder cannot reach cheaply, and keeps them open there. A click past where one stopped, in its
 * GOP, continues that decoder instead of starting at the key frame: the camera's decoder and the parked one
 * trade places (webCodecsFrameSource.ts), and the old one is parked again later.
 *
 * ```text
 *  decode order   K0 . . c . . . . . . . . . . . . K1 . . . . . . . . .     c: the camera's decoder
 *  stretches         [c ........... e0]            [K1 ........... e1]       (what a click would decode)
 *  parked at               p1 = middle                       p2 = middle     (each splits the longest)
 * ```
 * A parked decoder's frames are references only (timestamp `-1 - sample`, closed in its worker); disposable
 * H.264 pictures are left out. It is fed only while nothing else waits, a couple of samples more than it holds
 * back at a time, and one parked decoder of the page at a time (the turn), so a click finds at most a couple of
 * samples being decoded beside its own.
 */
import type { DecoderPort, FromDecoder, WireSample } from './decoderProtocol'
import { withoutUnasked } from './disposablePictures'
import type { EpisodeFrameMap } from './frameMap'
import { keyBefore, nextKey } from './frameMap'

/** Spare decoders per camera (each holds a decoder's reference pictures: a few frames of memory). */
export const PARKED_PER_CAMERA = 2
/** A stretch shorter than this many samples is not worth a decoder: a click there costs little anyway. */
export const MIN_PARK_STRETCH = 48
/** Samples per message, and fed beyond what the decoder holds back: what a click may find being decoded beside it. */
const PIECE = 2
/** Errors before a parked decoder is given up (it is only ever a shortcut). */
const MAX_ERRORS = 3

/** A place to park: decoding from the GOP's key frame `key` up to sample `stop`. */
/**
 * The page's parked decoders take turns: the one holding the turn is fed until it reaches its stop or may not
 * be fed; the others wait. Six decoders (three cameras) fed at once were still decoding up to 60 samples when
 * a click came: a 1280×720 click took 30 % longer.
 */
const turn: { holder: ParkedDecoder | undefined; waiting: Set<ParkedDecoder> } = { holder: undefined, waiting: new Set() }

function releaseTurn(d: ParkedDecoder): void {
  turn.waiting.delete(d)
  if (turn.holder !== d) return
  turn.holder = undefined
  for (const w of [...turn.waiting]) {
    turn.waiting.delete(w)
    w.pump()
    if (turn.holder !== undefined) return
  }
}

export interface ParkingStop {
  key: number
  stop: number
}

interface Stretch {
  key: number
  start: number
  end: number
}

/**
 * Where to park `count` decoders, given that the camera's own decoder reaches sample `from` cheaply: the stretch
 * from there to the end of its GOP, and the next GOP, are split at the middle of the longest stretch left,
 * while one is at least {@link MIN_PARK_STRETCH} samples.
 */
export function parkingStops(map: EpisodeFrameMap, from: number, count: number): ParkingStop[] {
  const key0 = keyBefore(map, from)
  const key1 = nextKey(map, from)
  const stretches: Stretch[] = [{ key: key0, start: from, end: Math.min(key1 - 1, map.lastSample) }]
  if (key1 <= map.lastSample) stretches.push({ key: key1, start: key1, end: Math.min(nextKey(map, key1) - 1, map.lastSample) })
  const stops: ParkingStop[] = []
  while (stops.length < count) {
    const longest = stretches.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a))
    if (longest.end - longest.start < MIN_PARK_STRETCH) break
    const stop = longest.start + Math.ceil((longest.end - longest.start) / 2)
    stops.push({ key: longest.key, stop })
    stretches.splice(stretches.indexOf(longest), 1, { ...longest, end: stop }, { ...longest, start: stop })
  }
  return stops
}

export interface ParkedDecoderOptions {
  map: EpisodeFrameMap
  port: DecoderPort
  config: VideoDecoderConfig
  /** The bytes of decode-order samples `from..to` and the samples as the worker reads them (the camera's reader). */
  read(from: number, to: number): { bytes: Promise<Uint8Array>; samples: WireSample[] }
  disposable: ((unit: Uint8Array) => boolean) | undefined
  /** Frames the decoder may hold back before one comes out (the camera's tail): fed this many more than came out. */
  lag(): number
  /** Whether it may be fed now (paused, nothing waited for, the camera's own decoder idle). */
  allowed(): boolean
  /** A message its port got that belongs to the camera: a bitmap converted before the trade. */
  stray(message: FromDecoder): void
}

/** The decoder a click takes over: its port, the last sample it was fed, and the chunks it was fed. */
export interface ParkedPosition {
  port: DecoderPort
  cursor: number
  chunks: number
}

export class ParkedDecoder {
  /** The GOP it decodes in, and the last sample fed; undefined before the first piece. */
  key: number | undefined
  cursor: number | undefined
  private port: DecoderPort
  private stop = -1
  private chunks = 0
  private passed = 0
  /** Chunks fed and not out yet once a frame came out: at least the frames the decoder holds back. */
  private holds: number | undefined
  private reading = false
  /** Bumped by a reset or a trade: a piece read for an older one is dropped. */
  private generation = 0
  private errors = 0

  constructor(private readonly options: ParkedDecoderOptions) {
    this.port = options.port
    this.listen()
    this.port.postMessage({ type: 'configure', config: options.config })
  }

  /** Decode in `target.key`'s GOP up to `target.stop`; another GOP starts afresh at its key frame. */
  park(target: ParkingStop): void {
    if (target.key !== this.key) {
      this.restart()
      this.port.postMessage({ type: 'reset' })
      this.key = target.key
    }
    this.stop = target.stop
  }

  /** Samples a click to decode-order sample `needed` decodes from here: infinite outside its GOP or behind it. */
  costTo(needed: number): number {
    const { cursor } = this
    if (cursor === undefined || this.errors >= MAX_ERRORS || needed <= cursor || keyBefore(this.options.map, needed) !== this.key) return Infinity
    return needed - cursor
  }

  /** Feeds the next piece when allowed and the decoder has caught up with what it was fed. */
  pump(): void {
    const { map } = this.options
    if (this.reading) return
    const from = this.cursor === undefined ? this.key : this.cursor + 1
    const to = from === undefined ? -1 : Math.min(this.stop, from + PIECE - 1, nextKey(map, this.key ?? from) - 1, map.lastSample)
    if (from === undefined || to < from || this.errors >= MAX_ERRORS || !this.options.allowed()) {
      releaseTurn(this)
      return
    }
    if (turn.holder !== undefined && turn.holder !== this) {
      turn.waiting.add(this)
      return
    }
    turn.holder = this
    // Until a frame comes out, the camera's tail: the same decoder fed the same stream, its delay measured.
    if (this.chunks - this.passed >= (this.holds ?? this.options.lag()) + PIECE) return
    const piece = this.options.read(from, to)
    const generation = this.generation
    this.reading = true
    piece.bytes.then((data) => {
      this.reading = false
      if (generation !== this.generation) return
      const unasked = new Set(piece.samples.map((s) => s.timestamp))
      const { samples } = withoutUnasked({ samples: piece.samples, data, unasked, disposable: this.options.disposable, map })
      this.cursor = to
      this.chunks += samples.length
      const buffer = data.buffer as ArrayBuffer
      if (samples.length > 0) this.port.postMessage({ type: 'run', run: -1, buffer, samples, flush: false, park: true }, [buffer])
      this.pump()
    }, () => {
      // A read that failed is the camera's to report when it needs those bytes; parking stops (for good after
      // three failures: a partly downloaded file).
      this.reading = false
      this.errors += 1
      releaseTurn(this)
    })
  }

  /**
   * Hands its decoder to the camera, which gives its own (reset) in exchange; undefined when nothing was fed.
   * The exchanged decoder is parked afresh when next asked to.
   */
  trade(port: DecoderPort): ParkedPosition | undefined {
    const { cursor } = this
    if (cursor === undefined) return undefined
    const taken = { port: this.port, cursor, chunks: this.chunks }
    releaseTurn(this)
    this.port = port
    this.listen()
    this.restart()
    this.key = undefined
    return taken
  }

  dispose(): void {
    releaseTurn(this)
    this.key = undefined
    this.generation += 1
    this.port.onmessage = null
    this.port.postMessage({ type: 'close' })
    this.port.terminate()
  }

  private restart(): void {
    this.generation += 1
    this.reading = false
    this.cursor = undefined
    this.chunks = 0
    this.passed = 0
  }

  private listen(): void {
    this.port.onmessage = (e) => this.receive(e.data)
  }

  private receive(message: FromDecoder): void {
    switch (message.type) {
      case 'passed':
        // One of an older GOP's (fed before a reset) says nothing of this one.
        if (this.key === undefined || this.cursor === undefined || message.sample < this.key || message.sample > this.cursor) return
        this.passed = Math.min(this.chunks, this.passed + 1)
        this.holds = Math.min(this.holds ?? Infinity, this.chunks - this.passed)
        this.pump()
        return
      case 'error':
        // Its position is lost with the decoder; the next `park` starts it again at a key frame.
        this.errors += 1
        this.restart()
        this.key = undefined
        releaseTurn(this)
        return
      case 'done':
        return
      default:
        this.options.stray(message)
    }
  }
}

/** What a camera gives its parked decoders: its options but the port, and how to make a port. */
export type ParkingCamera = Omit<ParkedDecoderOptions, 'port'> & { makePort(): DecoderPort }

/** A camera's parked decoders, made as the first stop needs them. */
export class ParkedDecoders {
  private readonly decoders: ParkedDecoder[] = []

  constructor(private readonly camera: ParkingCamera) {}

  /**
   * Trades the camera's decoder `port` for the parked decoder that reaches decode-order sample `needed` in fewer
   * samples than the camera's does: going on from `cursor` when it can (else from the key frame), if one does.
   */
  take(needed: number, cursor: number | undefined, port: DecoderPort): ParkedPosition | undefined {
    let cost = needed - (cursor ?? keyBefore(this.camera.map, needed))
    let best: ParkedDecoder | undefined
    for (const d of this.decoders) {
      const c = d.costTo(needed)
      if (c < cost) [best, cost] = [d, c]
    }
    return best?.trade(port)
  }

  /**
   * Parks them beyond what the camera's decoder reaches cheaply: sample `at` (the playhead's), or its `cursor`
   * when that is further on in the same GOP. A decoder already in a stop's GOP keeps its place and goes on to
   * the stop; the others start at their stop's key frame.
   */
  park(at: number, cursor: number | undefined): void {
    const { map } = this.camera
    const from = cursor !== undefined && cursor > at && keyBefore(map, cursor) === keyBefore(map, at) ? cursor : at
    const stops = parkingStops(map, from, PARKED_PER_CAMERA)
    while (this.decoders.length < stops.length) this.decoders.push(new ParkedDecoder({ ...this.camera, port: this.camera.makePort() }))
    const free = new Set(this.decoders)
    const left: ParkingStop[] = []
    for (const stop of stops) {
      const same = [...free].find((d) => d.key === stop.key)
      if (same === undefined) left.push(stop)
      else {
        free.delete(same)
        same.park(stop)
      }
    }
    const spare = [...free]
    left.forEach((stop, i) => spare[i]?.park(stop))
    for (const d of this.decoders) d.pump()
  }

  dispose(): void {
    for (const d of this.decoders) d.dispose()
    this.decoders.length = 0
  }
}
