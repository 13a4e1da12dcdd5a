import { useEffect, useRef } from 'react'
import { playbackStore } from '@/stores/playbackStore'
import { viewStore } from '@/stores/viewStore'
import { commandFor } from './keymap'
import type { Command } from './keymap'

export interface HotkeyContext {
  /** Segment boundaries of the open episode (frames where a segment starts), ascending. */
  boundaries: readonly number[]
  openRelativeEpisode: (delta: number) => void
  toggleHelp: () => void
  closeOverlays: () => void
}

/** Runs a keyboard command against the stores. */
function run(command: Command, ctx: HotkeyContext): void {
  const p = playbackStore.getState()
  const v = viewStore.getState()
  switch (command) {
    case 'frame.prev': return p.step(-1)
    case 'frame.next': return p.step(1)
    case 'frame.prev10': return p.step(-10)
    case 'frame.next10': return p.step(10)
    case 'frame.first': return p.first()
    case 'frame.last': return p.last()
    case 'play.toggle': return p.toggle()
    case 'play.reverse': return p.shuttle('reverse')
    case 'play.pause': return p.pause()
    case 'play.forward': return p.shuttle('forward')
    case 'speed.down': return p.slower()
    case 'speed.up': return p.faster()
    case 'speed.reset': return p.resetRate()
    case 'boundary.prev': {
      const target = [...ctx.boundaries].reverse().find((b) => b < p.frame)
      p.pause()
      return p.seek(target ?? 0, 'boundary')
    }
    case 'boundary.next': {
      const target = ctx.boundaries.find((b) => b > p.frame)
      p.pause()
      return p.seek(target ?? p.frameCount - 1, 'boundary')
    }
    case 'episode.prev': return ctx.openRelativeEpisode(-1)
    case 'episode.next': return ctx.openRelativeEpisode(1)
    case 'layout.toggle': return v.setLayout(v.layout === 'grid' ? 'focus' : 'grid')
    case 'zoom.in': return v.setZoom(v.zoom * 1.25)
    case 'zoom.out': return v.setZoom(v.zoom / 1.25)
    case 'help.toggle': return ctx.toggleHelp()
    case 'escape': return ctx.closeOverlays()
  }
}

/** Window-level keyboard handling from the keymap table. */
export function useHotkeys(ctx: HotkeyContext): void {
  const latest = useRef(ctx)
  useEffect(() => {
    latest.current = ctx
  })
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const command = commandFor(e)
      if (command === undefined) return
      e.preventDefault()
      run(command, latest.current)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}
