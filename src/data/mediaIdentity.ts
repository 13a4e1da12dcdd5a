/**
 * What identifies a camera's media for caches of what was computed from it (the visual change's hashes in
 * IndexedDB, the pHash sidecar next to a dataset): the video's path and byte size (and, in a file shared by
 * several episodes, the episode's span), or the image files' first path and count. A re-encoded or replaced
 * video changes its size (in practice), so what was computed from the old one is computed again.
 */
import type { CameraMedia, DatasetSource } from './DatasetSource'

export async function mediaIdentity(source: Pick<DatasetSource, 'store'>, camera: CameraMedia): Promise<string> {
  if (camera.kind === 'images') return `${camera.paths[0] ?? ''}+${camera.paths.length}`
  const bytes = await source.store.size(camera.path)
  return `${camera.path}@${bytes ?? '?'}${camera.fromTimestamp !== undefined ? `#${camera.fromTimestamp}-${camera.toTimestamp ?? ''}` : ''}`
}
