/**
 * Computed frame hashes kept in IndexedDB by dataset, episode and camera, so an episode is hashed once per
 * browser. A record made from another file (the media identity differs) or by another hashing method is
 * ignored and computed again.
 */
import type { HashedFrame } from '@/core/similarities'
import type { ProcLensDb } from '../db'
import type { FrameHashes } from './computeVisualChange'
import { HASH_METHOD } from './computeVisualChange'
import { NO_HASH } from './hashProtocol'

export interface CacheKey {
  dataset: string
  episode: number
  camera: string
}

export { mediaIdentity } from '../../mediaIdentity'

export async function readCachedHashes(database: ProcLensDb, key: CacheKey, media: string, frameCount: number): Promise<FrameHashes | undefined> {
  const record = await database.visualChange.get([key.dataset, key.episode, key.camera])
  if (record?.media !== media || record.method !== HASH_METHOD || record.hashes.length !== frameCount * 16) return undefined
  const frames: HashedFrame[] = Array.from({ length: frameCount }, (_, k) => {
    const phash = record.hashes.slice(k * 16, k * 16 + 16)
    const size = record.sizes[k] ?? 0
    return { phash: phash === NO_HASH ? undefined : phash, width: Math.floor(size / 65536), height: size % 65536 }
  })
  return { camera: key.camera, frames }
}

export async function writeCachedHashes(database: ProcLensDb, key: CacheKey, media: string, hashes: FrameHashes): Promise<void> {
  await database.visualChange.put({
    ...key, media, method: HASH_METHOD, createdAt: Date.now(),
    hashes: hashes.frames.map((f) => f.phash ?? NO_HASH).join(''),
    sizes: Uint32Array.from(hashes.frames, (f) => f.width * 65536 + f.height),
  })
}
