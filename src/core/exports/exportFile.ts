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

/** Where exported files go. `write` may be called many times; `close` ends the export. */
export interface ExportSink {
  write(file: ExportFile): Promise<void>
  close(): Promise<void>
}

/** The bytes of `file.data` (UTF-8 for text). */
export function fileBytes(file: ExportFile): Uint8Array {
  return typeof file.data === 'string' ? new TextEncoder().encode(file.data) : file.data
}
