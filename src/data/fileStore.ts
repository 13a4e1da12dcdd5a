/**
 * Where a dataset's files come from. Every reader in src/data goes through this interface, so the same code
 * reads a local folder (browser or Node), a static HTTP server, an object store or the built-in demo.
 *
 * Paths are relative to the dataset root, use '/', and never start with '/'.
 */

/** A half-open byte range `[start, end)`. */
export interface ByteRange {
  start: number
  end: number
}

export interface FileStore {
  /** Where the files come from, for messages: a folder path, a URL, `local folder "x"`. */
  readonly label: string
  /** The root folder's name. ProcVLM calls it `dataset_name` and uses it in every annotation path. */
  readonly name: string
  /** The whole file as UTF-8 text. Rejects with {@link FileNotFoundError} when the file is absent. */
  readText(path: string): Promise<string>
  /**
   * The file's bytes, or only `range` of them (clamped to the file's end). Rejects with
   * {@link FileNotFoundError} when the file is absent.
   */
  readBytes(path: string, range?: ByteRange): Promise<Uint8Array>
  /** The file's size in bytes; `undefined` means the file is absent. */
  size(path: string): Promise<number | undefined>
  /**
   * The entries of a folder (`''` is the root): file names, and folder names ending with '/'.
   * `undefined` when the folder is absent or the store cannot list it (plain HTTP).
   */
  list?(dir: string): Promise<string[] | undefined>
  /** A URL a `<video>` or `<img>` can load (object URL, http URL, file URL); `undefined` when absent. */
  mediaUrl?(path: string): Promise<string | undefined>
  /** Releases object URLs and open handles. */
  dispose?(): void
}

/** The file does not exist in the store. */
export class FileNotFoundError extends Error {
  readonly path: string

  constructor(path: string, where: string) {
    super(`${path}: not found in ${where}`)
    this.name = 'FileNotFoundError'
    this.path = path
  }
}

/** Joins path pieces with '/', dropping empty pieces and duplicate slashes. */
export function joinPath(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '' && p !== '.')
    .join('/')
}

/** The folder part of a path (`''` for a file at the root). */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  const i = trimmed.lastIndexOf('/')
  return i < 0 ? '' : trimmed.slice(0, i)
}

/** The last piece of a path, without a trailing '/'. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}

/** Bytes and requests that went through a {@link countingStore}. */
export interface StoreCounters {
  bytes: number
  requests: number
  /** Bytes read per path. */
  byPath: Map<string, number>
}

/**
 * Wraps a store and counts the bytes it returns. Tests assert lazy reading with it (bytes, not time), and the
 * app can show how much of a remote dataset it actually downloaded.
 */
export function countingStore(store: FileStore): { store: FileStore; counters: StoreCounters } {
  const counters: StoreCounters = { bytes: 0, requests: 0, byPath: new Map() }
  const count = (path: string, n: number): void => {
    counters.bytes += n
    counters.requests += 1
    counters.byPath.set(path, (counters.byPath.get(path) ?? 0) + n)
  }
  const wrapped: FileStore = {
    label: store.label,
    name: store.name,
    async readText(path) {
      const text = await store.readText(path)
      count(path, new TextEncoder().encode(text).byteLength)
      return text
    },
    async readBytes(path, range) {
      const bytes = await store.readBytes(path, range)
      count(path, bytes.byteLength)
      return bytes
    },
    async size(path) {
      counters.requests += 1
      return store.size(path)
    },
  }
  if (store.list !== undefined) {
    const list = store.list.bind(store)
    wrapped.list = async (dir) => {
      counters.requests += 1
      return list(dir)
    }
  }
  if (store.mediaUrl !== undefined) wrapped.mediaUrl = store.mediaUrl.bind(store)
  if (store.dispose !== undefined) wrapped.dispose = store.dispose.bind(store)
  return { store: wrapped, counters }
}

/** Reads a JSON file; `undefined` when absent. Throws SyntaxError on invalid JSON. */
export async function readJsonIfPresent(store: FileStore, path: string): Promise<unknown> {
  if ((await store.size(path)) === undefined) return undefined
  return JSON.parse(await store.readText(path)) as unknown
}
