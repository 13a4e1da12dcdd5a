/**
 * A server answered a dataset file with an HTTP status that is neither the file nor "absent" (401, 5xx, …).
 * Typed, so a failed open can say "401 for meta/info.json" without reading it back out of a message.
 */
export class HttpStatusError extends Error {
  readonly status: number
  /** The file's full URL. */
  readonly url: string

  constructor(status: number, url: string) {
    super(`HTTP ${status} for ${url}`)
    this.name = 'HttpStatusError'
    this.status = status
    this.url = url
  }
}
