/**
 * Frames of an mp4 decoded with WebCodecs, in a dedicated worker. The sample table (Mp4Index) says where each
 * coded sample is; decodePlan.ts decides which samples to decode from what is cached; decoded frames stay in
 * a byte-bounded cache around the playhead, so stepping either way is mostly a cache hit and a GOP is decoded
 * once, not once per step. The decoder is flushed only at the end of the episode's samples: a run may go on
 * where the last one stopped, so stepping forward through a long GOP never decodes from its key frame again.
 * The frames nearest the playhead are also kept as ImageBitmaps, converted in the decoder's worker, so a step
 * draws a bitmap (a copy) instead of converting YUV to RGB in `drawImage`.
 */
import type { FileStore } from '../../fileStore'
import { BlockReader } from './blockReader'
import type { SharedReader } from './sharedReaders'
import { acquireReader, readsWhole } from './sharedReaders'
import type { DecodeRun } from './decodePlan'
import { framesOfRun, MAX_RUN_SAMPLES, planDecode, reorderDepth, runEnd } from './decodePlan'
import type { DecoderPort, FromDecoder, WireSample } from './decoderProtocol'
import { wireSamples } from './decoderProtocol'
import { DecoderPosition } from './decoderPosition'
import type { DecodePriority } from './decodePriority'
import { decodePriority, whenIdle } from './decodePriority'
import { FrameWaiters } from './frameWaiters'
import { PostOrder } from './postOrder'
import { disposableCheck, unaskedSamples, withoutUnasked } from './disposablePictures'
import { FrameCache } from './frameCache'
import type { EpisodeFrameMap } from './frameMap'
import { episodeBytes, keyBefore } from './frameMap'
import type { FrameSource, FrameSourceStats } from './frameSource'
import { abortError, closeFrame, frameBytes } from './frameSource'
import type { Motion } from './prefetchWindow'
import { PAUSED, prefetchOrder, windowFor } from './prefetchWindow'
import { DisplayTier, splitBudget } from './displayTier'
import type { RunState } from './runBook'
import { RunBook } from './runBook'
import { ParkedDecoders } from './parkedDecoder'

/** Runs queued at the decoder at once: one decoding while the next one's bytes are read. */
const MAX_RUNS_IN_FLIGHT = 2
/** Decoder errors in a row before the source gives up. */
const MAX_ERRORS = 3
/**
 * An open decoder quiet this long while its runs miss frames is fed a few more samples (it held more back than
 * its tail pushed out), and after MAX_PUSHES such pushes flushed (a sample that decodes to nothing).
 */
const QUIET_MS = 150
const MAX_PUSHES = 3
/** Frames a frame-threaded decoder holds back before the delay is measured (Chromium: threads − 1). */
const ASSUMED_THREAD_DELAY = 2
/** Samples per message to the decoder: a long run is read and posted in pieces. */
const PIECE_SAMPLES = 24

