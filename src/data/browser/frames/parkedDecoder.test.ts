import { afterEach, describe, expect, it } from 'vitest'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import type { DecoderPort, FromDecoder, ToDecoder } from './decoderProtocol'
import { wireSamples } from './decoderProtocol'
import { mapEpisodeFrames } from './frameMap'
import type { ParkedDecoderOptions, ParkingStop } from './parkedDecoder'
import { MIN_PARK_STRETCH, ParkedDecoder, ParkedDecoders, parkingStops } from './parkedDecoder'

/** `frames` frames, no B-frames (frame k is sample k), key frames at `keys`. */
function mapOf(frames: number, keys: number[]) {
  return mapEpisodeFrames(fakeMp4Index(Array.from({ length: frames }, (_, i) => i), (s) => keys.includes(s)))
}

function fakePort() {
  const sent: ToDecoder[] = []
  const port: DecoderPort = { onmessage: null, postMessage: (m) => void sent.push(m), terminate: () => undefined }
  const reply = (m: FromDecoder) => port.onmessage?.(new MessageEvent('message', { data: m }))
  const runs = () => sent.filter((m): m is Extract<ToDecoder, { type: 'run' }> => m.type === 'run')
  /** The samples fed so far, as decode-order sample indices. */
  const fed = () => runs().flatMap((r) => r.samples.map((s) => -1 - s.timestamp))
  return { port, sent, reply, runs, fed }
}

const tick = () => new Promise((r) => setTimeout(r, 0))
const made: ParkedDecoder[] = []

/**
 * A parked decoder over `map` whose samples of an odd index are disposable pictures (their first byte is 1),
 * holding back `lag` frames until it learns better.
 */
function parked(map: ReturnType<typeof mapOf>, options: Partial<ParkedDecoderOptions> = {}) {
  const fake = fakePort()
  const d = new ParkedDecoder({
    map, config: { codec: 'avc1.64000d' }, port: fake.port, disposable: (unit) => unit[0] === 1, lag: () => 2, allowed: () => true, stray: () => undefined,
    read: (from, to) => {
      const { lo, hi, samples } = wireSamples(map, from, to)
      const bytes = new Uint8Array(hi - lo)
      for (const s of samples) bytes[s.start] = s.timestamp % 2 === 1 ? 1 : 0
      return { bytes: Promise.resolve(bytes), samples }
    },
    ...options,
  })
  made.push(d)
  return { d, ...fake }
}

afterEach(() => {
  for (const d of made.splice(0)) d.dispose()
})

describe('parkingStops', () => {
  it.each([
    {
      name: 'splits the longest stretch each time: the playhead\'s GOP from the decoder\'s cursor, then the next GOP',
      frames: 300, keys: [0, 200], from: 24, count: 2, stops: [{ key: 0, stop: 112 }, { key: 200, stop: 250 }],
    },
    { name: 'one long GOP: its middle, then the middle of its first half', frames: 300, keys: [0], from: 0, count: 2, stops: [{ key: 0, stop: 150 }, { key: 0, stop: 75 }] },
    { name: 'as many as asked for', frames: 300, keys: [0, 200], from: 24, count: 1, stops: [{ key: 0, stop: 112 }] },
    { name: 'none in short GOPs', frames: 300, keys: Array.from({ length: 30 }, (_, i) => i * 10), from: 24, count: 2, stops: [] },
    {
      name: 'none for a stretch shorter than the minimum: the rest of a GOP the decoder has nearly reached',
      frames: 300, keys: [0, 200], from: 200 - MIN_PARK_STRETCH + 1, count: 1, stops: [{ key: 200, stop: 250 }],
    },
    { name: 'the last GOP ends at the episode\'s last sample', frames: 260, keys: [0, 200], from: 190, count: 1, stops: [{ key: 200, stop: 230 }] },
  ])('$name', ({ frames, keys, from, count, stops }) => {
    expect(parkingStops(mapOf(frames, keys), from, count)).toEqual(stops)
  })
})

