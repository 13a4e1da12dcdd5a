/**
 * A typed client for the team server's HTTP contract (docs/team.md, API reference). fetch-based, no DOM or
 * React: the browser's sync loop and the Node tests and load test use the same code. Conflicts are results,
 * not errors (the contract answers them with 200); errors are HTTP statuses (`TeamHttpError`) or an
 * unreachable server (`TeamUnreachableError`), so a sync loop can tell "retry later" from "fix the request".
 */
import type { AnnotationDoc } from '@/core/annotation'

export type TeamRole = 'annotator' | 'reviewer' | 'admin'

/** One committed edit as the client pushes it: the full document after the edit, on top of `baseVersion`. */
export interface TeamEdit {
  /** A uuid chosen by the client: pushing is idempotent by it. */
  id: string
  dataset: string
  episode: number
  /** The head's version this edit was made on; 0 when the annotator had no head yet. */
  baseVersion: number
  label: string
  doc: AnnotationDoc
  /** Client time, ISO. */
  at: string
}

/** One annotator's current document of one episode. */
export interface TeamHead {
  dataset: string
  episode: number
  annotator: string
  version: number
  doc: AnnotationDoc
  /** Server time, ISO. */
  updatedAt: string
}

export type PushResult =
  | { id: string; status: 'applied'; version: number }
  | { id: string; status: 'duplicate'; version: number }
  /** `head` is null when the edit's base version is above 0 but the annotator has no head. */
  | { id: string; status: 'conflict'; head: TeamHead | null }

export type ReviewStatus = 'accepted' | 'rejected' | 'flagged' | 'in_progress'

export interface TeamReview {
  dataset: string
  episode: number
  status: ReviewStatus
  reason: string
  reviewer: string
  version: number
  updatedAt: string
}

export type ReviewResult = { status: 'applied'; version: number } | { status: 'conflict'; review: TeamReview }

export interface Claim {
  /** null when every episode has a verdict or a live lease of someone else. */
  episode: number | null
  leaseUntil?: string
}

export interface TeamProgress {
  annotators: { annotator: string; edits: number; episodes: number; lastEditAt: string | null }[]
  datasets: { dataset: string; episodes: number; claimed: number; edited: number; reviewed: number }[]
  /** Lowest boundary F1 first. */
  disagreement: { dataset: string; episode: number; annotators: number; boundaryF1: number }[]
}

/** The server answered with an error status; `message` is the server's `error` text. */
export class TeamHttpError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.name = 'TeamHttpError'
    this.status = status
  }
}

/** The request never got an answer (server down, network gone, timeout): safe to retry later. */
export class TeamUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    super(`team server unreachable at ${url}: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'TeamUnreachableError'
  }
}

export interface TeamClientOptions {
  /** The URL the server printed, e.g. http://127.0.0.1:5480 (a trailing slash is ignored). */
  baseUrl: string
  /** The bearer token, or a function asked before every request (so a refreshed token is picked up). */
  token?: string | (() => string | undefined)
  /** Injected for tests; the global fetch otherwise. */
  fetch?: (input: string, init?: RequestInit) => Promise<Response>
  /** Abort a request after this long (default 30 s). */
  timeoutMs?: number
}

export interface TeamClient {
  readonly baseUrl: string
  health(): Promise<{ ok: boolean; version: number }>
  /** Development and tests only: the local issuer signs a token (404 in production). */
  devToken(annotator: string, role: TeamRole): Promise<string>
  me(): Promise<{ annotator: string; role: TeamRole }>
  registerDataset(dataset: string, episodes: readonly number[]): Promise<{ added: number }>
  claimNext(dataset: string, leaseSeconds?: number): Promise<Claim>
  releaseClaim(dataset: string, episode: number): Promise<{ released: boolean }>
  /** Results come back in the order of `edits`. */
  pushEdits(edits: readonly TeamEdit[]): Promise<PushResult[]>
  /** Heads changed after `since` (all when absent); pass the returned cursor next time. */
  heads(dataset: string, since?: string): Promise<{ heads: TeamHead[]; cursor: string }>
  setReview(review: { dataset: string; episode: number; status: ReviewStatus; reason: string; baseVersion: number }): Promise<ReviewResult>
  reviews(dataset: string): Promise<TeamReview[]>
  /** Admin only (403 otherwise); all datasets when `dataset` is absent. */
  progress(dataset?: string): Promise<TeamProgress>
}

export function createTeamClient(options: TeamClientOptions): TeamClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init))
  const timeoutMs = options.timeoutMs ?? 30_000

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {}
    const token = typeof options.token === 'function' ? options.token() : options.token
    if (token !== undefined && token !== '') headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    const url = `${baseUrl}${path}`
    let response: Response
    try {
      response = await doFetch(url, {
        method, headers, body: body === undefined ? null : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs),
      })
    } catch (e) {
      throw new TeamUnreachableError(url, e)
    }
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (!response.ok) {
      const message = isRecord(parsed) && typeof parsed.error === 'string' ? parsed.error : `HTTP ${response.status} for ${method} ${path}`
      throw new TeamHttpError(response.status, message)
    }
    return parsed as T
  }

  const query = (params: Record<string, string | undefined>) => {
    const q = new URLSearchParams()
    for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v)
    const s = q.toString()
    return s === '' ? '' : `?${s}`
  }

  return {
    baseUrl,
    health: () => call('GET', '/api/health'),
    devToken: async (annotator, role) => (await call<{ token: string }>('POST', '/auth/dev-token', { annotator, role })).token,
    me: () => call('GET', '/api/me'),
    registerDataset: (dataset, episodes) => call('POST', '/api/datasets', { dataset, episodes }),
    claimNext: (dataset, leaseSeconds) => call('POST', '/api/claims/next', { dataset, leaseSeconds }),
    releaseClaim: (dataset, episode) => call('POST', '/api/claims/release', { dataset, episode }),
    pushEdits: async (edits) => (await call<{ results: PushResult[] }>('POST', '/api/edits', { edits })).results,
    heads: (dataset, since) => call('GET', `/api/heads${query({ dataset, since })}`),
    setReview: (review) => call('POST', '/api/reviews', review),
    reviews: async (dataset) => (await call<{ reviews: TeamReview[] }>('GET', `/api/reviews${query({ dataset })}`)).reviews,
    progress: (dataset) => call('GET', `/api/admin/progress${query({ dataset })}`),
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}
