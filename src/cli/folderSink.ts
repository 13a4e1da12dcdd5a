/**
 * The CLI's export sink: files written under a folder, created as needed. A stream goes through a write
 * stream, so a records file of any size never sits in memory. Aborting removes the files this run wrote (and
 * nothing else: the folder may hold other things).
 */
import { createWriteStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { ExportFile, ExportSink, ExportStream } from '../core/exports/exportFile'
import { isSafeExportPath } from '../core/exports/exportFile'

export function folderSink(root: string): ExportSink & { written: string[] } {
  const written: string[] = []
  async function target(path: string): Promise<string> {
    if (!isSafeExportPath(path)) throw new Error(`refusing to write outside the export folder: ${path}`)
    const full = join(root, ...path.split('/'))
    await mkdir(dirname(full), { recursive: true })
    written.push(path)
    return full
  }
  return {
    written,
    async write(file: ExportFile) {
      await writeFile(await target(file.path), file.data)
    },
    async open(path: string): Promise<ExportStream> {
      const out = createWriteStream(await target(path))
      const failed = new Promise<never>((_, reject) => out.once('error', reject))
      failed.catch(() => undefined)
      return {
        write: (chunk) => Promise.race([failed, new Promise<void>((resolve) => {
          if (out.write(chunk)) resolve()
          else out.once('drain', () => resolve())
        })]),
        close: () => Promise.race([failed, new Promise<void>((resolve) => out.end(() => resolve()))]),
      }
    },
    async close() {},
    async abort() {
      for (const path of written) await rm(join(root, ...path.split('/')), { force: true })
    },
  }
}
