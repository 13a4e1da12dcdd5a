/**
 * A camera's frame hashes for the CLI: read from the pHash sidecar when one matches the media
 * (src/data/phashSidecar.ts), else decoded with ffmpeg and hashed; and the sidecar file's bytes.
 */
import { parquetWriteBuffer } from 'hyparquet-writer'
import type { ProblemLog } from '../../core/problems'
import type { HashedFrame } from '../../core/similarities'
import type { CameraMedia } from '../../data/DatasetSource'
import type { FileStore } from '../../data/fileStore'
import { mediaIdentity } from '../../data/mediaIdentity'
import { PHASH_SIDECAR_KEY, PHASH_SIDECAR_METHOD, readPhashSidecar } from '../../data/phashSidecar'
import type { PhashSidecarMeta } from '../../data/phashSidecar'
import { cameraFrames } from './cameraFrames'
import { hashFrames } from './hashFrames'

export interface HashSource {
  /** The dataset folder (ffmpeg reads its files by path). */
  root: string
  /** The dataset's store (the media identity reads the video's size through it). */
  store: FileStore
  /** Where sidecars are looked for (a store over the dataset, or over --phash-sidecar DIR); none: always decode. */
  sidecars: FileStore | undefined
}

export interface CameraHashes {
  frames: HashedFrame[]
  from: 'sidecar' | 'decoded'
}

export interface CameraOfEpisode {
  camera: CameraMedia
  episodeIndex: number
  fps: number
}

export async function cameraHashes(where: HashSource, { camera, episodeIndex, fps }: CameraOfEpisode, log: ProblemLog): Promise<CameraHashes> {
  if (where.sidecars !== undefined) {
    const media = await mediaIdentity({ store: where.store }, camera)
    const frames = await readPhashSidecar(where.sidecars, camera, episodeIndex, media)
    if (frames !== undefined) return { frames, from: 'sidecar' }
  }
  return { frames: await hashFrames(camera.key, cameraFrames(where.root, camera, fps), log), from: 'decoded' }
}

/** The sidecar file of one camera of one episode (deterministic: the same hashes give the same bytes). */
export function encodePhashSidecar(episodeIndex: number, camera: string, media: string, frames: readonly HashedFrame[]): Uint8Array {
  const meta: PhashSidecarMeta = { method: PHASH_SIDECAR_METHOD, media, frames: frames.length }
  return new Uint8Array(parquetWriteBuffer({
    columnData: [
      { name: 'episode_index', data: frames.map(() => BigInt(episodeIndex)), type: 'INT64', nullable: false },
      { name: 'frame_index', data: frames.map((_, k) => BigInt(k)), type: 'INT64', nullable: false },
      { name: 'camera', data: frames.map(() => camera), type: 'STRING', nullable: false },
      { name: 'phash', data: frames.map((f) => f.phash ?? null), type: 'STRING' },
      { name: 'width', data: Int32Array.from(frames, (f) => f.width), type: 'INT32', nullable: false },
      { name: 'height', data: Int32Array.from(frames, (f) => f.height), type: 'INT32', nullable: false },
    ],
    kvMetadata: [{ key: PHASH_SIDECAR_KEY, value: JSON.stringify(meta) }],
  }))
}
