import { describe, expect, it } from 'vitest'
import { frameToPx, pxToFrame } from '@/core/time'
import { createTimelineStore, frameView, MAX_PX_PER_FRAME } from './timelineStore'

function timeline(frameCount = 1000, widthPx = 500) {
  const store = createTimelineStore()
  store.getState().reset(frameCount)
  store.getState().setWidth(widthPx)
  return store
}

describe('timelineStore', () => {
  it('opens on the whole episode', () => {
    const s = timeline().getState()
    expect(frameView(s)).toEqual({ pxPerFrame: 0.5, scrollFrame: 0 })
  })

  it('zooming keeps the anchor frame under the same pixel', () => {
    const store = timeline()
    const before = frameToPx(600, frameView(store.getState()))
    store.getState().zoomBy(4, 600)
    const view = frameView(store.getState())
    expect(view.pxPerFrame).toBe(2)
    expect(frameToPx(600, view)).toBeCloseTo(before, 9)
    expect(pxToFrame(before, view)).toBe(600)
  })

  it('zoom is bounded: at most MAX_PX_PER_FRAME, at least the whole episode', () => {
    const store = timeline()
    store.getState().zoomBy(1e6, 10)
    expect(frameView(store.getState()).pxPerFrame).toBe(MAX_PX_PER_FRAME)
    store.getState().zoomBy(1e-6)
    expect(store.getState()).toMatchObject({ start: 0, span: 1000 })
  })

  it('scrolling stays inside the episode; reveal scrolls the least that shows a frame', () => {
    const store = timeline()
    store.getState().zoomBy(10, 0)
    expect(store.getState()).toMatchObject({ start: 0, span: 100 })
    store.getState().scrollTo(5000)
    expect(store.getState().start).toBe(900)
    store.getState().reveal(500)
    expect(store.getState().start).toBe(495)
    store.getState().reveal(520)
    expect(store.getState().start).toBe(495)
    store.getState().reveal(700)
    expect(store.getState().start).toBeCloseTo(606, 9)
    store.getState().fit()
    expect(store.getState()).toMatchObject({ start: 0, span: 1000 })
  })
})
