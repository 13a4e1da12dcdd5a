import { describe, expect, it } from 'vitest'
import type { FrameImage, FrameSource } from '@/data/browser/frames/frameSource'
import { abortError } from '@/data/browser/frames/frameSource'
import type { Motion } from '@/data/browser/frames/prefetchWindow'
import { createPlaybackStore, selectMarkedFrame } from '@/stores/playbackStore'
import type { EngineClock } from './playerEngine'
import { PlayerEngine, PREVIEW_REFRESH_MS } from './playerEngine'

/** A camera whose frames become decoded when the test says so. */
class FakeSource implements FrameSource {
  readonly kind = 'webcodecs' as const
  readonly width = 8
  readonly height = 6
  readonly aspect = 4 / 3
  readonly decoded = new Set<number>()
  readonly playheads: { frame: number; motion: Motion }[] = []
  private waiters = new Map<number, { resolve: () => void; reject: (e: unknown) => void }[]>()

  constructor(readonly camera: string, readonly frameCount: number) {}

  decode(...frames: number[]) {
    for (const f of frames) {
      this.decoded.add(f)
      for (const w of this.waiters.get(f) ?? []) w.resolve()
      this.waiters.delete(f)
    }
  }

  peek(frame: number): FrameImage | undefined {
    return this.decoded.has(frame) ? ({ width: 8, height: 6, close() {} }) : undefined
  }

  nearest(frame: number): { frame: number; image: FrameImage } | undefined {
    const near = [...this.decoded].filter((f) => f !== frame).sort((x, y) => Math.abs(x - frame) - Math.abs(y - frame))[0]
    return near === undefined ? undefined : { frame: near, image: { width: 8, height: 6, close() {} } as FrameImage }
  }

  load(frame: number, signal?: AbortSignal): Promise<void> {
    if (this.decoded.has(frame)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiters.set(frame, [...(this.waiters.get(frame) ?? []), { resolve, reject }])
      signal?.addEventListener('abort', () => reject(abortError()))
    })
  }

  setPlayhead(frame: number, motion: Motion) {
    this.playheads.push({ frame, motion })
  }
  setBudget() {}
  stats() {
    return { cachedFrames: this.decoded.size, cachedBytes: 0, budgetBytes: 0, decoded: 0, runs: 0, cancelled: 0 }
  }
  dispose() {}
}

function fakeCanvas() {
  const draws: number[] = []
  const canvas = {
    width: 0,
    height: 0,
    dataset: {} as Record<string, string>,
    getContext: () => ({ drawImage: () => draws.push(Number(canvas.dataset.frame ?? -1)), clearRect: () => undefined }),
  }
  return { canvas: canvas as unknown as HTMLCanvasElement, draws }
}

function fakeClock() {
  let now = 0
  let next: (() => void) | undefined
  const clock: EngineClock = {
    now: () => now,
    requestFrame: (cb) => {
      next = cb
      return 1
    },
    cancelFrame: () => {
      next = undefined
    },
  }
  /** Advances time by `ms` and runs the pending animation frame. */
  const advance = (ms: number) => {
    now += ms
    const cb = next
    next = undefined
    cb?.()
  }
  return { clock, advance }
}

const flush = () => new Promise((r) => setTimeout(r, 0))

function setup(frameCounts: Record<string, number> = { a: 100, b: 100 }) {
  const store = createPlaybackStore()
  store.getState().load(100, 30, 0)
  const { clock, advance } = fakeClock()
  const engine = new PlayerEngine(store, clock)
  const sources = Object.entries(frameCounts).map(([k, n]) => new FakeSource(k, n))
  const canvases = sources.map((s) => ({ camera: s.camera, ...fakeCanvas() }))
  for (const c of canvases) engine.attach(c.camera, c.canvas)
  const paints: { frame: number; cameras: readonly string[] }[] = []
  engine.onPaint((frame, cameras) => paints.push({ frame, cameras }))
  engine.start()
  const shown = () => canvases.map((c) => c.canvas.dataset.frame)
  return { store, engine, sources, canvases, paints, shown, advance }
}

/** A hidden preview canvas and note for each camera; `approximate()` lists the frame each visible one shows. */
function attachPreviews(engine: PlayerEngine, canvases: { camera: string; canvas: HTMLCanvasElement }[]) {
  const previews = canvases.map((c) => {
    const preview = { ...fakeCanvas(), note: { hidden: true, textContent: '' } }
    ;(preview.canvas as unknown as { hidden: boolean }).hidden = true
    engine.attach(c.camera, c.canvas, undefined, { canvas: preview.canvas, note: preview.note as unknown as HTMLElement })
    return preview
  })
  const approximate = () => previews.map((p) => ((p.canvas as unknown as { hidden: boolean }).hidden ? undefined : p.canvas.dataset.approximate))
  return { previews, approximate }
}

