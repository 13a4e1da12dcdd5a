/**
 * Where the app's exports go: a zip streamed into a file (the save picker's writable, or, where the browser
 * has none, a download assembled from blob parts), or files written straight into a chosen folder. Both take
 * files one at a time and wait for each to be written, so thousands of episodes never sit in memory at once.
 *
 * The zip is deterministic: entries in the order written, a fixed date, deflate level 6 for text and stored
 * (not recompressed) JPEGs, so the same export gives the same zip.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import type { ExportFile, ExportSink, ExportStream } from '@/core/exports/exportFile'
import { fileBytes, isSafeExportPath } from '@/core/exports/exportFile'
import { downloadBlob } from '@/lib/downloadBlob'

/** Where a zip's bytes go: a file's writable stream, or a collector for a download. */
export interface ByteTarget {
  write(chunk: Uint8Array): Promise<void>
  close(): Promise<void>
  abort(reason: string): Promise<void>
}

/** The zip's fixed entry date (the earliest a zip can hold), so two exports of the same input are the same bytes. */
const ZIP_DATE = new Date(1980, 0, 1, 12, 0, 0)

const encoder = new TextEncoder()

export function zipSink(target: ByteTarget): ExportSink {
  let pending: Promise<void> = Promise.resolve()
  let failure: unknown
  let finished: () => void = () => undefined
  const done = new Promise<void>((resolve) => { finished = resolve })
  const zip = new Zip((err, chunk, final) => {
    if (err !== null) failure = err
    // Chunks are handed on in order; `flush` waits for them before the next file begins.
    else pending = pending.then(() => target.write(chunk)).catch((e: unknown) => { failure = e })
    if (final) finished()
  })
  async function flush(): Promise<void> {
    await pending
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('the zip could not be written')
  }
  function entry(path: string): ZipDeflate | ZipPassThrough {
    if (!isSafeExportPath(path)) throw new Error(`refusing an unsafe path in the export: ${path}`)
    const file = /\.jpe?g$/i.test(path) ? new ZipPassThrough(path) : new ZipDeflate(path, { level: 6 })
    file.mtime = ZIP_DATE
    zip.add(file)
    return file
  }
  return {
    async write(file: ExportFile) {
      entry(file.path).push(fileBytes(file), true)
      await flush()
    },
    open(path: string): Promise<ExportStream> {
      const file = entry(path)
      return Promise.resolve({
        async write(chunk) {
          file.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk)
          await flush()
        },
        async close() {
          file.push(new Uint8Array(0), true)
          await flush()
        },
      })
    },
    async close() {
      zip.end()
      await done
      await flush()
      await target.close()
    },
    async abort(reason: string) {
      zip.terminate()
      await target.abort(reason)
    },
  }
}

/** A zip streamed into a file the user chose (`showSaveFilePicker`'s handle). */
export async function fileTarget(handle: FileSystemFileHandle): Promise<ByteTarget> {
  const writable = await handle.createWritable()
  return {
    write: (chunk) => writable.write(chunk as Uint8Array<ArrayBuffer>),
    close: () => writable.close(),
    abort: () => writable.abort(),
  }
}

/**
 * A zip collected as blob parts and offered as a download when closed, for browsers without the save picker.
 * Blobs may be kept on disk by the browser, but this is the one path that can run out of memory on a huge export.
 */
export function downloadTarget(name: string, onBlob?: (blob: Blob) => void): ByteTarget {
  let parts: BlobPart[] = []
  return {
    write(chunk) {
      parts.push(chunk as Uint8Array<ArrayBuffer>)
      return Promise.resolve()
    },
    close() {
      const blob = new Blob(parts, { type: 'application/zip' })
      parts = []
      if (onBlob !== undefined) onBlob(blob)
      else downloadBlob(name, blob)
      return Promise.resolve()
    },
    abort() {
      parts = []
      return Promise.resolve()
    },
  }
}

/** Files written into a folder the user chose (`showDirectoryPicker`), sub-folders created as needed. */
export function folderSink(root: FileSystemDirectoryHandle): ExportSink {
  const written: string[] = []
  async function handleFor(path: string): Promise<FileSystemFileHandle> {
    if (!isSafeExportPath(path)) throw new Error(`refusing an unsafe path in the export: ${path}`)
    const parts = path.split('/')
    let dir = root
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true })
    written.push(path)
    return dir.getFileHandle(parts[parts.length - 1]!, { create: true })
  }
  return {
    async write(file) {
      const writable = await (await handleFor(file.path)).createWritable()
      await writable.write(fileBytes(file) as Uint8Array<ArrayBuffer>)
      await writable.close()
    },
    async open(path) {
      const writable = await (await handleFor(path)).createWritable()
      return {
        write: (chunk) => writable.write(typeof chunk === 'string' ? chunk : (chunk as Uint8Array<ArrayBuffer>)),
        close: () => writable.close(),
      }
    },
    close: () => Promise.resolve(),
    async abort() {
      // Remove what this export wrote; the folder may hold other things, which stay.
      for (const path of written.reverse()) {
        const parts = path.split('/')
        let dir = root
        try {
          for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part)
          await dir.removeEntry(parts[parts.length - 1]!)
        } catch {
          // Already gone.
        }
      }
    },
  }
}
