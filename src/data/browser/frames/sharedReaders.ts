/**
 * One block cache per video file of an open dataset, shared by the camera's frame source and the visual
 * change's hashing. The hashing reads the reference camera's file in order, from the start, in the first seconds
 * after an episode opens, just when the source reads the same file ahead: with a reader each, that file was
 * downloaded twice (6 MB more at 1280×720), and every response body is read on the main thread beside the
 * decoders (docs/player.md). Counted: a file's blocks go when its last user releases them.
 */
import type { FileStore } from '../../fileStore'
import { BlockReader } from './blockReader'
import type { EpisodeFrameMap } from './frameMap'
import { episodeBytes } from './frameMap'

/**
 * An episode's video up to this size is read whole in the background once its first frame is shown, as a
 * `<video preload="auto">` would: a click on the timeline then waits for the decoder, not the network.
 */
export const READ_AHEAD_MAX_BYTES = 12 * 1024 * 1024

/** Whether the episode's video is small enough to be read whole (and its blocks kept: 16 MiB a file at most). */
export function readsWhole(map: EpisodeFrameMap): boolean {
  const { start, end } = episodeBytes(map)
  return end - start <= READ_AHEAD_MAX_BYTES
}

export interface SharedReader {
  readonly reader: BlockReader
  /** Done with it; once every user is, its blocks are dropped. Safe to call twice. */
  release(): void
}

interface Entry {
  reader: BlockReader
  users: number
}

const open = new WeakMap<FileStore, Map<string, Entry>>()

/** The reader of `path` in `store` that the other users of that file have, or a new one. */
export function acquireReader(store: FileStore, path: string): SharedReader {
  let files = open.get(store)
  if (files === undefined) {
    files = new Map()
    open.set(store, files)
  }
  const inStore = files
  let entry = inStore.get(path)
  if (entry === undefined) {
    entry = { reader: new BlockReader(store, path), users: 0 }
    inStore.set(path, entry)
  }
  const mine = entry
  mine.users += 1
  let released = false
  return {
    reader: mine.reader,
    release() {
      if (released) return
      released = true
      mine.users -= 1
      if (mine.users === 0 && inStore.get(path) === mine) inStore.delete(path)
    },
  }
}
