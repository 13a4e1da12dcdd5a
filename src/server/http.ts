/**
 * The HTTP layer: node:http, the contract's routes (api.ts), CORS for the configured origins, bearer tokens,
 * JSON in and out, and one mapping from failures to statuses. A thin layer on purpose (docs/team.md says why
 * not PostGraphile): it parses, signs in, and calls SQL.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { Pool } from 'pg'
import { routes, Forbidden } from './api'
import { BadRequest, devTokenBody, parseBody } from './bodies'
import { withConnection } from './db'
import { schemaVersion } from './migrations'
import { AuthError } from './tokens'
import type { Identity, TokenIssuer } from './tokens'

const MAX_BODY = 32 * 1024 * 1024

export interface HttpOptions {
  pool: Pool
  issuer: TokenIssuer
  /** Origins allowed by CORS; 'dev' = any http://127.0.0.1:* or http://localhost:*. */
  origins: 'dev' | readonly string[]
  /** Where 5xx failures are reported (stderr by default; the tests collect them). */
  log?: (message: string) => void
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

function allowedOrigin(origin: string | undefined, origins: HttpOptions['origins']): string | undefined {
  if (origin === undefined) return undefined
  if (origins === 'dev') return /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin) ? origin : undefined
  return origins.includes(origin) ? origin : undefined
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY) throw new HttpError(413, `body: larger than ${MAX_BODY / 2 ** 20} MiB; push fewer edits at a time`)
    chunks.push(chunk as Buffer)
  }
  if (size === 0) return undefined
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch (e) {
    throw new BadRequest(`body: not valid JSON (${e instanceof Error ? e.message : String(e)})`)
  }
}

/** pg's error fields we map from. */
interface PgError {
  code?: string
  message: string
}

const isPgError = (e: unknown): e is PgError => e instanceof Error && 'code' in e

/** A database failure as a status and a message the client can act on. */
function databaseFailure(e: PgError, who: Identity | undefined): HttpError {
  const code = e.code ?? ''
  if (code === '42501') {
    if (/row-level security/.test(e.message)) {
      if (/"reviews"/.test(e.message)) return new HttpError(403, `status: ${who?.role ?? 'this role'} may set only in_progress or flagged; accepted and rejected are for reviewers and admins (row-level security refused the write)`)
      if (/"episodes"/.test(e.message)) return new HttpError(403, `lease: ${who?.annotator ?? 'an annotator'} may take or release only their own lease (row-level security refused the write)`)
      return new HttpError(403, `annotator: ${who?.annotator ?? 'an annotator'} may write only as themself (row-level security refused the write)`)
    }
    return new HttpError(403, e.message)
  }
  if (code.startsWith('22') || code === '23514') return new HttpError(400, e.message)
  if (code === '23505') return new HttpError(400, `id: already used (${e.message})`)
  if (code.startsWith('08') || code.startsWith('57P') || /ECONNREFUSED|ECONNRESET|Connection terminated/.test(e.message)) {
    return new HttpError(503, `database unavailable, retry: ${e.message}`)
  }
  return new HttpError(500, e.message)
}

function statusOf(e: unknown, who: Identity | undefined): HttpError {
  if (e instanceof HttpError) return e
  if (e instanceof BadRequest) return new HttpError(400, e.message)
  if (e instanceof AuthError) return new HttpError(401, e.message)
  if (e instanceof Forbidden) return new HttpError(403, e.message)
  if (isPgError(e)) return databaseFailure(e, who)
  return new HttpError(500, e instanceof Error ? e.message : String(e))
}

async function signIn(req: IncomingMessage, issuer: TokenIssuer): Promise<Identity> {
  const header = req.headers.authorization
  if (header === undefined) throw new AuthError('authorization: missing; send `Authorization: Bearer <token>`')
  const m = /^Bearer\s+(\S+)$/i.exec(header)
  if (m?.[1] === undefined) throw new AuthError('authorization: expected `Bearer <token>`')
  return issuer.verify(m[1])
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpOptions): Promise<void> {
  const origin = allowedOrigin(req.headers.origin, options.origins)
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', vary: 'Origin' }
  if (origin !== undefined) headers['access-control-allow-origin'] = origin
  const send = (status: number, body: unknown) => {
    res.writeHead(status, headers)
    res.end(JSON.stringify(body))
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...headers, 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'authorization, content-type', 'access-control-max-age': '600' })
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://localhost')
  const key = `${req.method ?? 'GET'} ${url.pathname}`
  let who: Identity | undefined
  try {
    if (key === 'GET /api/health') {
      send(200, { ok: true, version: await withConnection(options.pool, schemaVersion) })
      return
    }
    if (key === 'POST /auth/dev-token') {
      if (options.issuer.sign === undefined) throw new HttpError(404, 'dev-token: this server signs in through OIDC; there is no local issuer')
      const b = parseBody(devTokenBody, await readJson(req))
      send(200, { token: await options.issuer.sign(b) })
      return
    }
    const route = routes[key]
    if (route === undefined) throw new HttpError(404, `no route ${key}`)
    who = await signIn(req, options.issuer)
    const body = req.method === 'POST' ? await readJson(req) : undefined
    send(200, await route(options.pool, { who, url, body }))
  } catch (e) {
    const failure = statusOf(e, who)
    if (failure.status >= 500) (options.log ?? console.error)(`team-server: ${key}: ${failure.message}`)
    send(failure.status, { error: failure.message })
  }
}

export function createHttpServer(options: HttpOptions): Server {
  return createServer((req, res) => {
    handle(req, res, options).catch((e: unknown) => {
      (options.log ?? console.error)(`team-server: unexpected failure: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'internal error' }))
    })
  })
}
