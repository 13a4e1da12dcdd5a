import { useCallback, useEffect, useRef } from 'react'
import type { PointerEvent as ReactPointerEvent } from 'react'
import type { StoreApi } from 'zustand'
import type { ViewState } from '@/stores/viewStore'

type ViewStore = StoreApi<ViewState>

interface Pan {
  x: number
  y: number
}

const MIN_ZOOM = 1
const MAX_ZOOM = 8
/** Zoom change per wheel notch (100 px of deltaY). */
const WHEEL_STEP = 1.25

function clampPan(pan: Pan, zoom: number, box: { width: number; height: number }): Pan {
  const mx = (box.width * (zoom - 1)) / 2
  const my = (box.height * (zoom - 1)) / 2
  return { x: Math.min(mx, Math.max(-mx, pan.x)), y: Math.min(my, Math.max(-my, pan.y)) }
}

/**
 * Zoom (shared by all cameras, from the view store, so +/- and the wheel agree) and pan (per tile, by drag)
 * applied as a CSS transform on the canvas: the canvas keeps the frame's own pixels, only its box moves.
 * Hot values go straight to the element's style, never through React state.
 */
export function useZoomPan(view: ViewStore) {
  const target = useRef<HTMLCanvasElement | null>(null)
  // The approximate-frame canvas over the camera's own (playerEngine.ts) moves with it.
  const preview = useRef<HTMLCanvasElement | null>(null)
  const pan = useRef<Pan>({ x: 0, y: 0 })
  const drag = useRef<{ id: number; x: number; y: number; start: Pan } | undefined>(undefined)

  const apply = useCallback(() => {
    const el = target.current
    if (el === null) return
    const zoom = view.getState().zoom
    pan.current = clampPan(pan.current, zoom, { width: el.offsetWidth, height: el.offsetHeight })
    for (const c of [el, preview.current]) {
      if (c === null) continue
      c.style.transform = zoom === 1 ? '' : `translate(${pan.current.x}px, ${pan.current.y}px) scale(${zoom})`
      // Past 2x, show pixels as pixels: an annotator zooms in to see exactly what the camera recorded.
      c.style.imageRendering = zoom > 2 ? 'pixelated' : ''
    }
    el.style.cursor = zoom > 1 ? (drag.current === undefined ? 'grab' : 'grabbing') : ''
  }, [view])

  useEffect(() => view.subscribe((s, p) => {
    if (s.zoom !== p.zoom) apply()
  }), [view, apply])

  const canvasRef = useCallback((el: HTMLCanvasElement | null) => {
    target.current = el
    apply()
  }, [apply])

  const previewRef = useCallback((el: HTMLCanvasElement | null) => {
    preview.current = el
    apply()
  }, [apply])

  // Wheel zoom keeps the image point under the pointer where it is. Registered natively: React's wheel
  // listener is passive and cannot prevent the page from scrolling.
  const wheelHost = useRef<HTMLElement | null>(null)
  const onWheel = useCallback((e: WheelEvent) => {
    const el = target.current
    if (el === null) return
    e.preventDefault()
    const old = view.getState().zoom
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, old * WHEEL_STEP ** (-e.deltaY / 100)))
    if (next === old) return
    const rect = el.getBoundingClientRect()
    const mx = e.clientX - (rect.left + rect.width / 2) + pan.current.x
    const my = e.clientY - (rect.top + rect.height / 2) + pan.current.y
    pan.current = { x: mx - ((mx - pan.current.x) * next) / old, y: my - ((my - pan.current.y) * next) / old }
    view.getState().setZoom(next)
    apply()
  }, [view, apply])
  const hostRef = useCallback((el: HTMLElement | null) => {
    wheelHost.current?.removeEventListener('wheel', onWheel)
    wheelHost.current = el
    el?.addEventListener('wheel', onWheel, { passive: false })
  }, [onWheel])

  const onPointerDown = useCallback((e: ReactPointerEvent) => {
    if (view.getState().zoom <= 1 || e.button !== 0) return
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, start: pan.current }
    e.currentTarget.setPointerCapture(e.pointerId)
    apply()
  }, [view, apply])
  const onPointerMove = useCallback((e: ReactPointerEvent) => {
    const d = drag.current
    if (d?.id !== e.pointerId) return
    pan.current = { x: d.start.x + e.clientX - d.x, y: d.start.y + e.clientY - d.y }
    apply()
  }, [apply])
  const onPointerUp = useCallback((e: ReactPointerEvent) => {
    if (drag.current?.id !== e.pointerId) return
    drag.current = undefined
    apply()
  }, [apply])

  return { canvasRef, previewRef, hostRef, handlers: { onPointerDown, onPointerMove, onPointerUp, onPointerCancel: onPointerUp } }
}
