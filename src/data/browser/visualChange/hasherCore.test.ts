/**
 * The hashing worker's core with a stand-in VideoDecoder (Node has none): while paused it feeds the decoder
 * nothing and hashes no frame, it feeds a few samples ahead at most, frames decoded meanwhile are hashed one per
 * task (a pause stops them), and after the pause it finishes the chunk.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FromHasher } from './hashProtocol'
import { createHasherCore } from './hasherCore'

const SIDE = 8
/** Frames the worker has hashed (it closes each frame once hashed). */
const closed: number[] = []

/** A decoded 8×8 I420 frame whose planes copy out as a flat grey. */
function fakeFrame(timestamp: number) {
  return {
    timestamp, format: 'I420', visibleRect: { x: 0, y: 0, width: SIDE, height: SIDE }, displayWidth: SIDE, displayHeight: SIDE,
    allocationSize: () => SIDE * SIDE * 1.5,
    copyTo: (into: Uint8Array) => {
      into.fill(128, 0, SIDE * SIDE * 1.5)
      return Promise.resolve([{ offset: 0, stride: SIDE }, { offset: SIDE * SIDE, stride: SIDE / 2 }, { offset: SIDE * SIDE * 1.25, stride: SIDE / 2 }])
    },
    close: () => void closed.push(timestamp),
  }
}

/** Decodes only when the test says so: `step()` takes one queued sample and outputs its frame. */
class FakeDecoder extends EventTarget {
  static last: FakeDecoder | undefined
  state = 'unconfigured'
  queue: { timestamp: number }[] = []
  fed = 0
  constructor(private readonly init: { output(f: unknown): void }) {
    super()
    FakeDecoder.last = this
  }
  get decodeQueueSize() {
    return this.queue.length
  }
  configure() {
    this.state = 'configured'
  }
  decode(chunk: { timestamp: number }) {
    this.fed += 1
    this.queue.push(chunk)
  }
  step() {
    const c = this.queue.shift()
    if (c === undefined) return
    this.dispatchEvent(new Event('dequeue'))
    this.init.output(fakeFrame(c.timestamp))
  }
  flush() {
    while (this.queue.length > 0) this.step()
    return Promise.resolve()
  }
}

const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0))
}

describe('the hashing worker', () => {
  const saved = { decoder: globalThis.VideoDecoder, chunk: globalThis.EncodedVideoChunk }
  beforeEach(() => {
    closed.length = 0
    Object.assign(globalThis, { VideoDecoder: FakeDecoder, EncodedVideoChunk: class { constructor(o: object) { Object.assign(this, o) } } })
  })
  afterEach(() => {
    Object.assign(globalThis, { VideoDecoder: saved.decoder, EncodedVideoChunk: saved.chunk })
  })

  it('feeds and hashes nothing while paused, at most four samples ahead, then finishes the chunk', async () => {
    const out: FromHasher[] = []
    const handle = createHasherCore((m) => out.push(m))
    const hashed = () => out.flatMap((m) => (m.type === 'hashed' ? m.frames : []))
    handle({ type: 'video', config: { codec: 'avc1.64001e' } })
    const decoder = FakeDecoder.last!
    handle({ type: 'pause', paused: true })
    const samples = Array.from({ length: 10 }, (_, i) => ({ start: 0, size: 1, timestamp: i, key: i === 0 }))
    handle({ type: 'samples', chunk: 0, buffer: new ArrayBuffer(1), samples })
    await settle()
    expect(decoder.fed).toBe(0)

    handle({ type: 'pause', paused: false })
    await settle()
    expect(decoder.fed).toBe(4)
    decoder.step()
    decoder.step()
    await settle()
    expect(decoder.fed).toBe(6)

    expect(closed).toEqual([0, 1])

    // Decoded while paused: not hashed until the pause ends, and nothing more is fed.
    handle({ type: 'pause', paused: true })
    decoder.step()
    await settle()
    expect(decoder.fed).toBe(6)
    expect(closed).toEqual([0, 1])
    handle({ type: 'pause', paused: false })
    await settle()
    expect(closed).toEqual([0, 1, 2])
    // Frames decoded while paused are hashed one per task once it ends, so a pause arriving meanwhile stops them.
    handle({ type: 'pause', paused: true })
    decoder.step()
    decoder.step()
    await settle()
    expect(closed).toEqual([0, 1, 2])
    handle({ type: 'pause', paused: false })
    for (let i = 0; i < 50; i++) await Promise.resolve()
    expect(closed).toEqual([0, 1, 2, 3])
    handle({ type: 'pause', paused: true })
    await settle()
    expect(closed).toEqual([0, 1, 2, 3])
    handle({ type: 'pause', paused: false })
    await settle()
    expect(closed).toEqual([0, 1, 2, 3, 4])
    while (decoder.queue.length > 0 || decoder.fed < 10) {
      decoder.step()
      await settle()
    }
    await settle()
    expect(hashed()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(out.at(-1)).toEqual({ type: 'chunk', chunk: 0 })
  })
})