/** Settles the reads and posts a decoder makes (each piece's bytes resolve, then it asks for the next). */
async function settle() {
  for (let i = 0; i < 20; i++) await tick()
}

/** Parks each decoder at its stop and asks it to go on, in that order, then settles. */
async function parkAll(...stops: [{ d: ParkedDecoder }, ParkingStop][]) {
  for (const [{ d }, stop] of stops) d.park(stop)
  for (const [{ d }] of stops) d.pump()
  await settle()
}

describe('ParkedDecoder', () => {
  it('feeds the references from the GOP\'s key frame, as reference-only samples, no more than it holds back and two, up to its stop', async () => {
    const map = mapOf(300, [0, 200])
    const { d, sent, runs, fed, reply } = parked(map)
    d.park({ key: 0, stop: 20 })
    d.pump()
    await settle()
    expect(sent[0]).toEqual({ type: 'configure', config: { codec: 'avc1.64000d' } })
    // The odd samples (disposable) left out; four fed: the two it is said to hold back, and two.
    expect(fed()).toEqual([0, 2, 4, 6])
    expect(runs()[0]!.samples[0]!.key).toBe(true)
    expect(runs().every((r) => r.park === true && !r.flush)).toBe(true)
    // As frames come out it goes on, never more than 3 (the most it was seen to hold) + 2 ahead of them.
    let out = 0
    while (out < fed().length) {
      reply({ type: 'passed', sample: fed()[out++]! })
      await settle()
      expect(fed().length - out).toBeLessThanOrEqual(5)
    }
    expect(fed()).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20])
    expect(d.cursor).toBe(20)
    expect(d.costTo(30)).toBe(10)
    expect(d.costTo(20)).toBe(Infinity)
    expect(d.costTo(210)).toBe(Infinity)
  })

  it('learns how few frames the decoder holds back from when they come out', async () => {
    const map = mapOf(300, [0])
    // Every sample a reference (none disposable), a decoder said to hold 2: 2 + 2 fed.
    const { d, fed, reply } = parked(map, { disposable: undefined })
    d.park({ key: 0, stop: 100 })
    d.pump()
    await settle()
    expect(fed()).toEqual([0, 1, 2, 3])
    // All four come out: it holds none back, so it is fed no more than two ahead (said to hold 2: four).
    for (const sample of [0, 1, 2, 3]) reply({ type: 'passed', sample })
    await settle()
    expect(fed()).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('feeds nothing while not allowed, and ignores frames of a GOP it was taken from', async () => {
    const map = mapOf(300, [0, 200])
    let allowed = false
    const { d, fed, reply, sent } = parked(map, { allowed: () => allowed })
    d.park({ key: 0, stop: 100 })
    d.pump()
    await settle()
    expect(fed()).toEqual([])
    allowed = true
    d.pump()
    await settle()
    expect(fed()).toEqual([0, 2, 4, 6])
    d.park({ key: 200, stop: 250 })
    expect(sent.at(-1)).toEqual({ type: 'reset' })
    d.pump()
    await settle()
    expect(fed().slice(4)).toEqual([200, 202, 204, 206])
    // A frame of the old GOP coming out after the reset does not count for the new one; one of this GOP does.
    reply({ type: 'passed', sample: 2 })
    await settle()
    expect(fed().slice(4)).toEqual([200, 202, 204, 206])
    reply({ type: 'passed', sample: 200 })
    await settle()
    expect(fed().slice(4)).toEqual([200, 202, 204, 206, 208, 210])
  })

  it('the page\'s parked decoders take turns: the next is fed once the one fed reaches its stop', async () => {
    const map = mapOf(300, [0, 200])
    const a = parked(map)
    const b = parked(map)
    await parkAll([a, { key: 0, stop: 100 }], [b, { key: 200, stop: 250 }])
    expect(a.fed()).toEqual([0, 2, 4, 6])
    expect(b.fed()).toEqual([])
    // `a` is at its (new) stop: asked again, it gives the turn up, and `b` is fed.
    await parkAll([a, { key: 0, stop: 7 }])
    expect(b.fed()).toEqual([200, 202, 204, 206])
    // One taken by a click gives the turn up too.
    const c = parked(map)
    await parkAll([c, { key: 0, stop: 100 }])
    expect(c.fed()).toEqual([])
    b.d.trade(fakePort().port)
    await settle()
    expect(c.fed()).toEqual([0, 2, 4, 6])
  })

  it('a read that fails gives the turn up; after three it stops reading (a partly downloaded file)', async () => {
    const map = mapOf(300, [0, 200])
    let reads = 0
    const broken = parked(map, { read: (from, to) => (reads++, { bytes: Promise.reject(new Error('gone')), samples: wireSamples(map, from, to).samples }) })
    const other = parked(map)
    await parkAll([broken, { key: 0, stop: 100 }], [other, { key: 200, stop: 250 }])
    expect(other.fed()).toEqual([200, 202, 204, 206])
    await parkAll([other, { key: 200, stop: 206 }])
    for (let i = 0; i < 5; i++) {
      broken.d.pump()
      await settle()
    }
    expect(reads).toBe(3)
    expect(broken.fed()).toEqual([])
  })

  it('trades its decoder for the camera\'s, whose late messages still reach the camera', async () => {
    const map = mapOf(300, [0, 200])
    const strays: FromDecoder[] = []
    const { d, port } = parked(map, { stray: (m) => void strays.push(m) })
    d.park({ key: 0, stop: 100 })
    expect(d.trade(fakePort().port)).toBeUndefined()
    d.park({ key: 0, stop: 100 })
    d.pump()
    await settle()
    const camera = fakePort()
    expect(d.trade(camera.port)).toEqual({ port, cursor: 7, chunks: 4 })
    expect(d.cursor).toBeUndefined()
    expect(d.costTo(50)).toBe(Infinity)
    // The camera's old decoder's messages are strays (a bitmap it converted is the camera's).
    const bitmap: FromDecoder = { type: 'bitmap', frame: 7, bitmap: undefined }
    camera.reply(bitmap)
    expect(strays).toEqual([bitmap])
  })
})

