import { useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { StoreApi } from 'zustand'
import { useStore } from 'zustand'
import type { CameraMedia, DatasetSource, EpisodeData } from '@/data/DatasetSource'
import type { FrameSource } from '@/data/browser/frames/frameSource'
import type { PlaybackStore } from '@/stores/playbackStore'
import { playbackStore } from '@/stores/playbackStore'
import type { ViewState } from '@/stores/viewStore'
import { viewStore } from '@/stores/viewStore'
import { CameraTile } from './CameraTile'
import { bestGrid } from './gridLayout'
import { PlayerEngine } from './playerEngine'
import { PlayerControls } from './PlayerControls'
import { installTestHook } from './testHook'
import { DEFAULT_CACHE_BYTES, useCameraFrames } from './useCameraFrames'
import { useElementSize } from '@/lib/useElementSize'

export interface PlayerProps {
  source: DatasetSource
  episode: EpisodeData
  /** The frame to open on (a deep link); 0 by default. */
  initialFrame?: number
  /** The playback store to follow; the app's singleton by default (tests pass their own). */
  store?: PlaybackStore
  /** Layout, focused camera and zoom; the app's view store by default. */
  view?: StoreApi<ViewState>
  /**
   * Render `PlayerControls` under the cameras (default false: the app places the bar itself). Each camera's
   * header always shows the frame it has painted.
   */
  controls?: boolean
  /** Decoded-frame memory for all cameras together (default 512 MiB). */
  cacheBytes?: number
  /** Force the `<video>` fallback instead of WebCodecs (benchmarks and tests of the fallback). */
  decoder?: 'auto' | 'video-element'
  /** Shown instead of the cameras when the episode has none (the app explains why). */
  empty?: ReactNode
}

function selectLayout(s: ViewState) {
  return s.layout
}
function selectFocus(s: ViewState) {
  return s.focusCamera
}

/** A camera's picture width / height (4:3 until its size is known). */
export function cameraAspect(camera: CameraMedia): number {
  if (camera.kind === 'video' && camera.displayHeight > 0) return camera.displayWidth / camera.displayHeight
  if (camera.kind === 'images' && camera.width !== undefined && camera.height !== undefined && camera.height > 0) return camera.width / camera.height
  return 4 / 3
}

/** A tile's header (camera name, frame) in px, and the gap between tiles. */
export const TILE_HEADER = 26
export const TILE_GAP = 4
const GAP = TILE_GAP

/**
 * The frame-exact player: every camera of the episode, all showing the playback store's frame. Fills its
 * container. Keys are wired by the app to the playback store; this component only follows the store.
 */
export function Player({ source, episode, initialFrame = 0, store = playbackStore, view = viewStore, controls = false, cacheBytes = DEFAULT_CACHE_BYTES, decoder = 'auto', empty }: PlayerProps) {
  const [engine] = useState(() => new PlayerEngine(store))
  const opened = useCameraFrames(source, episode, cacheBytes, decoder)
  const layout = useStore(view, selectLayout)
  const area = useElementSize<HTMLDivElement>()
  const focusKey = useStore(view, selectFocus)

  useEffect(() => {
    store.getState().load(episode.length, episode.fps, initialFrame)
    // A new episode (or a deep link into it); the initial frame is read once per episode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, episode])

  useEffect(() => {
    engine.start()
    const uninstall = installTestHook(store, engine)
    return () => {
      uninstall()
      engine.stop()
    }
  }, [engine, store])

  useEffect(() => {
    const sources = new Map<string, FrameSource>()
    for (const c of opened?.cameras ?? []) if (c.ok) sources.set(c.camera, c.source)
    engine.setSources(sources)
  }, [engine, opened])

  const framesOf = useMemo(() => new Map((opened?.cameras ?? []).map((c) => [c.camera, c])), [opened])
  const cameras = episode.cameras
  const focused = cameras.find((c) => c.key === focusKey) ?? cameras[0]
  const onSelect = (key: string) => view.getState().focus(key)

  let body
  if (cameras.length === 0) {
    body = empty ?? <p className="m-auto text-sm text-zinc-500">This episode has no camera media.</p>
  } else if (layout === 'focus' && focused !== undefined && cameras.length > 1) {
    const others = cameras.filter((c) => c !== focused)
    body = (
      <div className="flex min-h-0 flex-1 gap-1 p-1" data-layout="focus">
        <div className="flex min-h-0 min-w-0 flex-[4]">
          <CameraTile key={focused.key} camera={focused} frames={framesOf.get(focused.key)} engine={engine} view={view} size="large" />
        </div>
        <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1 [container-type:inline-size]">
          {others.map((c) => (
            // As tall as the camera's picture at the column's width (plus its header), shrinking when many.
            <div key={c.key} className="flex min-h-0 shrink" style={{ height: `calc(100cqw / ${cameraAspect(c)} + 26px)` }}>
              <CameraTile camera={c} frames={framesOf.get(c.key)} engine={engine} view={view} size="small" onSelect={onSelect} />
            </div>
          ))}
        </div>
      </div>
    )
  } else {
    // Tiles sized to their pictures: as large as the area allows, centred, no letterbox bands.
    const tile = bestGrid({ width: area.width, height: area.height, count: cameras.length, aspect: cameraAspect(cameras[0]!), header: TILE_HEADER, gap: GAP })
    body = (
      <div ref={area.ref} className="flex min-h-0 flex-1 items-center justify-center p-1" data-layout="grid">
        <div
          className="grid content-center justify-center"
          style={{ gap: GAP, gridTemplateColumns: `repeat(${tile.cols}, ${tile.width}px)`, gridAutoRows: `${tile.height}px` }}
        >
          {cameras.map((c) => (
            <CameraTile key={c.key} camera={c} frames={framesOf.get(c.key)} engine={engine} view={view} size="large" onSelect={cameras.length > 1 ? onSelect : undefined} />
          ))}
        </div>
      </div>
    )
  }

  return (
    <div className="flex h-full w-full min-h-0 flex-col bg-zinc-950" data-testid="player" data-episode={episode.index} data-frame-count={episode.length}>
      {body}
      {controls && <PlayerControls store={store} />}
    </div>
  )
}
