/**
 * A stand-in for the team server (docs/team-sync.md), in memory, on node:http at 127.0.0.1 and a random (or
 * given) port: the HTTP contract of the real one (docs/team.md, "API reference": auth, datasets, claims, edits, heads, admin
 * progress) without PostgreSQL, so the sync's unit tests and a quick e2e run need no database. Tokens are
 * unsigned (`fake.<base64url JSON>`): this is a test double, never a server to deploy. `failNext` makes the next
 * push apply its edits and then drop the connection: the client sees a lost answer, as after a network cut.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { compareAnnotators } from '../core/agreement'
import type { PushResult, TeamEdit, TeamHead, TeamRole } from '../data/team/teamClient'

export interface LoggedEdit extends TeamEdit {
  annotator: string
  version: number
}

export interface FakeTeamServer {
  url: string
  /** Every applied edit, in order (the edit log). */
  log: LoggedEdit[]
  heads: Map<string, TeamHead>
  /** Drop the connection after the next `n` pushes were applied (a lost answer). */
  failNext(n: number): void
  /** Every request's method and path. */
  requests: string[]
  close(): Promise<void>
}

function tokenFor(annotator: string, role: TeamRole): string {
  return `fake.${Buffer.from(JSON.stringify({ sub: annotator, role })).toString('base64url')}`
}

function userOf(req: IncomingMessage): { annotator: string; role: TeamRole } | undefined {
  const m = /^Bearer fake\.(.+)$/.exec(req.headers.authorization ?? '')
  if (m === null) return undefined
  try {
    const claims = JSON.parse(Buffer.from(m[1]!, 'base64url').toString('utf8')) as { sub?: unknown; role?: unknown }
    return typeof claims.sub === 'string' && typeof claims.role === 'string' ? { annotator: claims.sub, role: claims.role as TeamRole } : undefined
  } catch {
    return undefined
  }
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : JSON.parse(text) as Record<string, unknown>
}

