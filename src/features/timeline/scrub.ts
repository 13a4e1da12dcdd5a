/**
 * Pointer scrubbing on a frame-axis row: press to seek to the frame under the pointer, drag to keep seeking.
 * Returns a pointerdown handler; the element keeps the pointer until release.
 */
import type { PointerEvent } from 'react'
import { clampFrame, pxToFrame } from '@/core/time'
import { playbackStore } from '@/stores/playbackStore'
import { frameView, timelineStore } from '@/stores/timelineStore'

/** The frame under a pointer event's x on `element` (a row spanning the timeline's width). */
export function frameUnderPointer(e: { clientX: number }, element: Element): number {
  const s = timelineStore.getState()
  return clampFrame(pxToFrame(e.clientX - element.getBoundingClientRect().left, frameView(s)), s.frameCount)
}

export function scrubFrom(e: PointerEvent<HTMLElement>): void {
  if (e.button !== 0) return
  const element = e.currentTarget
  element.setPointerCapture(e.pointerId)
  const playback = playbackStore.getState()
  playback.pause()
  playback.seek(frameUnderPointer(e, element), 'user')
  const move = (m: globalThis.PointerEvent) => playbackStore.getState().seek(frameUnderPointer(m, element), 'user')
  const up = () => {
    element.removeEventListener('pointermove', move)
    element.removeEventListener('pointerup', up)
    element.removeEventListener('pointercancel', up)
  }
  element.addEventListener('pointermove', move)
  element.addEventListener('pointerup', up)
  element.addEventListener('pointercancel', up)
}