describe('PlayerEngine, paused jumps: the nearest decoded frame as a preview', () => {
  it('shows the nearest decoded frame, marked approximate, and the exact frame alone once it comes', async () => {
    const { store, engine, sources, canvases, shown, advance } = setup()
    const { previews, approximate } = attachPreviews(engine, canvases)
    sources.forEach((s) => s.decode(0))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    await flush()
    store.getState().seek(80, 'user')
    advance(16)
    // Nothing nearer than what is on screen: no preview.
    expect(approximate()).toEqual([undefined, undefined])
    sources[0]!.decode(50)
    advance(16)
    // Not before the wait has lasted PREVIEW_AFTER_MS: a short one would only flash a preview.
    expect(approximate()).toEqual([undefined, undefined])
    advance(16)
    expect(approximate()).toEqual([undefined, undefined])
    advance(16)
    expect(approximate()).toEqual(['50', undefined])
    expect(previews[0]!.note).toMatchObject({ hidden: false, textContent: '≈ 50 · decoding 80' })
    // A nearer frame is drawn only PREVIEW_REFRESH_MS after the last: each draw takes the main thread.
    sources[0]!.decode(79)
    for (let waited = 16; waited < PREVIEW_REFRESH_MS; waited += 16) {
      advance(16)
      expect(approximate()).toEqual(['50', undefined])
    }
    advance(16)
    expect(approximate()).toEqual(['79', undefined])
    // A camera that has the frame shows it, while the other still decodes.
    sources[1]!.decode(80)
    advance(16)
    expect(approximate()).toEqual(['79', '80'])
    expect(previews[1]!.note).toMatchObject({ hidden: false, textContent: '80 · other cameras decoding' })
    // The cameras' own canvases still hold frame 0, and say so; so does the store's painted frame (the readout).
    expect(shown()).toEqual(['0', '0'])
    expect(store.getState()).toMatchObject({ frame: 80, painted: 0 })
    sources[0]!.decode(80)
    await flush()
    expect(shown()).toEqual(['80', '80'])
    expect(store.getState().painted).toBe(80)
    expect(approximate()).toEqual([undefined, undefined])
    expect(previews[0]!.note.hidden).toBe(true)
    // A step that paints at once shows no preview.
    sources.forEach((s) => s.decode(81))
    store.getState().step(1)
    advance(16)
    expect(approximate()).toEqual([undefined, undefined])
  })

  it('a jump that supersedes one hides the old preview at once and shows its own as soon as its wait is long enough', async () => {
    const { store, engine, sources, canvases, advance } = setup()
    const { previews, approximate } = attachPreviews(engine, canvases)
    sources.forEach((s) => s.decode(0))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    await flush()
    sources[0]!.decode(50, 25)
    store.getState().seek(80, 'user')
    for (let i = 0; i < 4; i++) advance(16)
    expect(approximate()).toEqual(['50', undefined])
    // The preview names the old target: it goes with the new jump.
    store.getState().seek(30, 'user')
    expect(approximate()).toEqual([undefined, undefined])
    for (let i = 0; i < 4; i++) advance(16)
    // 64 ms after the first preview, well within PREVIEW_REFRESH_MS of it: the new target's nearest frame.
    expect(approximate()).toEqual(['25', undefined])
    expect(previews[0]!.note.textContent).toBe('≈ 25 · decoding 30')
  })
})

describe('PlayerEngine, paused jumps: the playhead', () => {
  it('tells the store a wait is slow after PREVIEW_AFTER_MS, not before; the paint ends it', async () => {
    const { store, engine, sources, advance } = setup()
    sources.forEach((s) => s.decode(0))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    await flush()
    store.getState().seek(80, 'user')
    advance(16)
    advance(16)
    expect(store.getState().slow).toBe(false)
    advance(16)
    advance(16)
    expect(store.getState().slow).toBe(true)
    sources.forEach((s) => s.decode(80))
    await flush()
    expect(store.getState()).toMatchObject({ painted: 80, slow: false })
    // A stopped player paints nothing: the playhead follows the frame asked for.
    engine.stop()
    store.getState().seek(90, 'user')
    expect(selectMarkedFrame(store.getState())).toBe(90)
  })
})

describe('PlayerEngine, paused', () => {
  it('paints a step only once every camera has the frame, all in one paint', async () => {
    const { store, engine, sources, paints, shown } = setup()
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    sources.forEach((s) => s.decode(0))
    await flush()
    expect(shown()).toEqual(['0', '0'])
    store.getState().step(1)
    sources[0]!.decode(1)
    await flush()
    expect(shown()).toEqual(['0', '0'])
    sources[1]!.decode(1)
    await flush()
    expect(shown()).toEqual(['1', '1'])
    expect(paints.at(-1)).toEqual({ frame: 1, cameras: ['a', 'b'] })
  })

  it('paints at once, in the same task, when the frame is already decoded', () => {
    const { store, engine, sources, shown } = setup()
    sources.forEach((s) => s.decode(0, 1, 2))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().step(2)
    expect(shown()).toEqual(['2', '2'])
  })

  it('a newer step supersedes one still decoding: the older frame is never painted', async () => {
    const { store, engine, sources, paints } = setup()
    sources.forEach((s) => s.decode(0))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().step(1)
    store.getState().step(1)
    sources.forEach((s) => s.decode(1))
    await flush()
    expect(paints.map((p) => p.frame)).toEqual([0])
    sources.forEach((s) => s.decode(2))
    await flush()
    expect(paints.map((p) => p.frame)).toEqual([0, 2])
  })

  it('tells the sources where the playhead is and which way it last moved', () => {
    const { store, engine, sources } = setup()
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().seek(50)
    store.getState().step(-1)
    expect(sources[0]!.playheads.at(-1)).toEqual({ frame: 49, motion: { playing: false, direction: -1, rate: 1 } })
  })

  it('a camera with fewer frames sits out past its end, with a message, and does not hold the others', async () => {
    const { store, engine, sources, shown } = setup({ a: 100, b: 10 })
    sources.forEach((s) => s.decode(0))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().seek(20)
    sources[0]!.decode(20)
    await flush()
    expect(shown()).toEqual(['20', undefined])
    expect(engine.status('b')).toMatch(/No frame 20: this camera has 10 frames/)
  })
})

