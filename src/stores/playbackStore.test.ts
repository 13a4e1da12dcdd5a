import { describe, expect, it } from 'vitest'
import { clampRate, createPlaybackStore, nextRate, RATES, selectMarkedFrame, selectShownFrame } from './playbackStore'

function loaded(frameCount = 100, frame = 0) {
  const store = createPlaybackStore()
  store.getState().load(frameCount, 30, frame)
  return store
}

describe('playbackStore', () => {
  it('the playhead marks the frame on screen, or the frame asked for once it is slow to come', () => {
    const store = loaded(100, 10)
    const marked = () => selectMarkedFrame(store.getState())
    // Nothing painted yet: the frame asked for.
    expect(marked()).toBe(10)
    store.getState().setPainted(10)
    store.getState().seek(80)
    expect([marked(), selectShownFrame(store.getState())]).toEqual([10, 10])
    store.getState().setSlow()
    expect([marked(), selectShownFrame(store.getState())]).toEqual([80, 10])
    store.getState().setPainted(80)
    expect(store.getState().slow).toBe(false)
    store.getState().setSlow()
    store.getState().seek(20)
    // A new seek is not slow yet.
    expect(marked()).toBe(80)
  })

  it('load clamps the initial frame and stops playback', () => {
    const store = loaded(100, 500)
    expect(store.getState()).toMatchObject({ frame: 99, frameCount: 100, fps: 30, playing: false })
  })

  it.each([
    [10, 1, 11],
    [10, -1, 9],
    [10, 10, 20],
    [5, -10, 0],
    [95, 10, 99],
  ])('step from %i by %i lands on %i, clamped, and pauses', (from, delta, to) => {
    const store = loaded(100, from)
    store.getState().play()
    store.getState().step(delta)
    expect(store.getState()).toMatchObject({ frame: to, playing: false, lastSource: 'step' })
  })

  it('first and last', () => {
    const store = loaded(100, 40)
    store.getState().last()
    expect(store.getState().frame).toBe(99)
    store.getState().first()
    expect(store.getState().frame).toBe(0)
  })

  it('seek records who moved the playhead and rounds to a frame', () => {
    const store = loaded()
    store.getState().seek(12.4, 'boundary')
    expect(store.getState()).toMatchObject({ frame: 12, lastSource: 'boundary' })
  })

  it('playing forward from the last frame starts over; backward from the first starts at the end', () => {
    const store = loaded(100, 99)
    store.getState().play(1)
    expect(store.getState()).toMatchObject({ frame: 0, playing: true, rate: 1 })
    store.getState().pause()
    store.getState().seek(0)
    store.getState().play(-1)
    expect(store.getState()).toMatchObject({ frame: 99, playing: true, rate: -1 })
  })

  it('a one-frame episode never plays', () => {
    const store = loaded(1)
    store.getState().play()
    expect(store.getState().playing).toBe(false)
  })

  it('Space resumes forward at the current speed, even after playing backwards', () => {
    const store = loaded(100, 50)
    store.getState().shuttle('reverse')
    store.getState().shuttle('reverse')
    store.getState().toggle()
    expect(store.getState().playing).toBe(false)
    store.getState().toggle()
    expect(store.getState()).toMatchObject({ playing: true, rate: 2 })
  })

  it('J/L: start at 1x, each further press in the same direction doubles up to 4x', () => {
    const store = loaded(100, 50)
    const rates: number[] = []
    for (let i = 0; i < 4; i++) {
      store.getState().shuttle('forward')
      rates.push(store.getState().rate)
    }
    expect(rates).toEqual([1, 2, 4, 4])
    store.getState().shuttle('reverse')
    expect(store.getState()).toMatchObject({ playing: true, rate: -1 })
    store.getState().shuttle('reverse')
    expect(store.getState().rate).toBe(-2)
    store.getState().pause()
    store.getState().shuttle('reverse')
    expect(store.getState().rate).toBe(-1)
  })

  it('speed keys walk the speed list both ways, keeping the direction, clamped to 0.1x..4x', () => {
    const store = loaded()
    const up: number[] = []
    store.getState().setRate(0.1)
    for (let i = 0; i < RATES.length; i++) {
      up.push(store.getState().rate)
      store.getState().faster()
    }
    expect(up).toEqual([...RATES])
    expect(store.getState().rate).toBe(4)
    store.getState().setRate(-0.25)
    store.getState().slower()
    expect(store.getState().rate).toBe(-0.1)
    store.getState().slower()
    expect(store.getState().rate).toBe(-0.1)
    store.getState().resetRate()
    expect(store.getState().rate).toBe(-1)
  })

  it.each([
    [1.5, 1, 2],
    [1.5, -1, 1],
    [-3, 1, -4],
    [0.05, 1, 0.1],
  ])('nextRate(%f, %i) = %f', (rate, towards, expected) => {
    expect(nextRate(rate, towards as 1 | -1)).toBe(expected)
  })

  it.each([[10, 4], [-10, -4], [0.01, 0.1], [-0.01, -0.1], [2, 2]])('clampRate(%f) = %f', (rate, expected) => {
    expect(clampRate(rate)).toBe(expected)
  })
})