export async function startFakeTeamServer(options: { port?: number } = {}): Promise<FakeTeamServer> {
  const log: LoggedEdit[] = []
  const heads = new Map<string, TeamHead>()
  const changed = new Map<string, number>()
  const episodes = new Map<string, Set<number>>()
  const leases = new Map<string, { annotator: string; until: number }>()
  const applied = new Map<string, number>()
  const requests: string[] = []
  let clock = 0
  let failing = 0

  const headKey = (dataset: string, episode: number, annotator: string) => `${dataset}\u0000${episode}\u0000${annotator}`

  function push(annotator: string, edits: TeamEdit[]): PushResult[] {
    return edits.map((e) => {
      const done = applied.get(e.id)
      if (done !== undefined) return { id: e.id, status: 'duplicate', version: done }
      const key = headKey(e.dataset, e.episode, annotator)
      const head = heads.get(key)
      if ((head?.version ?? 0) !== e.baseVersion) return { id: e.id, status: 'conflict', head: head ?? null }
      const version = e.baseVersion + 1
      heads.set(key, { dataset: e.dataset, episode: e.episode, annotator, version, doc: e.doc, updatedAt: new Date().toISOString() })
      changed.set(key, ++clock)
      applied.set(e.id, version)
      log.push({ ...e, annotator, version })
      return { id: e.id, status: 'applied', version }
    })
  }

  function progress(dataset: string | undefined) {
    const inDataset = (d: string) => dataset === undefined || d === dataset
    const byAnnotator = new Map<string, { annotator: string; edits: number; episodes: Set<string>; lastEditAt: string | null }>()
    for (const e of log.filter((x) => inDataset(x.dataset))) {
      const a = byAnnotator.get(e.annotator) ?? { annotator: e.annotator, edits: 0, episodes: new Set<string>(), lastEditAt: null }
      a.edits += 1
      a.episodes.add(`${e.dataset}#${e.episode}`)
      a.lastEditAt = e.at
      byAnnotator.set(e.annotator, a)
    }
    const all = [...heads.values()].filter((h) => inDataset(h.dataset))
    const datasets = [...episodes].filter(([d]) => inDataset(d)).map(([d, eps]) => ({
      dataset: d, episodes: eps.size,
      claimed: [...leases.keys()].filter((k) => k.startsWith(`${d}\u0000`)).length,
      edited: new Set(all.filter((h) => h.dataset === d).map((h) => h.episode)).size,
      reviewed: 0,
    }))
    const byEpisode = new Map<string, TeamHead[]>()
    for (const h of all) byEpisode.set(`${h.dataset}\u0000${h.episode}`, [...(byEpisode.get(`${h.dataset}\u0000${h.episode}`) ?? []), h])
    const disagreement = [...byEpisode.values()].filter((hs) => hs.length >= 2).map((hs) => {
      const report = compareAnnotators(hs.map((h) => ({ name: h.annotator, docs: [h.doc] })))
      return { dataset: hs[0]!.dataset, episode: hs[0]!.episode, annotators: hs.length, boundaryF1: report.episodes[0]?.boundaryF1 ?? 1 }
    }).sort((a, b) => a.boundaryF1 - b.boundaryF1)
    return { annotators: [...byAnnotator.values()].map((a) => ({ ...a, episodes: a.episodes.size })), datasets, disagreement }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x')
    requests.push(`${req.method} ${url.pathname}`)
    const origin = req.headers.origin
    if (origin !== undefined) {
      res.setHeader('access-control-allow-origin', origin)
      res.setHeader('vary', 'origin')
    }
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-max-age': '600' })
      return void res.end()
    }
    const route = `${req.method} ${url.pathname}`
    if (route === 'GET /api/health') return send(200, { ok: true, version: 0 })
    if (route === 'POST /auth/dev-token') {
      const b = await bodyOf(req)
      if (typeof b.annotator !== 'string' || b.annotator.length < 1 || b.annotator.length > 80) return send(400, { error: 'annotator: 1 to 80 characters' })
      return send(200, { token: tokenFor(b.annotator, (b.role as TeamRole | undefined) ?? 'annotator') })
    }
    const user = userOf(req)
    if (user === undefined) return send(401, { error: 'a valid bearer token is required' })
    const b = req.method === 'POST' ? await bodyOf(req) : {}
    switch (route) {
      case 'GET /api/me': return send(200, user)
      case 'POST /api/datasets': {
        const set = episodes.get(b.dataset as string) ?? new Set<number>()
        const before = set.size
        for (const e of b.episodes as number[]) set.add(e)
        episodes.set(b.dataset as string, set)
        return send(200, { added: set.size - before })
      }
      case 'POST /api/claims/next': {
        const dataset = b.dataset as string
        const now = Date.now()
        const live = (e: number) => { const l = leases.get(`${dataset}\u0000${e}`); return l !== undefined && l.until > now ? l : undefined }
        const sorted = [...(episodes.get(dataset) ?? [])].sort((x, y) => x - y)
        const episode = sorted.find((e) => live(e)?.annotator === user.annotator) ?? sorted.find((e) => live(e) === undefined)
        if (episode === undefined) return send(200, { episode: null })
        const until = now + 1000 * ((b.leaseSeconds as number | undefined) ?? 1800)
        leases.set(`${dataset}\u0000${episode}`, { annotator: user.annotator, until })
        return send(200, { episode, leaseUntil: new Date(until).toISOString() })
      }
      case 'POST /api/claims/release': return send(200, { released: leases.delete(`${b.dataset as string}\u0000${b.episode as number}`) })
      case 'POST /api/edits': {
        const results = push(user.annotator, b.edits as TeamEdit[])
        if (failing > 0) {
          failing -= 1
          return void res.destroy()
        }
        return send(200, { results })
      }
      case 'GET /api/heads': {
        const dataset = url.searchParams.get('dataset') ?? ''
        const since = Number(url.searchParams.get('since') ?? '0')
        const list = [...heads].filter(([k, h]) => h.dataset === dataset && (changed.get(k) ?? 0) > since).map(([, h]) => h)
        return send(200, { heads: list, cursor: String(clock) })
      }
      case 'GET /api/admin/progress': {
        if (user.role !== 'admin') return send(403, { error: 'admin only' })
        return send(200, progress(url.searchParams.get('dataset') ?? undefined))
      }
      default: return send(404, { error: `no route ${route}` })
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: e instanceof Error ? e.message : String(e) }))
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    heads,
    requests,
    failNext(n) { failing = n },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }),
  }
}
