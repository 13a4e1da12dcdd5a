import { describe, expect, it, vi } from 'vitest'
import type { FileStore } from '../../fileStore'
import type { DecoderPort, FromDecoder, ToDecoder, WireSample } from './decoderProtocol'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import type { DecodePriority } from './decodePriority'
import { createDecodePriority } from './decodePriority'
import { mapEpisodeFrames } from './frameMap'
import { WebCodecsFrameSource } from './webCodecsFrameSource'

interface FakeFrame {
  timestamp: number
  closed: boolean
  close(): void
  clone(): FakeFrame
  allocationSize(): number
  codedWidth: number
  codedHeight: number
}

/** A decoded 20×20 frame: 600 bytes, as a decoder's I420 frame of that size. */
function frame(timestamp: number): FakeFrame {
  return {
    timestamp, closed: false, close() { this.closed = true }, clone: () => frame(timestamp), allocationSize: () => 600, codedWidth: 20, codedHeight: 20,
  }
}

interface FakeBitmap {
  frame: number
  width: number
  height: number
  closed: boolean
  close(): void
}

function bitmap(frame: number): FakeBitmap {
  return { frame, width: 20, height: 20, closed: false, close() { this.closed = true } }
}

/** A decoder port the test drives: it records what the source asks and answers when told to. */
function fakePort() {
  const sent: ToDecoder[] = []
  const port: DecoderPort = {
    onmessage: null,
    postMessage: (m) => void sent.push(m),
    terminate: () => undefined,
  }
  const reply = (m: FromDecoder) => port.onmessage?.(new MessageEvent('message', { data: m }))
  const runs = () => sent.filter((m): m is Extract<ToDecoder, { type: 'run' }> => m.type === 'run')
  /** Frames the source asked to convert and the worker has not answered yet. */
  const conversions = () => sent.filter((m): m is Extract<ToDecoder, { type: 'convert' }> => m.type === 'convert')
  /** Answers every conversion asked so far (and any it asks meanwhile: the source asks in a task of its own), as the worker would. */
  const convertAll = async (fail = false) => {
    const made: FakeBitmap[] = []
    for (;;) {
      await new Promise((r) => setTimeout(r, 0))
      const m = sent.findIndex((x) => x.type === 'convert')
      if (m < 0) break
      const c = sent.splice(m, 1)[0] as Extract<ToDecoder, { type: 'convert' }>
      const b = bitmap(c.frame.timestamp)
      made.push(b)
      reply({ type: 'bitmap', frame: c.frame.timestamp, bitmap: fail ? undefined : b })
    }
    return made
  }
  /** Decodes a run the way a decoder would: one frame per sample inside the episode, then done if flushed. */
  const decode = (run: Extract<ToDecoder, { type: 'run' }>, skip: number[] = []) => {
    const out: FakeFrame[] = []
    for (const s of run.samples) {
      if (s.timestamp < 0 || skip.includes(s.timestamp)) continue
      const f = frame(s.timestamp)
      out.push(f)
      reply({ type: 'frame', frame: f as unknown as VideoFrame, consumed: 0 })
    }
    if (run.flush) reply({ type: 'done', run: run.run, aborted: false })
    return out
  }
  return { port, sent, runs, reply, decode, conversions, convertAll }
}

const store: FileStore = {
  label: 'fake', name: 'fake',
  readText: () => Promise.resolve(''),
  readBytes: (_p, range) => Promise.resolve(new Uint8Array((range?.end ?? 0) - (range?.start ?? 0))),
  size: () => Promise.resolve(100_000),
}

const tick = () => new Promise((r) => setTimeout(r, 0))
/**
 * The sample a wire sample is (frames are samples in these fake files, no B-frames): frames nobody asked for
 * travel as references only, with the timestamp `-1 - sample`.
 */
const sampleOf = (w: WireSample) => (w.timestamp >= 0 ? w.timestamp : -1 - w.timestamp)

