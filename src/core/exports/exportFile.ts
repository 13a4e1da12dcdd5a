/**
 * What every exporter produces: files named by their path inside the export's root. Exporters are pure and
 * never touch a disk; a sink (a folder in Node, a zip stream or a chosen folder in the browser) writes them, so
 * the CLI and the app produce the same bytes from the same input.
 */
export interface ExportFile {
  /** Relative to the export's root, `/`-separated, never starting with `/` or containing `..`. */
  path: string
  /** Text is written as UTF-8 without a byte-order mark. */
  data: string | Uint8Array
}

/** A file written piece by piece (a records file of thousands of episodes never sits in memory whole). */
export interface ExportStream {
  write(chunk: string | Uint8Array): Promise<void>
  close(): Promise<void>
}

/**
 * Where exported files go. Files arrive one at a time: a stream is closed before the next file begins, so a
 * zip can be written front to back. `close` ends the export; `abort` gives up (a cancelled export), removing
 * what it can.
 */
export interface ExportSink {
  write(file: ExportFile): Promise<void>
  open(path: string): Promise<ExportStream>
  close(): Promise<void>
  abort(reason: string): Promise<void>
}

/** A path inside an export that no sink may refuse: relative, `/`-separated, no `.` or `..` parts. */
export function isSafeExportPath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\'))
}

/** The bytes of `file.data` (UTF-8 for text). */
export function fileBytes(file: ExportFile): Uint8Array {
  return typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data
}
