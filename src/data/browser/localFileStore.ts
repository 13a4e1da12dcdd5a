/**
 * Local folders in the browser; the files never leave the user's machine. Three ways in:
 * - a `FileSystemDirectoryHandle` from `showDirectoryPicker()` (Chromium's File System Access API);
 * - the `File[]` of an `<input type="file" webkitdirectory>` (every browser; paths from `webkitRelativePath`);
 * - a drag and drop (`getAsFileSystemHandle()` where it exists, else `webkitGetAsEntry()`).
 * Byte ranges are `File.slice` reads; media URLs are object URLs, revoked by `dispose()`.
 */
import type { ByteRange, FileStore } from '../fileStore'
import { FileNotFoundError } from '../fileStore'

/** A file with its path relative to the dataset root. */
export interface LocalFile {
  path: string
  file: File
}

async function bytesOf(file: File, range?: ByteRange): Promise<Uint8Array> {
  const blob = range === undefined ? file : file.slice(Math.max(0, range.start), Math.max(range.start, range.end))
  return new Uint8Array(await blob.arrayBuffer())
}

function objectUrls(): { get(path: string, file: File): string; revokeAll(): void } {
  const urls = new Map<string, string>()
  return {
    get(path, file) {
      let url = urls.get(path)
      if (url === undefined) {
        url = URL.createObjectURL(file)
        urls.set(path, url)
      }
      return url
    },
    revokeAll() {
      for (const url of urls.values()) URL.revokeObjectURL(url)
      urls.clear()
    },
  }
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.')
}

/** A store over a flat list of files (folder input or a dropped folder walked with webkitGetAsEntry). */
export function createFileListStore(files: LocalFile[], name: string): FileStore {
  const byPath = new Map(files.map((f) => [segments(f.path).join('/'), f.file]))
  const dirs = new Map<string, Set<string>>()
  for (const path of byPath.keys()) {
    const parts = path.split('/')
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/')
      const entry = i === parts.length - 1 ? (parts[i] ?? '') : `${parts[i] ?? ''}/`
      let set = dirs.get(dir)
      if (set === undefined) dirs.set(dir, (set = new Set()))
      set.add(entry)
    }
  }
  const urls = objectUrls()
  const fileAt = (path: string): File => {
    const file = byPath.get(segments(path).join('/'))
    if (file === undefined) throw new FileNotFoundError(path, `local folder "${name}"`)
    return file
  }
  return {
    label: `local folder "${name}"`,
    name,
    readText: (path) => fileAt(path).text(),
    readBytes: (path, range) => bytesOf(fileAt(path), range),
    size: (path) => Promise.resolve(byPath.get(segments(path).join('/'))?.size),
    list: (dir) => Promise.resolve(dirs.has(segments(dir).join('/')) ? [...(dirs.get(segments(dir).join('/')) ?? [])].sort() : undefined),
    mediaUrl: (path) => {
      const file = byPath.get(segments(path).join('/'))
      return Promise.resolve(file === undefined ? undefined : urls.get(path, file))
    },
    dispose: () => urls.revokeAll(),
  }
}

/**
 * Files of an `<input webkitdirectory>`: every `webkitRelativePath` starts with the chosen folder's name, which
 * becomes the dataset name and is stripped from the paths.
 */
export function createFolderInputStore(files: ArrayLike<File>): FileStore {
  const list = Array.from(files)
  const first = list[0]?.webkitRelativePath ?? ''
  const name = first.includes('/') ? (first.split('/')[0] ?? 'folder') : 'folder'
  return createFileListStore(list.map((file) => {
    const rel = file.webkitRelativePath === '' ? file.name : file.webkitRelativePath
    return { path: rel.startsWith(`${name}/`) ? rel.slice(name.length + 1) : rel, file }
  }), name)
}

interface IterableDirectory {
  entries(): AsyncIterable<[string, FileSystemHandle]>
}

function isMissing(e: unknown): boolean {
  const name = (e as { name?: unknown } | undefined)?.name
  return name === 'NotFoundError' || name === 'TypeMismatchError' || name === 'TypeError'
}

