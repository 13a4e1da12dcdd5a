import { memo, useCallback, useRef, useState, useSyncExternalStore } from 'react'
import type { CameraMedia } from '@/data/DatasetSource'
import type { CameraFrames } from '@/data/browser/frames/openCameraFrames'
import type { ViewState } from '@/stores/viewStore'
import type { StoreApi } from 'zustand'
import { cn } from '@/lib/cn'
import type { PlayerEngine } from './playerEngine'
import { useZoomPan } from './useZoomPan'

interface Props {
  camera: CameraMedia
  /** `undefined` while the camera's decoder opens. */
  frames: CameraFrames | undefined
  engine: PlayerEngine
  view: StoreApi<ViewState>
  size: 'large' | 'small'
  onSelect?: ((camera: string) => void) | undefined
}

/** `observation.images.front` -> `front`: the part that tells cameras apart; the full key is the tooltip. */
export function shortCameraName(key: string): string {
  return key.replace(/^observation\.images\./, '').replace(/^observation\./, '')
}

function describe(camera: CameraMedia, frames: CameraFrames | undefined): string {
  const kind = frames?.ok === true ? frames.source.kind : undefined
  const via = kind === 'webcodecs' ? 'WebCodecs' : kind === 'video-element' ? '<video> fallback' : undefined
  if (camera.kind === 'images') {
    const size = camera.width !== undefined && camera.height !== undefined ? `${camera.width}×${camera.height} · ` : ''
    return `${size}${camera.paths.length} images`
  }
  return [`${camera.codec.toUpperCase()} ${camera.width}×${camera.height}`, via].filter((s) => s !== undefined).join(' · ')
}

function Unsupported({ frames }: { frames: Extract<CameraFrames, { ok: false }> }) {
  const { unsupported } = frames
  const [copied, setCopied] = useState(false)
  const command = unsupported.command
  return (
    <div className="flex max-w-[46ch] flex-col gap-2 p-3 text-xs" role="alert">
      <p className="font-medium text-amber-300">Cannot show this camera</p>
      <p className="text-zinc-300 [overflow-wrap:anywhere]">{unsupported.message}</p>
      {command !== undefined && (
        <>
          <p className="text-zinc-400">Re-encode it with ffmpeg (keeps every frame):</p>
          <code className="block rounded border border-zinc-700 bg-zinc-900 p-2 font-mono text-[11px] leading-4 text-zinc-200 select-all [overflow-wrap:anywhere]">{command}</code>
          <button
            type="button"
            className="self-start rounded border border-zinc-700 px-2 py-0.5 text-[11px] text-zinc-300 hover:bg-zinc-800"
            onClick={() => {
              void navigator.clipboard?.writeText(command).then(() => setCopied(true))
            }}
          >
            {copied ? 'Copied' : 'Copy command'}
          </button>
        </>
      )}
    </div>
  )
}

/**
 * One camera: a header with its name (never drawn over the picture) and the canvas that holds only the
 * frame's pixels (`data-camera`, `data-frame`, see playerEngine.ts). Messages sit in sibling elements.
 */
export const CameraTile = memo(function CameraTile({ camera, frames, engine, view, size, onSelect }: Props) {
  const key = camera.key
  const status = useSyncExternalStore(
    useCallback((cb: () => void) => engine.onStatus(cb), [engine]),
    () => engine.status(key),
  )
  const { canvasRef, previewRef, hostRef, handlers } = useZoomPan(view)
  const detach = useRef<(() => void) | undefined>(undefined)
  const label = useRef<HTMLSpanElement>(null)
  const preview = useRef<HTMLCanvasElement | null>(null)
  const note = useRef<HTMLParagraphElement>(null)
  // The preview canvas and its note come before the camera's canvas in the DOM, so they exist when it attaches.
  const setCanvas = useCallback((el: HTMLCanvasElement | null) => {
    detach.current?.()
    const target = preview.current === null ? undefined : { canvas: preview.current, note: note.current ?? undefined }
    detach.current = el === null ? undefined : engine.attach(key, el, label.current ?? undefined, target)
    canvasRef(el)
  }, [engine, key, canvasRef])
  const setPreview = useCallback((el: HTMLCanvasElement | null) => {
    preview.current = el
    previewRef(el)
  }, [previewRef])
  const down = useRef<{ x: number; y: number } | undefined>(undefined)
  const aspect = frames?.ok === true && frames.source.aspect > 0 ? frames.source.aspect : camera.kind === 'video' ? camera.displayWidth / Math.max(1, camera.displayHeight) : 4 / 3

  return (
    <figure
      className={cn('m-0 flex min-h-0 min-w-0 flex-1 flex-col overflow-hidden rounded-sm border bg-black', size === 'large' ? 'border-zinc-800' : 'border-zinc-800/80')}
      data-camera-tile={key}
    >
      <figcaption className="flex h-6 shrink-0 items-center gap-2 border-b border-zinc-800 bg-zinc-900 px-2 text-xs">
        {/* In a narrow tile the codec line gives way first: the camera's name is what tells tiles apart. */}
        <span className="max-w-[65%] shrink-0 truncate font-medium text-zinc-100" title={size === 'large' ? key : `${key} · ${describe(camera, frames)}`}>{shortCameraName(key)}</span>
        <span ref={label} className="min-w-[5ch] font-mono text-[11px] tabular-nums text-zinc-400" title="Frame on screen" data-frame-label={key} />
        {size === 'large' && <span className="ml-auto min-w-0 truncate text-[11px] text-zinc-500">{describe(camera, frames)}</span>}
      </figcaption>
      <div
        ref={hostRef}
        className={cn('relative min-h-0 flex-1 overflow-hidden [container-type:size]', onSelect !== undefined && 'cursor-pointer')}
        onPointerDownCapture={(e) => {
          down.current = { x: e.clientX, y: e.clientY }
        }}
        onClick={(e) => {
          const d = down.current
          if (onSelect !== undefined && (d === undefined || Math.hypot(e.clientX - d.x, e.clientY - d.y) < 4)) onSelect(key)
        }}
        {...handlers}
      >
        {frames?.ok === false ? (
          <div className="absolute inset-0 flex items-center justify-center overflow-auto"><Unsupported frames={frames} /></div>
        ) : (
          <>
            <p ref={note} hidden className="pointer-events-none absolute top-1 left-1 z-20 rounded bg-amber-950/90 px-1.5 py-0.5 font-mono text-[11px] text-amber-200" data-preview-note={key} title="The nearest decoded frame, shown while the frame asked for decodes" />
            <canvas
              ref={setPreview}
              hidden
              data-preview={key}
              aria-hidden
              className="pointer-events-none absolute inset-0 z-10 m-auto block opacity-80 outline-2 outline-dashed outline-amber-500/80"
              style={{ width: `min(100cqw, calc(100cqh * ${aspect}))`, height: `min(100cqh, calc(100cqw / ${aspect}))` }}
            />
            <canvas
              ref={setCanvas}
              data-camera={key}
              aria-label={`${shortCameraName(key)} camera frame`}
              className="absolute inset-0 m-auto block touch-none"
              style={{ width: `min(100cqw, calc(100cqh * ${aspect}))`, height: `min(100cqh, calc(100cqw / ${aspect}))` }}
            />
          </>
        )}
        {frames === undefined && <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-xs text-zinc-500">Opening…</p>}
        {status !== undefined && (
          <p className="pointer-events-none absolute inset-x-0 bottom-0 bg-black/75 px-2 py-1 text-[11px] text-amber-300" role="status">{status}</p>
        )}
      </div>
    </figure>
  )
})