describe('PlayerEngine, playing', () => {
  it('paints the clock frame on every camera, skipping frames not decoded in time, and stops at the end', () => {
    const { store, engine, sources, paints, advance } = setup()
    sources.forEach((s) => s.decode(...Array.from({ length: 100 }, (_, i) => i).filter((f) => f % 3 !== 1)))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().seek(90)
    paints.length = 0
    store.getState().play(1)
    // 30 fps at 1x: one frame per 33.3 ms.
    for (let i = 0; i < 12; i++) advance(1000 / 30)
    const frames = paints.map((p) => p.frame)
    expect(frames).toEqual([92, 93, 95, 96, 98, 99])
    expect(paints.every((p) => p.cameras.length === 2)).toBe(true)
    expect(store.getState()).toMatchObject({ playing: false, frame: 99 })
    expect(engine.playbackCounters().skipped).toBe(3)
  })

  it('when the clock lands on a frame not decoded yet, shows the newest decoded one before it', () => {
    const { store, engine, sources, paints, advance } = setup()
    sources.forEach((s) => s.decode(...Array.from({ length: 100 }, (_, i) => i).filter((f) => f % 3 !== 0)))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().seek(10)
    paints.length = 0
    store.getState().play(1)
    for (let i = 0; i < 3; i++) advance(100) // three frames per tick: the clock hits 13, 16, 19
    expect(paints.map((p) => p.frame)).toEqual([13, 16, 19])
    for (let i = 0; i < 2; i++) advance(100) // 22 -> ... clock on 22 (ready), 25 (ready)
    sources.forEach((s) => s.decoded.delete(28))
    advance(100) // clock on 28; 28 and 27 are not decoded: 26 is the newest frame every camera has
    expect(paints.at(-1)?.frame).toBe(26)
  })

  it('waits on a camera that lags: never paints one camera ahead of another', () => {
    const { store, engine, sources, paints, shown, advance } = setup()
    sources[0]!.decode(...Array.from({ length: 100 }, (_, i) => i))
    sources[1]!.decode(0, 1, 2)
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    paints.length = 0
    store.getState().play(1)
    for (let i = 0; i < 5; i++) advance(1000 / 30)
    expect(paints.map((p) => p.frame)).toEqual([1, 2])
    expect(shown()).toEqual(['2', '2'])
    sources[1]!.decode(6)
    advance(1000 / 30)
    expect(shown()).toEqual(['6', '6'])
  })

  it('plays backwards and ends on frame 0', () => {
    const { store, engine, sources, paints, advance } = setup()
    sources.forEach((s) => s.decode(...Array.from({ length: 100 }, (_, i) => i)))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().seek(10)
    paints.length = 0
    store.getState().play(-2)
    for (let i = 0; i < 10; i++) advance(1000 / 30)
    expect(paints.map((p) => p.frame)).toEqual([8, 6, 4, 2, 0])
    expect(store.getState()).toMatchObject({ playing: false, frame: 0 })
  })

  it('a speed change keeps the position continuous (re-anchored where the clock is)', () => {
    const { store, engine, sources, paints, advance } = setup()
    sources.forEach((s) => s.decode(...Array.from({ length: 100 }, (_, i) => i)))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().play(1)
    advance(1000) // frame 30
    store.getState().setRate(0.5)
    advance(200) // +3 frames at 0.5x
    expect(paints.at(-1)?.frame).toBe(33)
    store.getState().seek(70, 'user')
    advance(100) // re-anchored at 70, +1.5 frames
    expect(paints.at(-1)?.frame).toBe(71)
  })

  it('the store frame follows the painted frame, marked as playback', () => {
    const { store, engine, sources, advance } = setup()
    sources.forEach((s) => s.decode(...Array.from({ length: 100 }, (_, i) => i)))
    engine.setSources(new Map(sources.map((s) => [s.camera, s])))
    store.getState().play(1)
    advance(500)
    expect(store.getState()).toMatchObject({ frame: 15, lastSource: 'playback' })
  })
})