/** A store over a folder picked with `showDirectoryPicker()` (or dropped, in Chromium). */
export function createDirectoryHandleStore(root: FileSystemDirectoryHandle): FileStore {
  const files = new Map<string, Promise<File | undefined>>()
  const urls = objectUrls()
  const label = `local folder "${root.name}"`

  async function directory(parts: string[]): Promise<FileSystemDirectoryHandle | undefined> {
    let dir = root
    try {
      for (const part of parts) dir = await dir.getDirectoryHandle(part)
      return dir
    } catch (e) {
      if (isMissing(e)) return undefined
      throw e
    }
  }

  function file(path: string): Promise<File | undefined> {
    const key = segments(path).join('/')
    let entry = files.get(key)
    if (entry === undefined) {
      const parts = segments(path)
      const last = parts.pop()
      entry = (async () => {
        const dir = last === undefined ? undefined : await directory(parts)
        if (dir === undefined || last === undefined) return undefined
        try {
          return await (await dir.getFileHandle(last)).getFile()
        } catch (e) {
          if (isMissing(e)) return undefined
          throw e
        }
      })()
      files.set(key, entry)
    }
    return entry
  }

  async function required(path: string): Promise<File> {
    const f = await file(path)
    if (f === undefined) throw new FileNotFoundError(path, label)
    return f
  }

  return {
    label,
    name: root.name,
    readText: async (path) => (await required(path)).text(),
    readBytes: async (path, range) => bytesOf(await required(path), range),
    size: async (path) => (await file(path))?.size,
    async list(dir) {
      const handle = await directory(segments(dir))
      if (handle === undefined) return undefined
      const names: string[] = []
      for await (const [name, h] of (handle as unknown as IterableDirectory).entries()) {
        names.push(h.kind === 'directory' ? `${name}/` : name)
      }
      return names.sort()
    },
    async mediaUrl(path) {
      const f = await file(path)
      return f === undefined ? undefined : urls.get(path, f)
    },
    dispose: () => urls.revokeAll(),
  }
}

interface EntryLike {
  isFile: boolean
  isDirectory: boolean
  name: string
  file?(success: (f: File) => void, failure: (e: unknown) => void): void
  createReader?(): { readEntries(success: (entries: EntryLike[]) => void, failure: (e: unknown) => void): void }
}

async function walkEntry(entry: EntryLike, prefix: string, out: LocalFile[]): Promise<void> {
  if (entry.isFile && entry.file !== undefined) {
    const read = entry.file.bind(entry)
    out.push({ path: prefix + entry.name, file: await new Promise<File>((resolve, reject) => read(resolve, reject)) })
    return
  }
  const reader = entry.createReader?.()
  if (reader === undefined) return
  // readEntries returns at most 100 entries per call; call until it returns none.
  for (;;) {
    const batch = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject))
    if (batch.length === 0) break
    for (const child of batch) await walkEntry(child, `${prefix}${entry.name}/`, out)
  }
}

/**
 * A store for a drop. Call it synchronously inside the `drop` handler: the browser empties the DataTransfer once
 * the handler returns, so the handles and entries are taken before the first await. `undefined` when nothing
 * usable was dropped. One dropped folder is the root; several files are a root of their own.
 */
export async function storeFromDataTransfer(transfer: DataTransfer): Promise<FileStore | undefined> {
  const items = Array.from(transfer.items).filter((i) => i.kind === 'file')
  const handles = items.map((i) => (i as { getAsFileSystemHandle?: () => Promise<FileSystemHandle | null> }).getAsFileSystemHandle?.())
  const entries = items.map((i) => i.webkitGetAsEntry() as EntryLike | null)
  if (items.length === 1 && handles[0] !== undefined) {
    const handle = await handles[0]
    if (handle?.kind === 'directory') return createDirectoryHandleStore(handle as FileSystemDirectoryHandle)
  }
  const dropped = entries.filter((e): e is EntryLike => e !== null)
  if (dropped.length === 0) return undefined
  const files: LocalFile[] = []
  const single = dropped.length === 1 && dropped[0]?.isDirectory === true ? dropped[0] : undefined
  if (single !== undefined) {
    await walkEntry(single, '', files)
    return createFileListStore(files.map((f) => ({ ...f, path: f.path.slice(single.name.length + 1) })), single.name)
  }
  for (const entry of dropped) await walkEntry(entry, '', files)
  return createFileListStore(files, 'dropped files')
}
