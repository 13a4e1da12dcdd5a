import { useEffect, useRef } from 'react'
import WaveSurfer from 'wavesurfer.js'
import { frameDuration, secondsToFrame } from '@/core/time'
import { playbackStore } from '@/stores/playbackStore'
import { frameView, timelineStore } from '@/stores/timelineStore'

export interface WaveformProps {
  /** Visual change per frame (`1 - similarity`), or undefined while it is being computed. */
  peaks: Float32Array | undefined
  frameCount: number
  fps: number
}

const HEIGHT = 36

/**
 * The episode's visual change drawn by wavesurfer.js, as a projection of the timeline store: the store's window
 * becomes wavesurfer's zoom and scroll, and wavesurfer's own scrolling (a trackpad swipe over it) comes back as
 * a scroll of the store. Time on this row is `frame / fps`, so frame k's cell starts at the same pixel as on
 * every other row (`core/time.ts`). A click seeks.
 */
export function Waveform({ peaks, frameCount, fps }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const el = container.current
    if (el === null || peaks === undefined || frameCount < 2) return
    const duration = frameCount * frameDuration(fps)
    const ws = WaveSurfer.create({
      container: el,
      height: HEIGHT,
      peaks: [peaks],
      duration,
      waveColor: '#64748b',
      progressColor: '#64748b',
      cursorWidth: 0,
      normalize: true,
      hideScrollbar: true,
      autoScroll: false,
      autoCenter: false,
      fillParent: true,
      // Visual change is never negative: bars grow from the bottom, one per pixel (the largest change under it).
      barWidth: 1,
      barGap: 0,
      barAlign: 'bottom',
      interact: true,
    })
    let applying = false
    // wavesurfer refuses to zoom before its peaks are loaded: the store's window is applied once it is ready.
    let ready = false
    function apply() {
      const t = timelineStore.getState()
      const view = frameView(t)
      if (!ready || view.pxPerFrame <= 0) return
      applying = true
      try {
        const pxPerSec = view.pxPerFrame * fps
        if (Math.abs(ws.options.minPxPerSec - pxPerSec) > 1e-6) ws.zoom(pxPerSec)
        ws.setScroll(Math.round(t.start * view.pxPerFrame))
      } finally {
        applying = false
      }
    }
    ws.on('ready', () => {
      ready = true
      apply()
    })
    ws.on('scroll', (_start, _end, scrollLeft) => {
      if (applying) return
      const view = frameView(timelineStore.getState())
      if (view.pxPerFrame > 0 && Math.abs(scrollLeft - timelineStore.getState().start * view.pxPerFrame) > 1) {
        timelineStore.getState().scrollTo(scrollLeft / view.pxPerFrame)
      }
    })
    ws.on('interaction', (time) => {
      playbackStore.getState().pause()
      playbackStore.getState().seek(secondsToFrame(time, fps), 'user')
    })
    const unsubscribe = timelineStore.subscribe((s, prev) => {
      if (s.start !== prev.start || s.span !== prev.span || s.widthPx !== prev.widthPx) apply()
    })
    return () => {
      unsubscribe()
      ws.destroy()
    }
  }, [peaks, frameCount, fps])

  return (
    <div className="relative" style={{ height: HEIGHT }}>
      <div ref={container} className="absolute inset-0" data-testid="waveform" />
    </div>
  )
}
