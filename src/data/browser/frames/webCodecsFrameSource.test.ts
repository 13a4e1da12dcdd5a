import { describe, expect, it } from 'vitest'
import type { FileStore } from '../../fileStore'
import type { DecoderPort, FromDecoder, ToDecoder } from './decoderProtocol'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import { mapEpisodeFrames } from './frameMap'
import { WebCodecsFrameSource } from './webCodecsFrameSource'

interface FakeFrame {
  timestamp: number
  closed: boolean
  close(): void
  allocationSize(): number
  codedWidth: number
  codedHeight: number
}

function frame(timestamp: number): FakeFrame {
  return { timestamp, closed: false, close() { this.closed = true }, allocationSize: () => 1000, codedWidth: 20, codedHeight: 20 }
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
  /** Decodes a run the way a decoder would: one frame per sample inside the episode, then done. */
  const decode = (run: Extract<ToDecoder, { type: 'run' }>, skip: number[] = []) => {
    const out: FakeFrame[] = []
    for (const s of run.samples) {
      if (s.timestamp < 0 || skip.includes(s.timestamp)) continue
      const f = frame(s.timestamp)
      out.push(f)
      reply({ type: 'frame', frame: f as unknown as VideoFrame })
    }
    reply({ type: 'done', run: run.run, aborted: false })
    return out
  }
  return { port, sent, runs, reply, decode }
}

const store: FileStore = {
  label: 'fake', name: 'fake',
  readText: () => Promise.resolve(''),
  readBytes: (_p, range) => Promise.resolve(new Uint8Array((range?.end ?? 0) - (range?.start ?? 0))),
  size: () => Promise.resolve(100_000),
}

const tick = () => new Promise((r) => setTimeout(r, 0))

function setup(options: { frames?: number; gop?: number; budget?: number } = {}) {
  const n = options.frames ?? 100
  const gop = options.gop ?? 10
  const map = mapEpisodeFrames(fakeMp4Index(Array.from({ length: n }, (_, i) => i), (s) => s % gop === 0))
  const fake = fakePort()
  const source = new WebCodecsFrameSource({
    camera: 'cam', store, path: 'v.mp4', map, config: { codec: 'avc1.64000d' }, fps: 30, width: 20, height: 20, aspect: 1,
    budgetBytes: options.budget ?? 1_000_000, port: fake.port,
  })
  return { source, ...fake }
}

describe('WebCodecsFrameSource', () => {
  it('configures the decoder, then decodes the GOP of a requested frame from its key frame', async () => {
    const { source, sent, runs, decode } = setup()
    expect(sent[0]).toEqual({ type: 'configure', config: { codec: 'avc1.64000d' } })
    const loaded = source.load(13)
    await tick()
    const run = runs()[0]!
    expect(run.samples.map((s) => s.timestamp)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
    expect(run.samples.map((s) => s.key)).toEqual([true, false, false, false, false, false, false, false, false, false])
    expect(run.samples[1]!.start - run.samples[0]!.start).toBe(100)
    decode(run)
    await loaded
    expect((source.peek(13) as unknown as FakeFrame).timestamp).toBe(13)
    expect(source.peek(12)).toBeDefined()
  })

  it('jumping away drops the queued runs (reset) and decodes the new frame first', async () => {
    const { source, sent, runs, decode } = setup()
    void source.load(13)
    await tick()
    const far = source.load(75)
    await tick()
    expect(sent.some((m) => m.type === 'reset')).toBe(true)
    const run = runs().find((r) => r.samples[0]!.timestamp === 70)!
    expect(run).toBeDefined()
    decode(run)
    await far
    expect(source.stats().cancelled).toBeGreaterThan(0)
  })

  it('a frame already being decoded is waited for, not decoded again', async () => {
    const { source, runs, decode } = setup()
    void source.load(13)
    await tick()
    const again = source.load(17)
    await tick()
    expect(runs().filter((r) => r.samples.some((s) => s.timestamp === 17))).toHaveLength(1)
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
    const loaded = source.load(13)
    await tick()
    decode(runs()[0]!, [13])
    await expect(loaded).rejects.toThrow(/no image for frame 13/)
    await expect(source.load(13)).rejects.toThrow(/no image for frame 13/)
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
})