function setup(options: { frames?: number; gop?: number; budget?: number; store?: FileStore; sampleSize?: number; priority?: DecodePriority; parked?: boolean } = {}) {
  const n = options.frames ?? 100
  const gop = options.gop ?? 10
  const map = mapEpisodeFrames(fakeMp4Index(Array.from({ length: n }, (_, i) => i), (s) => s % gop === 0, 0, options.sampleSize))
  const fake = fakePort()
  /** The spare decoders' ports, as the source makes them. */
  const parked: ReturnType<typeof fakePort>[] = []
  const source = new WebCodecsFrameSource({
    camera: 'cam', store: options.store ?? store, path: 'v.mp4', map, config: { codec: 'avc1.64000d' }, fps: 30, width: 20, height: 20, aspect: 1,
    budgetBytes: options.budget ?? 1_000_000, port: fake.port, priority: options.priority ?? createDecodePriority(),
    ...(options.parked === true ? { parkedPort: () => parked[parked.push(fakePort()) - 1]!.port } : {}),
  })
  return { source, parked, ...fake }
}

describe('WebCodecsFrameSource', () => {
  it('configures the decoder, then decodes the GOP of a requested frame from its key frame', async () => {
    const { source, sent, runs, decode } = setup()
    expect(sent[0]).toEqual({ type: 'configure', config: { codec: 'avc1.64000d' } })
    const loaded = source.load(13)
    await tick()
    const run = runs()[0]!
    // From the key frame to the frame, and three samples more (no reordering: depth 0, plus one, plus two for
    // a frame-threaded decoder's delay until it is measured) so the decoder outputs 13 without a flush.
    expect(run.samples.map((s) => s.timestamp)).toEqual([10, 11, 12, 13, 14, 15, 16])
    expect(run.samples.map((s) => s.key)).toEqual([true, false, false, false, false, false, false])
    expect(run.flush).toBe(false)
    expect(run.samples[1]!.start - run.samples[0]!.start).toBe(100)
    decode(run)
    await loaded
    expect((source.peek(13) as unknown as FakeFrame).timestamp).toBe(13)
    expect(source.peek(12)).toBeDefined()
  })

  it('with a key frame within the tail (GOP 2), a run is the key frame and the frame, flushed', async () => {
    const { source, runs, decode } = setup({ gop: 2 })
    const loaded = source.load(13)
    await tick()
    expect(runs()[0]).toMatchObject({ flush: true })
    expect(runs()[0]!.samples.map((s) => s.timestamp)).toEqual([12, 13])
    decode(runs()[0]!)
    await loaded
  })

  it('in a short GOP a waited key frame is flushed alone: the GOP\'s other frame would only delay it', async () => {
    const { source, runs, decode } = setup({ gop: 2 })
    const loaded = source.load(12)
    await tick()
    expect(runs()[0]).toMatchObject({ flush: true })
    expect(runs()[0]!.samples.map(sampleOf)).toEqual([12])
    decode(runs()[0]!)
    await loaded
  })

  it('with a key frame within the tail of a long GOP (10 > twice the tail of 3), a run goes on to the end of the GOP before its flush: the frames after the target are not a second pass from the key frame', async () => {
    const { source, runs, decode } = setup({ gop: 10 })
    const loaded = source.load(17)
    await tick()
    expect(runs()[0]).toMatchObject({ flush: true })
    expect(runs()[0]!.samples.map(sampleOf)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    decode(runs()[0]!)
    await loaded
    expect(source.peek(18)).toBeDefined()
    expect(source.peek(19)).toBeDefined()
  })

  it('holds the page\'s decode priority while a frame is waited for, so that hashing yields', async () => {
    const priority = createDecodePriority()
    const { source, runs, decode } = setup({ priority })
    const loaded = source.load(13)
    expect(priority.busy).toBe(true)
    await tick()
    decode(runs()[0]!)
    await loaded
    await tick()
    expect(priority.busy).toBe(false)
    const dropped = source.load(55)
    expect(priority.busy).toBe(true)
    source.dispose()
    await expect(dropped).rejects.toThrow()
    await tick()
    expect(priority.busy).toBe(false)
  })

  it('paused, plans its window only once no camera of the page waits and the frames waited for are drawn', async () => {
    const priority = createDecodePriority()
    const { source, runs, decode } = setup({ priority })
    source.setPlayhead(13, { playing: false, direction: 1, rate: 1 })
    const loaded = source.load(13)
    // Another camera waits for its frame of the same click.
    const other = priority.hold()
    await tick()
    decode(runs()[0]!)
    await loaded
    await tick()
    expect(runs()).toHaveLength(1)
    other()
    // The task the last wait ended in draws the frames: not yet.
    expect(runs()).toHaveLength(1)
    await tick()
    expect(runs().length).toBeGreaterThan(1)
    source.dispose()
  })

  it('jumping away drops the queued runs (reset) and decodes the new frame first', async () => {
    const { source, sent, runs, decode } = setup()
    void source.load(13)
    await tick()
    const far = source.load(75)
    await tick()
    expect(sent.some((m) => m.type === 'reset')).toBe(true)
    const run = runs().find((r) => sampleOf(r.samples[0]!) === 70)!
    expect(run).toBeDefined()
    // 70–74, on the way to 75, are decoded as references only (their frames stay in the worker).
    expect(run.samples.map((w) => w.timestamp).slice(0, 6)).toEqual([-71, -72, -73, -74, -75, 75])
    decode(run)
    await far
    expect(source.stats().cancelled).toBeGreaterThan(0)
  })

  it('a frame already being decoded is waited for, not decoded again', async () => {
    const { source, sent, runs, decode } = setup()
    void source.load(13)
    await tick()
    const again = source.load(12)
    await tick()
    expect(runs().filter((r) => r.samples[0]!.timestamp === 10)).toHaveLength(1)
    expect(sent.filter((m) => m.type === 'reset')).toHaveLength(0)
    decode(runs()[0]!)
    await again
  })

  it('prefetches around the playhead while paused', async () => {
    const { source, runs } = setup()
    source.setPlayhead(50, { playing: false, direction: 1, rate: 1 })
    await tick()
    const covered = runs().flatMap((r) => r.samples.map((s) => s.timestamp))
    expect(covered).toContain(50)
    expect(covered).toContain(59)
  })

  it('rejects a wait when the decoder finished its run without that frame, and does not retry it forever', async () => {
    const { source, runs, decode } = setup()
    // The last GOP: its run ends the episode, with a flush.
    const loaded = source.load(97)
    await tick()
    expect(runs()[0]!.flush).toBe(true)
    decode(runs()[0]!, [97])
    await expect(loaded).rejects.toThrow(/no image for frame 97/)
    await expect(source.load(97)).rejects.toThrow(/no image for frame 97/)
  })

  it('flushes an open decoder that stays quiet while a frame is missing, then rejects the wait', async () => {
    vi.useFakeTimers()
    try {
      const { source, runs, decode } = setup()
      const loaded = source.load(13)
      const rejected = expect(loaded).rejects.toThrow(/no image for frame 13/)
      await vi.advanceTimersByTimeAsync(0)
      decode(runs()[0]!, [13])
      const quietFlush = () => runs().filter((r) => r.flush && r.samples.length === 0)
      expect(quietFlush()).toHaveLength(0)
      await vi.advanceTimersByTimeAsync(2000)
      expect(quietFlush()).toHaveLength(1)
      decode(quietFlush()[0]!)
      await rejected
    } finally {
      vi.useRealTimers()
    }
  })

  it('steps forward through a long GOP by continuing the open decoder, never from the key frame again', async () => {
    // 100-frame GOPs, a budget of 30 frames: the GOP is decoded as far as needed, then continued.
    const { source, sent, runs, decode } = setup({ frames: 300, gop: 100, budget: 30_000 })
    for (let at = 40; at <= 80; at += 1) {
      source.setPlayhead(at, { playing: false, direction: 1, rate: 1 })
      const loaded = source.load(at)
      await tick()
      for (const run of runs().slice(-2)) decode(run)
      await loaded
      await tick()
    }
    const all = runs()
    expect(sent.filter((m) => m.type === 'reset')).toHaveLength(0)
    // One run from the key frame, then only continuations: each starts where the one before it stopped.
    expect(all.filter((r) => r.samples[0]?.key === true)).toHaveLength(1)
    for (let i = 1; i < all.length; i++) {
      expect(sampleOf(all[i]!.samples[0]!)).toBe(sampleOf(all[i - 1]!.samples.at(-1)!) + 1)
    }
    const decoded = all.flatMap((r) => r.samples.map(sampleOf))
    expect(new Set(decoded).size).toBe(decoded.length)
  })

  it('a wait for a frame further on in the open GOP continues the decoder instead of resetting it', async () => {
    const { source, sent, runs, decode } = setup({ frames: 300, gop: 100, budget: 30_000 })
    source.setPlayhead(40, { playing: false, direction: 1, rate: 1 })
    await tick()
    const before = runs().length
    for (const run of runs()) decode(run)
    const far = source.load(90)
    await tick()
    expect(sent.filter((m) => m.type === 'reset')).toHaveLength(0)
    const next = runs().slice(before)
    expect(next[0]!.samples[0]).toMatchObject({ key: false })
    for (const run of next) decode(run)
    await far
  })

  it('paused and idle, parks a spare decoder inside the long GOP; a click past it continues that decoder, not the key frame', async () => {
    const { source, sent, runs, decode, parked } = setup({ frames: 300, gop: 200, parked: true })
    const first = source.load(0)
    await tick()
    for (let i = 0; i < 10 && runs().length > 0; i++) {
      for (const run of runs().splice(0)) decode(run)
      await tick()
    }
    await first
    // Two spare decoders: the middle of what the camera's decoder has not reached in GOP 0, and of GOP 200.
    expect(parked).toHaveLength(2)
    const spare = parked[0]!
    const fedTo = () => Math.max(-1, ...spare.runs().flatMap((r) => r.samples.map(sampleOf)))
    expect(spare.runs()[0]!.samples[0]).toMatchObject({ key: true, timestamp: -1 })
    expect(spare.runs().every((r) => r.park === true && r.samples.every((w) => w.timestamp < 0))).toBe(true)
    // Its frames come out as it decodes; it is fed up to its stop.
    let out = 0
    while (out <= fedTo()) {
      spare.reply({ type: 'passed', sample: out++ })
      await tick()
      await tick()
    }
    const stop = fedTo()
    expect(stop).toBeGreaterThan(90)
    expect(stop).toBeLessThan(120)
    const resets = sent.filter((m) => m.type === 'reset').length
    // A click at 150: the camera's decoder would go on from about 15, the spare one goes on from its stop.
    const click = source.load(150)
    await tick()
    expect(sent.filter((m) => m.type === 'reset')).toHaveLength(resets + 1)
    const continued = spare.runs().filter((r) => r.park !== true)
    expect(continued[0]!.samples[0]).toMatchObject({ key: false })
    expect(sampleOf(continued[0]!.samples[0]!)).toBe(stop + 1)
    for (const r of continued) spare.decode(r)
    await click
    expect(source.stats().parked).toBe(1)
    source.dispose()
  })

  it('feeds as many samples past a run as the decoder was seen to hold back, at once when it learns so', async () => {
    /** Samples posted right after a run decoded by a decoder holding each frame back `delay` chunks. */
    async function pushedAfter(delay: number): Promise<number[]> {
      const { source, runs, reply } = setup({ frames: 300, gop: 100, budget: 30_000 })
      source.setPlayhead(40, { playing: false, direction: 1, rate: 1 })
      await tick()
      // The first run, in its pieces.
      const first = runs().flatMap((r) => r.samples)
      const pieces = runs().length
      first.forEach((x, i) => {
        if (i + delay < first.length) reply({ type: 'frame', frame: frame(x.timestamp) as unknown as VideoFrame, consumed: i + 1 + delay })
      })
      await tick()
      await tick()
      return runs().slice(pieces).map((r) => r.samples.length)
    }
    // Up to two held back are covered from the start (depth 0 + 1 + 2): nothing more is fed.
    expect(await pushedAfter(0)).toEqual([])
    expect(await pushedAfter(2)).toEqual([])
    // Six held back: the next sample and seven more (the delay seen, plus one), so the held frames come out.
    expect(await pushedAfter(6)).toEqual([8])
  })

  it('feeds a quiet open decoder more samples before it flushes it', async () => {
    vi.useFakeTimers()
    try {
      const { source, runs, decode } = setup({ frames: 300, gop: 100, budget: 30_000 })
      const loaded = source.load(40)
      await vi.advanceTimersByTimeAsync(0)
      // The decoder outputs nothing: three pushes of a tail's worth of samples, 150 ms apart, then the flush.
      await vi.advanceTimersByTimeAsync(700)
      const after = runs().slice(-4)
      expect(after.slice(0, 3).map((r) => [r.flush, r.samples[0]!.key])).toEqual([[false, false], [false, false], [false, false]])
      expect(after[3]).toMatchObject({ flush: true, samples: [] })
      expect(source.stats()).toMatchObject({ pushes: 3, quietFlushes: 1 })
      for (const run of runs()) decode(run)
      await loaded
    } finally {
      vi.useRealTimers()
    }
  })

  it('posts a continuation after the run it continues, whichever read finishes first', async () => {
    // Reads of 256 KiB blocks the test answers last first: the continuation's block (the run's last) first.
    const reads: (() => void)[] = []
    const slow: FileStore = {
      ...store,
      readBytes: (_p, range) => new Promise((resolve) => {
        reads.push(() => resolve(new Uint8Array((range?.end ?? 0) - (range?.start ?? 0))))
      }),
    }
    const { source, runs } = setup({ frames: 300, gop: 100, budget: 30_000, store: slow, sampleSize: 40_000 })
    source.setPlayhead(40, { playing: false, direction: 1, rate: 1 })
    await tick()
    source.setPlayhead(60, { playing: false, direction: 1, rate: 1 })
    await tick()
    expect(reads.length).toBeGreaterThan(2)
    for (const read of reads.reverse()) {
      read()
      await tick()
    }
    await tick()
    // The run from the key frame (in pieces), then the continuation: each piece starts where the last ended.
    const posted = runs()
    expect(sampleOf(posted[0]!.samples[0]!)).toBe(0)
    expect(posted[0]!.samples[0]!.key).toBe(true)
    expect(posted.at(-1)!.samples[0]!.key).toBe(false)
    for (let i = 1; i < posted.length; i++) expect(sampleOf(posted[i]!.samples[0]!)).toBe(sampleOf(posted[i - 1]!.samples.at(-1)!) + 1)
  })

  it('keeps decoded frames within the byte budget, closing the ones it drops', async () => {
    const { source, runs, decode } = setup({ budget: 5000 })
    source.setPlayhead(3, { playing: false, direction: 1, rate: 1 })
    const loaded = source.load(3)
    await tick()
    const frames = decode(runs()[0]!)
    await loaded
    expect(source.stats().cachedBytes).toBeLessThanOrEqual(5000)
    expect(source.peek(3)).toBeDefined()
    expect(frames.filter((f) => f.closed).length).toBe(frames.length - source.stats().cachedFrames)
  })

  it('after repeated decoder errors, fails every wait with the decoder\'s message', async () => {
    const { source, reply } = setup()
    const loaded = source.load(5)
    await tick()
    for (let i = 0; i < 3; i++) reply({ type: 'error', message: 'EncodingError: bad bitstream' })
    await expect(loaded).rejects.toThrow(/decoding failed: EncodingError: bad bitstream/)
  })

  it('dispose closes every cached frame and rejects waits', async () => {
    const { source, runs, decode } = setup()
    const first = source.load(1)
    await tick()
    const frames = decode(runs()[0]!)
    await first
    const pending = source.load(60)
    source.dispose()
    await expect(pending).rejects.toThrow(/superseded/)
    expect(frames.every((f) => f.closed)).toBe(true)
  })

  it('keeps the frames nearest the playhead as bitmaps, converted by the worker, and draws those', async () => {
    const { source, runs, decode, conversions, convertAll } = setup({ budget: 200_000 })
    source.setPlayhead(13, { playing: false, direction: 1, rate: 1 })
    const loaded = source.load(13)
    await tick()
    decode(runs()[0]!)
    await loaded
    await tick()
    // The prefetch window ahead, planned once 13 is out (not the GOP behind).
    const decoded = new Set(runs().slice(0, 1))
    for (const run of runs().slice(1)) {
      if (sampleOf(run.samples[0]!) < 10) continue
      decode(run)
      decoded.add(run)
    }
    // Two at a time (the first frames of the window to arrive); until converted, the VideoFrame is drawn.
    await tick()
    expect(conversions()).toHaveLength(2)
    expect((source.peek(13) as unknown as FakeFrame).codedWidth).toBe(20)
    const made = await convertAll()
    expect((source.peek(13) as unknown as FakeBitmap).frame).toBe(13)
    expect(source.stats().readyFrames).toBe(made.length)
    // The frame, the next two steps either way and the next jump (13 ± 1, 2 and 23), each once; not frame 3
    // (the jump back: its GOP is not decoded) and not the rest of the prefetch window.
    const converted = made.map((b) => b.frame)
    expect(converted.sort((a, b) => a - b)).toEqual([11, 12, 13, 14, 15, 23])
    // Stepping on asks for the frames that come into that set (the next jumps, 29 and 9, among them).
    source.setPlayhead(19, { playing: false, direction: 1, rate: 1 })
    await tick()
    for (const run of runs()) if (!decoded.has(run)) decode(run)
    const next = (await convertAll()).map((b) => b.frame)
    expect(next.sort((a, b) => a - b)).toEqual([9, 17, 18, 19, 20, 21, 29])
    source.dispose()
    expect(made.every((b) => b.closed)).toBe(true)
  })

  it('posts a run whose bytes are read already in the task that asked for its frame', async () => {
    const { source, runs, decode } = setup()
    const first = source.load(13)
    await tick()
    expect(runs()).toHaveLength(1)
    decode(runs()[0]!)
    await first
    await tick()
    const before = runs().length
    // The whole (small) file is in the reader's blocks now: no promise hop before the decoder has the run.
    void source.load(75).catch(() => undefined)
    expect(runs()).toHaveLength(before + 1)
    expect(sampleOf(runs().at(-1)!.samples[0]!)).toBe(70)
    source.dispose()
  })

  it('asks for no bitmap while any camera of the page waits for a frame, and once none does', async () => {
    const priority = createDecodePriority()
    const { source, runs, decode, conversions } = setup({ budget: 200_000, priority })
    source.setPlayhead(3, { playing: false, direction: 1, rate: 1 })
    const loaded = source.load(3)
    await tick()
    // Another camera waits for its frame of the same click.
    const other = priority.hold()
    decode(runs()[0]!)
    await loaded
    await tick()
    expect(conversions()).toHaveLength(0)
    other()
    await tick()
    await tick()
    expect(conversions().map((c) => c.frame.timestamp)).toContain(3)
    source.dispose()
  })

  it('draws VideoFrames when the worker cannot convert, and stops asking', async () => {
    const { source, runs, decode, convertAll, sent } = setup({ budget: 200_000 })
    const loaded = source.load(3)
    await tick()
    decode(runs()[0]!)
    await loaded
    await convertAll(true)
    expect(sent.filter((m) => m.type === 'convert')).toEqual([])
    expect((source.peek(3) as unknown as FakeFrame).codedWidth).toBe(20)
    expect(source.stats().readyFrames).toBe(0)
  })

  it('asks for no more bitmaps than its share of the budget holds, however the playhead moves', async () => {
    // 12,000 bytes: 40 % for bitmaps of 1,600 bytes (20×20 RGBA) holds 3 of them.
    const { source, runs, decode, convertAll } = setup({ budget: 12_000, gop: 2 })
    let converted = 0
    for (const [at, direction] of [[3, 1], [2, -1], [8, 1], [7, -1]] as const) {
      source.setPlayhead(at, { playing: false, direction, rate: 1 })
      const loaded = source.load(at)
      await tick()
      for (const run of runs()) decode(run)
      await loaded
      converted += (await convertAll()).length
      expect(source.stats().readyFrames).toBeLessThanOrEqual(3)
    }
    expect(converted).toBeLessThan(20)
  })
})
