/**
 * Opening a local folder. Files stay on this machine: the File System Access API where the browser has it, a
 * folder `<input webkitdirectory>` where it does not, or a drop of a folder onto the window.
 */
import type { FileStore } from '@/data/fileStore'
import { createDirectoryHandleStore, createFolderInputStore } from '@/data/browser/localFileStore'

type DirectoryPicker = (options?: { mode?: 'read' }) => Promise<FileSystemDirectoryHandle>

/** Ask for a folder; `undefined` when the user cancels. */
export async function pickLocalFolder(fallbackInput: HTMLInputElement | null): Promise<FileStore | undefined> {
  const picker = (window as unknown as { showDirectoryPicker?: DirectoryPicker }).showDirectoryPicker
  if (picker !== undefined) {
    try {
      return createDirectoryHandleStore(await picker({ mode: 'read' }))
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return undefined
      // Some embedded contexts expose the API but refuse it: use the folder input instead.
    }
  }
  fallbackInput?.click()
  return undefined
}

/** The store for the files chosen in a folder input. */
export function storeFromFolderInput(input: HTMLInputElement): FileStore | undefined {
  const files = input.files
  return files === null || files.length === 0 ? undefined : createFolderInputStore(files)
}
