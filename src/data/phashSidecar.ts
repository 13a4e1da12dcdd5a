/**
 * The pHash sidecar: every frame's pHash of a camera of an episode, computed once (`proclens phash DATASET
 * --sidecar`) and kept next to the dataset as a parquet file, so that `proclens progress`, `proclens export` and
 * the app's visual change read it instead of decoding the video again (docs/corpus-jobs.md, "The pHash sidecar").
 *
 * ```text
 *  <dataset>/.proclens/phash/<camera>/episode_000007.parquet
 *    columns   episode_index INT64, frame_index INT64, camera STRING, phash STRING (16 hex digits, null where a
 *              frame could not be hashed), width INT32, height INT32; one row per frame, in frame order
 *    metadata  "proclens.phash": {"method": PHASH_SIDECAR_METHOD, "media": <mediaIdentity>, "frames": N}
 * ```
 *
 * A sidecar whose media identity differs from the camera's (another video) or whose method differs (the hashing
 * changed) is ignored, and the hashes are computed again. Reading needs only the store's range reads, so the
 * same reader serves the CLI and the browser.
 */
import type { HashedFrame } from '@/core/similarities'
import type { CameraMedia } from './DatasetSource'
import type { FileStore } from './fileStore'
import { openParquet, readParquetRows } from './parquet'

export const PHASH_SIDECAR_DIR = '.proclens/phash'
/** Bumped whenever what the hashes are computed from, or how, changes. */
export const PHASH_SIDECAR_METHOD = 'imagehash.phash/1'
export const PHASH_SIDECAR_KEY = 'proclens.phash'

export interface PhashSidecarMeta {
  method: string
  media: string
  frames: number
}

/** The sidecar's path inside the dataset (or any folder standing in for it). */
export function phashSidecarPath(camera: string, episodeIndex: number): string {
  return `${PHASH_SIDECAR_DIR}/${camera}/episode_${String(episodeIndex).padStart(6, '0')}.parquet`
}

/** The sidecar's key-value metadata, or undefined when the file is absent or not a sidecar. */
export async function readPhashSidecarMeta(store: FileStore, path: string): Promise<{ meta: PhashSidecarMeta; rows: number } | undefined> {
  if ((await store.size(path)) === undefined) return undefined
  try {
    const handle = await openParquet(store, path)
    const value = handle.metadata.key_value_metadata?.find((kv) => kv.key === PHASH_SIDECAR_KEY)?.value
    if (value === undefined) return undefined
    return { meta: JSON.parse(value) as PhashSidecarMeta, rows: handle.numRows }
  } catch {
    return undefined
  }
}

/**
 * The camera's frame hashes from its sidecar in `store` when one was made from this media with this method,
 * else undefined (absent, stale, damaged: the caller hashes the frames itself).
 */
export async function readPhashSidecar(store: FileStore, camera: Pick<CameraMedia, 'key'>, episodeIndex: number, media: string): Promise<HashedFrame[] | undefined> {
  const path = phashSidecarPath(camera.key, episodeIndex)
  const found = await readPhashSidecarMeta(store, path)
  if (found === undefined || found.meta.method !== PHASH_SIDECAR_METHOD || found.meta.media !== media || found.rows !== found.meta.frames) return undefined
  try {
    const rows = await readParquetRows(await openParquet(store, path), { columns: ['frame_index', 'phash', 'width', 'height'] })
    const frames: HashedFrame[] = []
    for (const [k, row] of rows.entries()) {
      if (row.frame_index !== k) return undefined
      const phash = typeof row.phash === 'string' && /^[0-9a-f]{16}$/.test(row.phash) ? row.phash : undefined
      frames.push({ phash, width: Number(row.width), height: Number(row.height) })
    }
    return frames
  } catch {
    return undefined
  }
}
