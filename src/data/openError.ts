/**
 * Why a dataset URL did not open, as one of a few kinds a user can act on, with a message that names the URL
 * and says what to do. The app and `proclens inspect` show the same text (docs/datasets.md, "When a URL does
 * not open").
 */

export type OpenErrorKind =
  /** Not a URL the app can fetch: unparseable, a bare word, a scheme other than http(s). */
  | 'malformed-url'
  /** The host name does not resolve (Node only: the browser does not say). */
  | 'dns'
  /** Nothing listens on the port (Node only). */
  | 'refused'
  /** The server closed the connection without an answer (Node only). */
  | 'connection-reset'
  | 'timeout'
  /** The certificate was refused (Node only). */
  | 'tls'
  /** No answer, cause unknown: what the browser can say of DNS, refused, reset and certificate failures alike. */
  | 'unreachable'
  /** An https page asked for an http URL that is not loopback: the browser blocks it. */
  | 'mixed-content'
  /** The server answered, but without the CORS headers that let this page read the answer. */
  | 'cors'
  | 'unauthorized'
  | 'forbidden'
  /** Nothing at the path: meta/info.json is absent and the server cannot list the folder. */
  | 'not-found'
  | 'server-error'
  /** Any other unexpected status. */
  | 'http-status'
  /** The server answers, but what it serves is not a dataset. */
  | 'not-a-dataset'
  /** None of the above: the error's own message is shown. */
  | 'failed'

export interface OpenErrorParts {
  kind: OpenErrorKind
  /** The URL as resolved (the dataset root), or as typed when it does not parse. */
  url: string
  /** What happened, naming the URL: one sentence. */
  headline: string
  /** What to do, one step per entry. Commands and header names are in backticks. */
  advice: readonly string[]
}

export class OpenError extends Error {
  readonly kind: OpenErrorKind
  readonly url: string
  readonly headline: string
  readonly advice: readonly string[]

  constructor(parts: OpenErrorParts, options?: { cause?: unknown }) {
    super([parts.headline, ...parts.advice].join(' '), options)
    this.name = 'OpenError'
    this.kind = parts.kind
    this.url = parts.url
    this.headline = parts.headline
    this.advice = parts.advice
  }
}
