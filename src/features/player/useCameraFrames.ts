import { useEffect, useState } from 'react'
import type { DatasetSource, EpisodeData } from '@/data/DatasetSource'
import type { CameraFrames } from '@/data/browser/frames/openCameraFrames'
import { openCameraFrames } from '@/data/browser/frames/openCameraFrames'

/** Decoded-frame memory for all cameras together, unless the Player is given another figure. */
export const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024

export interface OpenedCameras {
  episode: EpisodeData
  cameras: CameraFrames[]
}

/**
 * Opens every camera of the episode (decoder, fallback or image reader) and disposes them when the episode
 * changes or the player unmounts. `undefined` while opening. The budget is shared equally by the cameras.
 */
export function useCameraFrames(source: DatasetSource, episode: EpisodeData, cacheBytes: number, decoder: 'auto' | 'video-element'): OpenedCameras | undefined {
  const [opened, setOpened] = useState<OpenedCameras | undefined>(undefined)
  useEffect(() => {
    let live = true
    let cameras: CameraFrames[] = []
    const budgetBytes = Math.floor(cacheBytes / Math.max(1, episode.cameras.length))
    void Promise.all(episode.cameras.map((c) => openCameraFrames(source, c, { budgetBytes, fps: episode.fps, decoder }))).then((result) => {
      if (!live) {
        for (const c of result) if (c.ok) c.source.dispose()
        return
      }
      cameras = result
      setOpened({ episode, cameras: result })
    })
    return () => {
      live = false
      for (const c of cameras) if (c.ok) c.source.dispose()
      setOpened(undefined)
    }
  }, [source, episode, cacheBytes, decoder])
  return opened?.episode === episode ? opened : undefined
}