/** One message's worth of a run: its bytes (being read), samples, flush, and frames nobody asked for. */
interface Piece {
  bytes: Promise<Uint8Array>
  /** The bytes, when they were in memory already. */
  now?: Uint8Array | undefined
  samples: WireSample[]
  flush?: boolean
  skippable?: ReadonlySet<number> | undefined
}

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
  /** Held while a frame is waited for, so background decoding yields (default: the page's). */
  priority?: DecodePriority
  /** Makes the spare decoders parked inside long GOPs while idle (parkedDecoder.ts); none without it. */
  parkedPort?: () => DecoderPort
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
  /** The camera's decoder: traded for a parked one when a click continues that (parkedDecoder.ts). */
  private port: DecoderPort
  private readonly parked: ParkedDecoders | undefined
  private readonly reader: BlockReader
  private readonly shared: SharedReader | undefined
  private readonly cache: FrameCache<VideoFrame>
  /** Frames converted to RGBA for drawing; a frame may be in both caches. */
  private readonly display: DisplayTier
  private readonly runs = new RunBook()
  private readonly waiters: FrameWaiters
  private readonly priority: DecodePriority
  private readonly unsubscribe: () => void
  /** A `prepareDisplay` is queued. */
  private displayQueued = false
  /** Frames a finished run should have produced and did not (a broken sample): never planned again. */
  private readonly unproducible = new Set<number>()
  /** Where the open decoder is (decoderPosition.ts). */
  private readonly decoder: DecoderPosition
  /** Runs are posted in the order they were planned, whichever read finishes first. */
  private readonly posting = new PostOrder()
  private quiet: ReturnType<typeof setTimeout> | undefined
  /** Pushes since the decoder last output a frame. */
  private pushes = 0
  /** Whether a sample is a disposable picture (H.264 non-reference), when the codec says. */
  private readonly disposable: ((unit: Uint8Array) => boolean) | undefined
  /** A `schedule` is queued (setPlayhead). */
  private scheduled = false
  private focus = 0
  private motion: Motion = PAUSED
  private errors = 0
  private failure: Error | undefined
  private disposed = false
  private counters = { decoded: 0, runs: 0, cancelled: 0, quietFlushes: 0, pushes: 0, skipped: 0, parked: 0 }

  constructor(options: WebCodecsSourceOptions) {
    this.camera = options.camera
    this.map = options.map
    this.frameCount = options.map.frameCount
    this.fps = options.fps
    this.width = options.width
    this.height = options.height
    this.aspect = options.aspect
    this.port = options.port
    // The file's blocks are shared with the visual change's hashing when the file is read whole anyway.
    this.shared = readsWhole(options.map) ? acquireReader(options.store, options.path) : undefined
    this.reader = this.shared?.reader ?? new BlockReader(options.store, options.path)
    // The reordering depth plus one, and a guess at a frame-threaded decoder's delay until one is seen.
    this.decoder = new DecoderPosition(options.map, reorderDepth(options.map) + 1 + ASSUMED_THREAD_DELAY)
    this.disposable = disposableCheck(options.config)
    const budget = splitBudget(options.budgetBytes, options.width, options.height)
    this.cache = new FrameCache<VideoFrame>(budget.frames, { bytes: frameBytes, close: closeFrame })
    this.priority = options.priority ?? decodePriority
    this.waiters = new FrameWaiters(this.cache, this.priority)
    // The page's waits are over (and their frames drawn): the window and the bitmaps it held back.
    this.unsubscribe = this.priority.subscribe((busy) => {
      if (busy || this.disposed) return
      this.schedule()
      this.prepareDisplay()
    })
    this.display = new DisplayTier(budget.display, options.width * options.height, {
      decoded: (f) => this.cache.get(f),
      convert: (frame) => this.port.postMessage({ type: 'convert', frame }, [frame]),
    })
    this.port.onmessage = (e) => this.receive(e.data)
    this.port.postMessage({ type: 'configure', config: options.config })
    this.parked = options.parkedPort === undefined ? undefined : new ParkedDecoders({
      map: options.map, config: options.config, makePort: options.parkedPort, disposable: this.disposable,
      read: (from, to) => this.readSamples(from, to),
      lag: () => this.decoder.tail,
      allowed: () => this.idle(),
      // Its port was the camera's before a trade: a bitmap converted then is the camera's, a frame is stale.
      stray: (m) => (m.type === 'bitmap' ? this.display.received(m.frame, m.bitmap, !this.disposed) : m.type === 'frame' && m.frame.close()),
    })
  }

  peek(frame: number): VideoFrame | ImageBitmap | undefined {
    return this.display.get(frame) ?? this.cache.get(frame)
  }

  /** The decoded frame latest on the way to `frame` from its GOP's key frame: what the decoder has reached. */
  nearest(frame: number): { frame: number; image: VideoFrame | ImageBitmap } | undefined {
    const key = keyBefore(this.map, this.map.sampleOf[frame] ?? 0)
    let found: number | undefined
    for (const f of this.cache.frames()) {
      if (f < frame && (this.map.sampleOf[f] ?? -1) >= key && (found === undefined || f > found)) found = f
    }
    const image = found === undefined ? undefined : this.peek(found)
    return found === undefined || image === undefined ? undefined : { frame: found, image }
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
    const wait = this.waiters.add(frame, signal, abortError)
    this.schedule()
    return wait
  }

  setPlayhead(frame: number, motion: Motion): void {
    this.focus = frame
    this.motion = motion
    this.display.moved(frame, motion)
    // Planned once the caller's task is done with it: the player asks for the new frame (`load`) right after
    // moving the playhead, and a jump must plan the run to that frame, not the prefetch window's runs first.
    if (this.scheduled) return
    this.scheduled = true
    queueMicrotask(() => {
      this.scheduled = false
      this.schedule()
    })
  }

  setBudget(bytes: number): void {
    const budget = splitBudget(bytes, this.width, this.height)
    this.cache.setBudget(budget.frames)
    this.display.setBudget(budget.display)
  }

  stats(): FrameSourceStats {
    return {
      cachedFrames: this.cache.size,
      cachedBytes: this.cache.bytes + this.display.bytes,
      budgetBytes: this.cache.budgetBytes + this.display.budgetBytes,
      readyFrames: this.display.size,
      ...this.counters,
    }
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.port.onmessage = null
    this.unsubscribe()
    this.port.postMessage({ type: 'close' })
    this.port.terminate()
    this.parked?.dispose()
    this.shared?.release()
    clearTimeout(this.quiet)
    this.cache.clear()
    this.display.clear()
    this.waiters.rejectAll(abortError())
  }

  /**
   * How many frames the budget holds: the prefetch window never asks for more (or it would decode forever).
   * Measured from the cached frames once there are some (a decoder may output padded or RGB frames).
   */
  private framesThatFit(): number {
    const { size, bytes } = this.cache
    const perFrame = Math.max(1, size > 0 ? bytes / size : this.width * this.height * 1.5)
    return Math.max(2, Math.floor((this.cache.budgetBytes * 0.8) / perFrame))
  }

  /** Whether continuing the open decoder produces `frame`, and sooner than starting again at its key frame. */
  private continues(frame: number): boolean {
    return this.decoder.reaches(frame, this.runs.owed())
  }

  /** The prefetch window for the motion, cut to what the budget holds (three quarters of it ahead). */
  private window(): { ahead: number; behind: number } {
    const size = windowFor(this.motion, this.fps)
    const fit = this.framesThatFit()
    const ahead = Math.min(size.ahead, Math.floor(fit * 0.75))
    return { ahead, behind: Math.min(size.behind, Math.max(0, fit - ahead - 1)) }
  }

  private schedule(): void {
    if (this.disposed || this.failure !== undefined) return
    const isReady = (f: number) => this.cache.has(f) || this.runs.has(f) || this.unproducible.has(f)
    const urgent = this.waiters.frames().reverse()
    this.takeParked(urgent.find((f) => !isReady(f)))
    // Someone waits for a frame no queued run will produce: the queued work is stale (the playhead jumped).
    // Not when a continuation reaches it (a frame the decoder holds back, or further on in the open GOP):
    // a reset would throw away the decoder's place and decode the GOP from its key frame again.
    if (urgent.some((f) => !isReady(f) && !this.continues(f)) && this.runs.size > 0) this.cancelRuns()
    const window = this.window()
    // The cache keeps the window's shape, or what is decoded ahead would push out frames the window wants.
    this.cache.setFocus(this.focus, this.motion.direction, this.motion.playing ? 2 : window.ahead / Math.max(1, window.behind))
    // While someone waits for a frame not decoded yet (a jump), only the runs to the waited frames: prefetch
    // runs would share the two cores with this and the other cameras' decoders, and a frame-threaded decoder
    // (dav1d) works on the frames fed after the target alongside it, so the target comes out later. Paused,
    // the same while another camera of the page waits, and until the frames waited for are drawn (the window's
    // decoding beside a 640×480 drawImage made it take 3–9 ms instead of 1; docs/player.md): the priority's
    // release plans the window. The frames on the way to the waited ones that the window wants are kept all the same.
    const waiting = urgent.some((f) => !this.cache.has(f) && !this.unproducible.has(f))
    const held = waiting || (!this.motion.playing && this.priority.busy)
    const all = urgent.concat(prefetchOrder(this.focus, this.motion, window, this.frameCount))
    const wanted = held ? urgent : all
    // A run reaches for the window's frames no further than the cache holds.
    const maxSamples = held ? 1 : Math.min(MAX_RUN_SAMPLES, this.framesThatFit())
    const wantedSet = new Set(all)
    while (this.runs.size < MAX_RUNS_IN_FLIGHT) {
      const open = this.decoder.open()
      const run = planDecode({ map: this.map, wanted, isReady, maxSamples, ...(open === undefined ? {} : { open }) })
      if (run === undefined) break
      this.start(run, wantedSet)
    }
    if (this.idle()) this.parked?.park(this.map.sampleOf[this.focus] ?? 0, this.decoder.cursor)
    this.prepareDisplay()
  }

  /** Paused, nothing waited for on the page, the window decoded: the parked decoders may be fed. */
  private idle(): boolean {
    return !this.disposed && this.failure === undefined && !this.motion.playing && !this.priority.busy && this.runs.size === 0 && this.waiters.frames().length === 0
  }

  /**
   * Paused, the urgent frame lies past where a parked decoder stopped in its GOP, nearer than the camera's
   * decoder reaches it (going on from its cursor, or from the key frame): the two decoders trade places, and
   * the run to the frame goes on from the parked one's cursor.
   */
  private takeParked(urgent: number | undefined): void {
    // Playing, the camera's decoder runs ahead of the clock: a reset would throw its queued frames away.
    if (this.parked === undefined || urgent === undefined || this.motion.playing) return
    const taken = this.parked.take(this.map.sampleOf[urgent] ?? 0, this.continues(urgent) ? this.decoder.cursor : undefined, this.port)
    if (taken === undefined) return
    this.cancelRuns()
    this.port = taken.port
    this.port.onmessage = (e) => this.receive(e.data)
    this.decoder.adopt(taken.cursor, taken.chunks)
    this.counters.parked += 1
  }

  /**
   * Bitmaps are asked for in a task of their own, and not while any camera of the page waits for a frame: a
   * conversion takes the worker that decodes the next frame (several ms at 640×480 when the cores are busy),
   * and closing the bitmaps the playhead left takes the main thread, both on a click's path to its frames. The
   * priority's release asks again.
   */
  private prepareDisplay(): void {
    if (this.displayQueued) return
    this.displayQueued = true
    setTimeout(() => {
      this.displayQueued = false
      if (!this.disposed && !this.priority.busy) this.display.prepare(this.focus, this.motion, this.frameCount)
    }, 0)
  }

  private cancelRuns(): void {
    this.counters.cancelled += this.runs.size > 0 ? 1 : 0
    this.runs.cancelAll()
    this.closeDecoder()
    this.port.postMessage({ type: 'reset' })
  }

  /** The decoder's next sample must be a key frame (after a reset, an error or a flush). */
  private closeDecoder(): void {
    this.decoder.close()
    this.posting.restart()
    clearTimeout(this.quiet)
    this.quiet = undefined
  }

  /** `wanted`: the frames the planner was asked for (waiters and the prefetch window). */
  private start(run: DecodeRun, wanted: ReadonlySet<number>): void {
    const { map } = this
    const { sent, flush } = runEnd(map, run, this.decoder.tail)
    const frames = framesOfRun(map, run)
    const extra = framesOfRun(map, { first: run.last + 1, last: sent })
    const state: RunState = { run, frames: new Set(flush ? frames.concat(extra) : frames), cancelled: false, flush }
    for (const f of this.decoder.feed(run.first, sent, flush, extra.filter((f) => !this.cache.has(f)))) state.frames.add(f)
    const id = this.runs.add(state)
    this.counters.runs += 1
    if (run.first > run.last && flush) {
      // Nothing left to feed: only the flush, to output what the decoder holds.
      this.post(id, state, { bytes: Promise.resolve(new Uint8Array(0)), now: new Uint8Array(0), samples: [] })
      return
    }
    const skippable = unaskedSamples(map, run, wanted)
    // In pieces, each posted as soon as its bytes are read (and the pieces before it posted): the decoder starts
    // on the key frame while the rest of a long run is still being read.
    for (let from = run.first; from <= sent; from += PIECE_SAMPLES) {
      const to = Math.min(sent, from + PIECE_SAMPLES - 1)
      this.post(id, state, { ...this.readSamples(from, to), flush: flush && to === sent, skippable })
    }
  }

  /** The bytes of decode-order samples `from..to`, and the samples as the worker reads them from those bytes. */
  private readSamples(from: number, to: number): Piece {
    const { lo, hi, samples } = wireSamples(this.map, from, to)
    const now = this.reader.readNow(lo, hi)
    return { bytes: now === undefined ? this.reader.read(lo, hi) : Promise.resolve(now), now, samples }
  }

  /** Posts a run's piece once its bytes are read and every piece planned before it was posted (postOrder.ts). */
  private post(id: number, state: RunState, piece: Piece): void {
    this.posting.add(piece.bytes, piece.now, (data) => this.send(id, state, piece, data), (e) => {
      if (state.cancelled || this.disposed) return
      this.runs.delete(id)
      this.fail(e instanceof Error ? e : new Error(String(e)))
    })
  }

  private send(id: number, state: RunState, piece: Piece, data: Uint8Array): void {
    const { flush = state.flush, skippable } = piece
    if (state.cancelled || this.disposed) return
    // A frame someone began to wait for since the run was planned comes out after all.
    const unasked = skippable === undefined ? undefined : new Set([...skippable].filter((f) => !this.waiters.has(f)))
    const { samples, notProduced, left } = unasked === undefined ? { samples: piece.samples, notProduced: [], left: 0 }
      : withoutUnasked({ samples: piece.samples, data, unasked, disposable: this.disposable, map: this.map })
    for (const f of notProduced) state.frames.delete(f)
    this.counters.skipped += left
    if (samples.length === 0 && !flush) return
    this.decoder.posted(samples)
    const buffer = data.buffer as ArrayBuffer
    this.port.postMessage({ type: 'run', run: id, buffer, samples, flush }, [buffer])
    // Also after a flushed push (a key frame near): the open runs before it still wait for their frames.
    this.watch()
  }

  /** (Re)arms the quiet-decoder check while an open run waits for frames. */
  private watch(): void {
    clearTimeout(this.quiet)
    this.quiet = undefined
    if (!this.runs.anyOpen()) return
    this.quiet = setTimeout(() => this.onQuiet(), QUIET_MS)
  }

  /** Feeds the open decoder a tail's worth of samples more, so that what it holds back comes out. */
  private push(): boolean {
    const { cursor } = this.decoder
    if (cursor === undefined || cursor >= this.map.lastSample || this.disposed) return false
    this.counters.pushes += 1
    this.start({ first: cursor + 1, last: cursor + 1 }, new Set())
    return true
  }

  /**
   * The open decoder output nothing for a while although its runs miss frames: first more samples, then a
   * flush, which outputs what it holds; frames still missing after it are reported like those of any flushed
   * run.
   */
  private onQuiet(): void {
    this.quiet = undefined
    if (!this.runs.anyOpen() || this.disposed) return
    if (this.pushes < MAX_PUSHES && this.push()) {
      this.pushes += 1
      return
    }
    this.counters.quietFlushes += 1
    const missing = new Set([...this.decoder.held, ...this.runs.takeOpen()])
    const state: RunState = { run: { first: 0, last: -1 }, frames: missing, cancelled: false, flush: true }
    const id = this.runs.add(state)
    this.decoder.close()
    this.post(id, state, { bytes: Promise.resolve(new Uint8Array(0)), samples: [] })
  }

  /** A frame came out of the decoder: an open run that has all its frames is finished. */
  private produced(frame: number, consumed: number): void {
    const grew = this.decoder.out(frame, consumed)
    this.pushes = 0
    const finished = this.runs.produced(frame)
    if (this.quiet !== undefined) this.watch()
    // Runs fed with the shorter tail would wait for frames the decoder keeps: feed it the difference now.
    if (grew && this.runs.anyOpen()) this.push()
    if (finished) this.schedule()
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
        if (this.counters.decoded === 1) {
          const { start, end } = episodeBytes(this.map)
          // Not while a camera waits for a frame: a response's body takes the main thread (several ms a MiB).
          if (readsWhole(this.map)) void this.reader.prefetch(start, end, () => this.disposed, () => whenIdle(this.priority))
        }
        this.errors = 0
        this.cache.put(k, frame)
        this.waiters.settle(k)
        this.produced(k, message.consumed)
        this.prepareDisplay()
        return
      }
      case 'bitmap': {
        this.display.received(message.frame, message.bitmap, !this.disposed)
        this.prepareDisplay()
        return
      }
      case 'done': {
        const state = this.runs.get(message.run)
        if (state === undefined) return
        this.runs.delete(message.run)
        if (!message.aborted) {
          for (const f of state.frames) {
            if (this.cache.has(f) || this.runs.has(f)) continue
            // Frames the cache declined are normal; a frame someone waits for (pinned) or the playhead's
            // own frame missing means the decoder could not produce it.
            if (this.waiters.has(f) || f === this.focus) {
              this.unproducible.add(f)
              this.waiters.settle(f, new Error(`${this.camera}: the decoder produced no image for frame ${f}`))
            }
          }
        }
        this.schedule()
        return
      }
      case 'passed':
        // The parked decoder this one was fed its last reference frames before the trade.
        return
      case 'error': {
        this.errors += 1
        this.counters.cancelled += this.runs.size > 0 ? 1 : 0
        this.runs.cancelAll()
        this.closeDecoder()
        if (this.errors >= MAX_ERRORS) this.fail(new Error(`${this.camera}: decoding failed: ${message.message}`))
        else this.schedule()
        return
      }
    }
  }

  private fail(error: Error): void {
    this.failure = error
    this.waiters.rejectAll(error)
  }
}
