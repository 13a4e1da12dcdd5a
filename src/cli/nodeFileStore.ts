/**
 * A FileStore over a local folder with node:fs, for the CLI and the tests. Reads only the byte ranges asked
 * for, like the browser's stores, so the CLI exercises the same lazy paths as the app.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ByteRange, FileStore } from '../data/fileStore'
import { FileNotFoundError } from '../data/fileStore'

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR'
}

/** A store rooted at `root` (a folder). Paths outside the root are refused. */
export function createNodeFileStore(root: string): FileStore {
  const base = resolve(root)
  const full = (path: string): string => {
    const p = join(base, ...path.split('/').filter((s) => s !== ''))
    if (p !== base && !p.startsWith(base + '/')) throw new FileNotFoundError(path, base)
    return p
  }
  return {
    label: base,
    name: basename(base),
    async readText(path) {
      try {
        return await readFile(full(path), 'utf8')
      } catch (e) {
        if (isMissing(e)) throw new FileNotFoundError(path, base)
        throw e
      }
    },
    async readBytes(path, range?: ByteRange) {
      let handle
      try {
        handle = await open(full(path), 'r')
      } catch (e) {
        if (isMissing(e)) throw new FileNotFoundError(path, base)
        throw e
      }
      try {
        const { size } = await handle.stat()
        const start = Math.min(Math.max(range?.start ?? 0, 0), size)
        const end = Math.min(Math.max(range?.end ?? size, start), size)
        const bytes = new Uint8Array(end - start)
        let done = 0
        while (done < bytes.byteLength) {
          const { bytesRead } = await handle.read(bytes, done, bytes.byteLength - done, start + done)
          if (bytesRead === 0) break
          done += bytesRead
        }
        return bytes.subarray(0, done)
      } finally {
        await handle.close()
      }
    },
    async size(path) {
      try {
        const s = await stat(full(path))
        return s.isFile() ? s.size : undefined
      } catch (e) {
        if (isMissing(e)) return undefined
        throw e
      }
    },
    async list(dir) {
      try {
        const entries = await readdir(full(dir), { withFileTypes: true })
        return entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort()
      } catch (e) {
        if (isMissing(e)) return undefined
        throw e
      }
    },
    mediaUrl(path) {
      return Promise.resolve(pathToFileURL(full(path)).href)
    },
  }
}
