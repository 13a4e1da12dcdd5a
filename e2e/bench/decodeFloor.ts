/**
 * The decoding floor of a cold jump: what WebCodecs needs to decode the target on every camera and nothing else
 * (from the GOP's key frame to the target, disposable H.264 pictures left out as ProcLens leaves them out), with
 * the bytes already in memory, the workers started and nothing painted. Measured in the plain seek's page
 * (decodeFloorInPage.js), so `npm run bench` shows how much of a jump is decoding that no player can skip, and how
 * much is ProcLens.
 */
import { createNodeFileStore } from '../../src/cli/nodeFileStore'
import { disposableCheck } from '../../src/data/browser/frames/disposablePictures'
import { keyBefore, mapEpisodeFrames } from '../../src/data/browser/frames/frameMap'
import type { EpisodeFrameMap } from '../../src/data/browser/frames/frameMap'
import { readMp4Index } from '../../src/data/media/mp4Index'

/**
 * What the page decodes for one camera: the samples' bytes one after another (base64: handed over from Node, so
 * the measure leaves the browser's HTTP cache as the app found it), their sizes and key flags, in decode order.
 */
export interface FloorPlan {
  config: { codec: string; codedWidth: number; codedHeight: number; description?: number[] }
  bytes: string
  samples: { size: number; key: boolean }[]
}

export interface FloorCamera {
  config: FloorPlan['config']
  map: EpisodeFrameMap
  bytes: Uint8Array
  disposable: ((unit: Uint8Array) => boolean) | undefined
}

/** Reads a camera's sample table (and bytes, for the disposable check) once per episode. */
export async function floorCamera(root: string, path: string): Promise<FloorCamera> {
  const store = createNodeFileStore(root)
  const index = await readMp4Index(store, path)
  const description = index.decoderDescription
  const config = { codec: index.codecString, codedWidth: index.width, codedHeight: index.height, ...(description === undefined ? {} : { description: [...description] }) }
  return {
    config, map: mapEpisodeFrames(index), bytes: await store.readBytes(path),
    disposable: disposableCheck({ codec: config.codec, ...(description === undefined ? {} : { description }) }),
  }
}

/** The samples that decode `frame`: its GOP's key frame to it, less the disposable pictures on the way. */
export function floorPlan(camera: FloorCamera, frame: number): FloorPlan {
  const { map, bytes, disposable } = camera
  const target = map.sampleOf[frame] ?? 0
  const samples: FloorPlan['samples'] = []
  const parts: Uint8Array[] = []
  for (let s = keyBefore(map, target); s <= target; s++) {
    const offset = map.offset[s] ?? 0
    const unit = bytes.subarray(offset, offset + (map.size[s] ?? 0))
    if (s !== target && disposable?.(unit) === true) continue
    samples.push({ size: unit.length, key: map.isSync[s] === 1 })
    parts.push(unit)
  }
  return { config: camera.config, bytes: Buffer.concat(parts).toString('base64'), samples }
}