describe('ParkedDecoders', () => {
  it('parks a camera\'s decoders beyond its own decoder, keeps one in its GOP, and hands over the one that reaches a click soonest', async () => {
    const map = mapOf(300, [0, 200])
    const ports = [fakePort(), fakePort()]
    let portsMade = 0
    const camera = {
      map, config: { codec: 'avc1.64000d' }, disposable: undefined, lag: () => 2, allowed: () => true, stray: () => undefined,
      read: (from: number, to: number) => ({ bytes: Promise.resolve(new Uint8Array(wireSamples(map, from, to).hi)), samples: wireSamples(map, from, to).samples }),
      makePort: () => ports[portsMade++]!.port,
    }
    const parkedSet = new ParkedDecoders(camera)
    // The camera's decoder is at sample 24 of the playhead's GOP (the playhead at 0).
    parkedSet.park(0, 24)
    expect(portsMade).toBe(2)
    await settle()
    // The first is fed (from the key frame), the second waits its turn.
    expect(ports[0]!.fed().slice(0, 4)).toEqual([0, 1, 2, 3])
    expect(ports[1]!.fed()).toEqual([])
    // A click to sample 150: from the parked decoder (at 3) costs 147, from the camera's (at 24) 126: none.
    const own = fakePort().port
    expect(parkedSet.take(150, 24, own)).toBeUndefined()
    // From the key frame (the camera's decoder elsewhere), 150 > 147: the parked one.
    expect(parkedSet.take(150, undefined, own)).toEqual({ port: ports[0]!.port, cursor: 3, chunks: 4 })
    parkedSet.dispose()
  })
})
