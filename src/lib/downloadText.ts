import { downloadBlob } from './downloadBlob'

/** Save `text` as a file through the browser's download, as a link with `download` would. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }))
}
