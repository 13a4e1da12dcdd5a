// The browser's local-folder stores (folder input, File System Access handle, drag and drop) give the same
// results as the Node store, on the real shared datasets. Browser objects are faked with Node's File.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createNodeFileStore } from '@/cli/nodeFileStore'
import type { FileStore } from '../fileStore'
import { inspectDataset } from '../inspectDataset'
import { openDataset } from '../openDataset'
import { createDirectoryHandleStore, createFileListStore, createFolderInputStore, storeFromDataTransfer } from './localFileStore'

const ROOT = fileURLToPath(new URL('../../../../shared/datasets', import.meta.url))

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
}

function filesOf(dir: string): { path: string; file: File }[] {
  return walk(dir).map((full) => ({ path: relative(dir, full), file: new File([readFileSync(full)], full.split('/').at(-1) ?? '') }))
}

class FakeNotFound extends Error {
  override name = 'NotFoundError'
}

/** A FileSystemDirectoryHandle over a real folder (only what the store calls). */
function fakeHandle(dir: string): FileSystemDirectoryHandle {
  const name = dir.split('/').at(-1) ?? ''
  const child = (n: string, kind: 'file' | 'directory'): string => {
    const p = join(dir, n)
    if (!existsSync(p) || statSync(p).isDirectory() !== (kind === 'directory')) throw new FakeNotFound(n)
    return p
  }
  return {
    kind: 'directory',
    name,
    getDirectoryHandle: (n: string) => Promise.resolve().then(() => fakeHandle(child(n, 'directory'))),
    getFileHandle: (n: string) => Promise.resolve().then(() => {
      const p = child(n, 'file')
      return { kind: 'file', name: n, getFile: () => Promise.resolve(new File([readFileSync(p)], n)) }
    }),
    entries: () => {
      const list = readdirSync(dir, { withFileTypes: true }).map((e) => [e.name, { kind: e.isDirectory() ? 'directory' : 'file', name: e.name }])
      let at = 0
      return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve(at < list.length ? { value: list[at++], done: false } : { value: undefined, done: true }) }) }
    },
  } as unknown as FileSystemDirectoryHandle
}

async function report(store: FileStore): Promise<unknown> {
  return inspectDataset(await openDataset(store))
}

const DATASETS = ['crowndata-droid_image-sequences', 'g1-policy-train_lerobot-v2.1', 'so101-record-test_lerobot-v3.0'].filter((d) => existsSync(join(ROOT, d)))

describe.skipIf(DATASETS.length === 0)('local folder stores', () => {
  it.each(DATASETS.map((d) => [d]))('%s: folder input, directory handle and drop give the Node store\'s report', async (name) => {
    const dir = join(ROOT, name)
    const expected = await report(createNodeFileStore(dir))
    const listed = filesOf(dir)
    expect(await report(createFileListStore(listed, name))).toEqual(expected)

    const inputFiles = listed.map(({ path, file }) => Object.defineProperty(file, 'webkitRelativePath', { value: `${name}/${path}` }))
    const input = createFolderInputStore(inputFiles)
    expect(input.name).toBe(name)
    expect(await report(input)).toEqual(expected)

    const handleStore = createDirectoryHandleStore(fakeHandle(dir))
    expect(await report(handleStore)).toEqual(expected)
    expect(await handleStore.size('no/such/file')).toBeUndefined()
  })

  it('builds a store from a dropped folder (webkitGetAsEntry, reading entries in batches)', async () => {
    const name = DATASETS[0] ?? ''
    const dir = join(ROOT, name)
    const entry = (path: string): unknown => {
      const n = path.split('/').at(-1) ?? ''
      if (!statSync(path).isDirectory()) {
        return { isFile: true, isDirectory: false, name: n, file: (ok: (f: File) => void) => ok(new File([readFileSync(path)], n)) }
      }
      return {
        isFile: false, isDirectory: true, name: n,
        createReader: () => {
          const children = readdirSync(path).map((c) => entry(join(path, c)))
          let at = 0
          return { readEntries: (ok: (e: unknown[]) => void) => { ok(children.slice(at, at + 100)); at += 100 } }
        },
      }
    }
    const transfer = { items: [{ kind: 'file', webkitGetAsEntry: () => entry(dir) }] } as unknown as DataTransfer
    const store = await storeFromDataTransfer(transfer)
    expect(store?.name).toBe(name)
    expect(await report(store!)).toEqual(await report(createNodeFileStore(dir)))
  })

  it('gives object URLs for media and revokes them on dispose', async () => {
    const store = createFileListStore([{ path: 'a/b.mp4', file: new File([new Uint8Array(10)], 'b.mp4') }], 'x')
    const url = await store.mediaUrl?.('a/b.mp4')
    expect(url).toMatch(/^blob:/)
    expect(await store.mediaUrl?.('a/b.mp4')).toBe(url)
    expect(await store.mediaUrl?.('a/none.mp4')).toBeUndefined()
    expect(await store.list?.('a')).toEqual(['b.mp4'])
    expect(await store.list?.('')).toEqual(['a/'])
    expect(await store.readBytes('a/b.mp4', { start: 2, end: 5 })).toHaveLength(3)
    store.dispose?.()
  })
})
