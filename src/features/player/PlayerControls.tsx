import { useState } from 'react'
import type { ReactNode } from 'react'
import { useStore } from 'zustand'
import { formatTimestamp } from '@/core/time'
import { cn } from '@/lib/cn'
import type { PlaybackState, PlaybackStore } from '@/stores/playbackStore'
import { playbackStore, RATES, selectMarkedFrame, selectShownFrame } from '@/stores/playbackStore'

function selectFrame(s: PlaybackState): number {
  return s.frame
}
function selectFrameCount(s: PlaybackState): number {
  return s.frameCount
}
function selectFps(s: PlaybackState): number {
  return s.fps
}
function selectPlaying(s: PlaybackState): boolean {
  return s.playing
}
function selectRate(s: PlaybackState): number {
  return s.rate
}

function IconButton({ label, onClick, children, pressed }: { label: string; onClick: () => void; children: ReactNode; pressed?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={pressed}
      onClick={onClick}
      className="inline-flex h-7 w-7 items-center justify-center rounded text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50"
    >
      <svg viewBox="0 0 16 16" width="14" height="14" fill="currentColor" aria-hidden="true">{children}</svg>
    </button>
  )
}

/** The frame readout: `frame / total` and `mm:ss.mmm`. Re-renders at most once per painted frame. */
export function FrameReadout({ store = playbackStore, className }: { store?: PlaybackStore; className?: string }) {
  // The frame on screen: after a jump into a long GOP it changes when the exact frame is painted.
  const frame = useStore(store, selectShownFrame)
  const asked = useStore(store, selectFrame)
  const frameCount = useStore(store, selectFrameCount)
  const fps = useStore(store, selectFps)
  const digits = String(Math.max(1, frameCount)).length
  return (
    <span className={cn('flex items-baseline gap-2 font-mono text-xs tabular-nums whitespace-nowrap', className)} data-testid="frame-readout" title={asked === frame ? undefined : `Decoding frame ${asked}`}>
      <span className="text-zinc-100">
        <span data-testid="frame-number">{String(frame).padStart(digits, '\u2007')}</span>
        <span className="text-zinc-500"> / {frameCount}</span>
      </span>
      <span className="text-zinc-400">{formatTimestamp(frame, fps)}</span>
    </span>
  )
}

function FrameInput({ store }: { store: PlaybackStore }) {
  const frame = useStore(store, selectMarkedFrame)
  const frameCount = useStore(store, selectFrameCount)
  // What the user is typing, tied to the frame it was typed over: a new frame discards it (no effect needed).
  const [draft, setDraft] = useState<{ at: number; text: string } | undefined>(undefined)
  const text = draft?.at === frame ? draft.text : undefined
  return (
    <input
      aria-label="Go to frame"
      title="Go to frame (Enter)"
      inputMode="numeric"
      className="h-7 w-16 rounded border border-zinc-700 bg-zinc-900 px-1.5 text-right font-mono text-xs tabular-nums text-zinc-100 focus:border-sky-500 focus:outline-none"
      value={text ?? String(frame)}
      onChange={(e) => setDraft({ at: frame, text: e.target.value.replace(/[^\d]/g, '') })}
      onBlur={() => setDraft(undefined)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text !== undefined && text !== '') {
          store.getState().seek(Math.min(frameCount - 1, Number(text)), 'user')
          setDraft(undefined)
          e.currentTarget.blur()
        } else if (e.key === 'Escape') {
          setDraft(undefined)
          e.currentTarget.blur()
        }
      }}
    />
  )
}

function rateLabel(rate: number): string {
  return `${rate}x`
}

/**
 * The compact control bar: step buttons, play/pause, speed, a frame field and the readout. It drives the
 * playback store only; the player follows the store.
 */
export function PlayerControls({ store = playbackStore, className }: { store?: PlaybackStore; className?: string }) {
  const playing = useStore(store, selectPlaying)
  const rate = useStore(store, selectRate)
  const s = () => store.getState()
  const speed = Math.abs(rate)
  return (
    <div className={cn('flex h-9 shrink-0 items-center gap-1 border-t border-zinc-800 bg-zinc-900 px-2', className)} data-testid="player-controls">
      <IconButton label="10 frames back (Shift+Left)" onClick={() => s().step(-10)}><path d="M8 3v10L1 8zM15 3v10L8 8z" /></IconButton>
      <IconButton label="Previous frame (Left)" onClick={() => s().step(-1)}><path d="M4 3h2v10H4zM13 3v10L6.5 8z" /></IconButton>
      <IconButton label={playing ? 'Pause (Space)' : 'Play (Space)'} onClick={() => s().toggle()} pressed={playing}>
        {playing ? <path d="M4 3h3v10H4zM9 3h3v10H9z" /> : <path d="M4 2.5v11L13.5 8z" />}
      </IconButton>
      <IconButton label="Next frame (Right)" onClick={() => s().step(1)}><path d="M10 3h2v10h-2zM3 3v10l6.5-5z" /></IconButton>
      <IconButton label="10 frames forward (Shift+Right)" onClick={() => s().step(10)}><path d="M1 3v10l7-5zM8 3v10l7-5z" /></IconButton>
      <select
        aria-label="Playback speed"
        title="Speed (< and >; = for 1x)"
        className="ml-1 h-7 rounded border border-zinc-700 bg-zinc-900 px-1 font-mono text-xs tabular-nums text-zinc-200 focus:border-sky-500 focus:outline-none"
        value={RATES.includes(speed as (typeof RATES)[number]) ? String(speed) : 'other'}
        onChange={(e) => {
          s().setRate((rate < 0 ? -1 : 1) * Number(e.target.value))
          // Give the keys back to the player: a focused select would take the arrow keys.
          e.currentTarget.blur()
        }}
      >
        {RATES.map((r) => <option key={r} value={String(r)}>{rateLabel(r)}</option>)}
        {!RATES.includes(speed as (typeof RATES)[number]) && <option value="other" disabled>{rateLabel(speed)}</option>}
      </select>
      {playing && rate < 0 && <span className="text-[11px] text-amber-300" title="Playing backwards (J)">◀ reverse</span>}
      <span className="ml-auto flex items-center gap-2">
        <FrameInput store={store} />
        <FrameReadout store={store} />
      </span>
    </div>
  )
}
