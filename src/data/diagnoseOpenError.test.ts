// The classification of a failed open by URL, as a table: what was thrown, what the server says when asked
// again (a fake fetch), and the kind and words the user gets. Real servers: openDatasetUrl.test.ts.
import { describe, expect, it } from 'vitest'
import { diagnoseOpenError } from './diagnoseOpenError'
import { HttpStatusError } from './httpStatusError'
import { NotADatasetError } from './notADataset'
import { OpenError } from './openError'
import type { OpenErrorKind } from './openError'

const BASE = new URL('http://data.example.org:8000/sets/pusht/')
const INFO = `${BASE.href}meta/info.json`

/** What a probe gets: an answer with a status (and content type), or a failure. */
type Probe = { status: number; type?: string } | 'fails'

/** A fake fetch answering CORS requests with `cors` and no-cors requests with `noCors`, recording what was asked. */
function fakeFetch(cors: Probe, noCors: Probe = cors) {
  const calls: { url: string; method: string; mode: string }[] = []
  const fetch: typeof globalThis.fetch = (input, init) => {
    const mode = init?.mode ?? 'cors'
    calls.push({ url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, method: init?.method ?? 'GET', mode })
    const probe = mode === 'no-cors' ? noCors : cors
    if (probe === 'fails') return Promise.reject(new TypeError('Failed to fetch'))
    return Promise.resolve(new Response(null, { status: probe.status, headers: { 'content-type': probe.type ?? 'application/json' } }))
  }
  return { fetch, calls }
}

/** Node's fetch failure: a TypeError whose cause carries the system error's code. */
function nodeFailure(code: string, aggregate = false): TypeError {
  const system = Object.assign(new Error(`connect ${code}`), { code })
  return new TypeError('fetch failed', { cause: aggregate ? Object.assign(new AggregateError([system]), { code: undefined }) : system })
}

const unlisted = new NotADatasetError('no dataset here: … cannot list its folders to look further', { unlisted: true })
const listed = new NotADatasetError('no dataset here: 1 prediction file (results/a.jsonl); expected meta/info.json …')

interface Case {
  name: string
  error: unknown
  probe?: Probe
  noCors?: Probe
  page?: string
  kind: OpenErrorKind
  says: string[]
}

const CASES: Case[] = [
  // Node names the cause: no request is needed.
  { name: 'ENOTFOUND', error: nodeFailure('ENOTFOUND'), kind: 'dns', says: ['host name data.example.org does not resolve (ENOTFOUND)', BASE.href, 'nslookup data.example.org'] },
  { name: 'EAI_AGAIN', error: nodeFailure('EAI_AGAIN'), kind: 'dns', says: ['(EAI_AGAIN)', 'No name server answered'] },
  { name: 'ECONNREFUSED', error: nodeFailure('ECONNREFUSED'), kind: 'refused', says: ['Nothing is listening on data.example.org:8000 (ECONNREFUSED)', 'Start the server'] },
  { name: 'ECONNREFUSED in an AggregateError (several addresses)', error: nodeFailure('ECONNREFUSED', true), kind: 'refused', says: ['(ECONNREFUSED)'] },
  { name: 'ECONNRESET', error: nodeFailure('ECONNRESET'), kind: 'connection-reset', says: ['closed the connection without answering (ECONNRESET)'] },
  { name: 'UND_ERR_SOCKET', error: nodeFailure('UND_ERR_SOCKET'), kind: 'connection-reset', says: ['(UND_ERR_SOCKET)', `curl -I ${INFO}`] },
  { name: 'ETIMEDOUT', error: nodeFailure('ETIMEDOUT'), kind: 'timeout', says: ['No answer from data.example.org:8000 in time (ETIMEDOUT)'] },
  { name: 'UND_ERR_CONNECT_TIMEOUT', error: nodeFailure('UND_ERR_CONNECT_TIMEOUT'), kind: 'timeout', says: ['(UND_ERR_CONNECT_TIMEOUT)'] },
  { name: 'a TimeoutError', error: new DOMException('timed out', 'TimeoutError'), kind: 'timeout', says: ['(TimeoutError)'] },
  { name: 'EHOSTUNREACH', error: nodeFailure('EHOSTUNREACH'), kind: 'unreachable', says: ['network cannot reach data.example.org (EHOSTUNREACH)'] },
  { name: 'CERT_HAS_EXPIRED', error: nodeFailure('CERT_HAS_EXPIRED'), kind: 'tls', says: ['secure connection to data.example.org failed (CERT_HAS_EXPIRED)', 'NODE_EXTRA_CA_CERTS'] },
  { name: 'DEPTH_ZERO_SELF_SIGNED_CERT', error: nodeFailure('DEPTH_ZERO_SELF_SIGNED_CERT'), kind: 'tls', says: ['(DEPTH_ZERO_SELF_SIGNED_CERT)'] },
  { name: 'ERR_TLS_CERT_ALTNAME_INVALID', error: nodeFailure('ERR_TLS_CERT_ALTNAME_INVALID'), kind: 'tls', says: ['(ERR_TLS_CERT_ALTNAME_INVALID)'] },
  { name: 'EPROTO (https to an http port)', error: nodeFailure('EPROTO'), kind: 'tls', says: ['(EPROTO)', 'may not speak https on this port'] },
  // A browser's bare TypeError: ask again.
  { name: 'browser: no-cors answered, CORS did not', error: new TypeError('Failed to fetch'), probe: 'fails', noCors: { status: 200 },
    page: 'http://127.0.0.1:5173/', kind: 'cors', says: ['data.example.org:8000 answered', 'this page (http://127.0.0.1:5173)', 'Access-Control-Allow-Origin: *',
      'Access-Control-Allow-Headers: Range', 'Access-Control-Expose-Headers: Content-Range, Content-Length', 'npx http-server <folder> --cors -p 8000'] },
  { name: 'browser: neither answered', error: new TypeError('Failed to fetch'), probe: 'fails', kind: 'unreachable',
    says: ['No answer from data.example.org:8000', 'does not tell a page why', 'nothing is listening on port 8000', `curl -I ${INFO}`, `proclens inspect ${BASE.href}`] },
  { name: 'browser: an https page and an http URL', error: new TypeError('Failed to fetch'), probe: 'fails', page: 'https://proclens.example/', kind: 'mixed-content',
    says: ['loaded over https', `http URL ${BASE.href}`] },
  { name: 'browser: the probe answers 401', error: new TypeError('Failed to fetch'), probe: { status: 401 }, kind: 'unauthorized', says: ['401 Unauthorized for meta/info.json'] },
  { name: 'browser: the probe answers 200 (the failure was elsewhere)', error: new TypeError('Failed to fetch'), probe: { status: 200 }, kind: 'failed',
    says: [`Could not open ${BASE.href}: Failed to fetch`] },
  // The store's own statuses.
  { name: 'HTTP 401', error: new HttpStatusError(401, INFO), kind: 'unauthorized', says: [`401 Unauthorized for meta/info.json of ${BASE.href}`, 'ProcLens sends no credentials'] },
  { name: 'HTTP 403', error: new HttpStatusError(403, `${BASE.href}meta/episodes.jsonl`), kind: 'forbidden', says: ['403 Forbidden for meta/episodes.jsonl of', 'Object stores answer 403'] },
  { name: 'HTTP 500', error: new HttpStatusError(500, INFO), kind: 'server-error', says: ['500 Internal Server Error for meta/info.json', "server's log"] },
  { name: 'HTTP 503', error: new HttpStatusError(503, INFO), kind: 'server-error', says: ['503 Service Unavailable'] },
  { name: 'HTTP 418', error: new HttpStatusError(418, INFO), kind: 'http-status', says: ['Unexpected answer: HTTP 418 for meta/info.json', `curl -I ${INFO}`] },
  // No dataset at the root.
  { name: 'a listed root that holds no dataset', error: listed, kind: 'not-a-dataset', says: [`${BASE.href}: no dataset here: 1 prediction file`] },
  { name: 'unlisted, meta/info.json 404', error: unlisted, probe: { status: 404 }, kind: 'not-found',
    says: [`Nothing ProcLens can open at ${BASE.href}: meta/info.json answered 404 Not Found`, 'cannot list its folders', 'Check that the URL is the dataset root: expected meta/info.json'] },
  { name: 'unlisted, meta/info.json 410', error: unlisted, probe: { status: 410 }, kind: 'not-found', says: ['410 Gone'] },
  { name: 'unlisted, meta/info.json 403', error: unlisted, probe: { status: 403 }, kind: 'forbidden', says: ['403 Forbidden for meta/info.json'] },
  { name: 'unlisted, meta/info.json 401', error: unlisted, probe: { status: 401 }, kind: 'unauthorized', says: ['401 Unauthorized'] },
  { name: 'unlisted, an HTML page for meta/info.json', error: unlisted, probe: { status: 200, type: 'text/html; charset=utf-8' }, kind: 'not-a-dataset',
    says: [`${BASE.href} answers with web pages`, 'meta/info.json came back as an HTML page'] },
  { name: 'unlisted, and now the server is gone', error: unlisted, probe: 'fails', kind: 'unreachable', says: ['No answer from'] },
  { name: 'info.json unusable', error: new NotADatasetError('not a usable LeRobot dataset: meta/info.json lacks fps'), kind: 'not-a-dataset',
    says: [`${BASE.href}: not a usable LeRobot dataset: meta/info.json lacks fps`] },
  // Anything else keeps its own words.
  { name: 'a parse error', error: new SyntaxError('Unexpected token < in JSON'), kind: 'failed', says: [`Could not open ${BASE.href}: Unexpected token < in JSON`] },
]

describe('diagnoseOpenError', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const { fetch } = fakeFetch(c.probe ?? { status: 200 }, c.noCors ?? c.probe ?? { status: 200 })
    const error = await diagnoseOpenError(BASE, c.error, { fetch, pageUrl: c.page })
    expect(error).toBeInstanceOf(OpenError)
    expect(error.kind).toBe(c.kind)
    expect(error.url).toBe(BASE.href)
    for (const text of c.says) expect(error.message).toContain(text)
    // Backticks pair up: the app shows what is between them as code.
    expect(error.message.split('`').length % 2).toBe(1)
  })

  it('asks nothing when the error says enough (a status, a code, a listed root)', async () => {
    for (const error of [new HttpStatusError(500, INFO), nodeFailure('ECONNREFUSED'), listed]) {
      const { fetch, calls } = fakeFetch('fails')
      await diagnoseOpenError(BASE, error, { fetch })
      expect(calls).toEqual([])
    }
  })

  it('in a browser, asks meta/info.json with HEAD, then the same without CORS', async () => {
    const { fetch, calls } = fakeFetch('fails', { status: 200 })
    await diagnoseOpenError(BASE, new TypeError('Failed to fetch'), { fetch, pageUrl: undefined })
    expect(calls).toEqual([{ url: INFO, method: 'HEAD', mode: 'cors' }, { url: INFO, method: 'HEAD', mode: 'no-cors' }])
  })

  it('gives an OpenError back unchanged', async () => {
    const given = new OpenError({ kind: 'malformed-url', url: 'x', headline: 'h', advice: [] })
    expect(await diagnoseOpenError(BASE, given)).toBe(given)
  })

  it('suggests the resolve URL for a Hugging Face dataset page, first', async () => {
    const { fetch } = fakeFetch({ status: 404 })
    const error = await diagnoseOpenError(new URL('https://huggingface.co/datasets/lerobot/pusht/'), unlisted, { fetch })
    expect(error.kind).toBe('not-found')
    expect(error.advice[0]).toBe('This URL is the dataset\'s page on the Hugging Face Hub, not its files: try `https://huggingface.co/datasets/lerobot/pusht/resolve/main`.')
  })

  it('suggests the resolve URL also when the page cannot be reached (offline)', async () => {
    const error = await diagnoseOpenError(new URL('https://huggingface.co/datasets/lerobot/pusht/'), nodeFailure('ENOTFOUND'))
    expect(error.kind).toBe('dns')
    expect(error.advice[0]).toContain('try `https://huggingface.co/datasets/lerobot/pusht/resolve/main`')
    expect(error.advice.filter((a) => a.includes('resolve/main'))).toHaveLength(1)
  })

  it('says what a 401 from the Hugging Face Hub means', async () => {
    const hub = new URL('https://huggingface.co/datasets/org/gated/resolve/main/')
    const error = await diagnoseOpenError(hub, new HttpStatusError(401, `${hub.href}meta/info.json`))
    expect(error.kind).toBe('unauthorized')
    expect(error.message).toContain('gated or private dataset')
    expect(error.message).toContain('`hf download org/gated --repo-type dataset --local-dir <folder>`')
  })

  it('leaves http://localhost alone on an https page (loopback is not mixed content)', async () => {
    const { fetch } = fakeFetch('fails')
    const error = await diagnoseOpenError(new URL('http://localhost:8000/ds/'), new TypeError('Failed to fetch'), { fetch, pageUrl: 'https://proclens.example/' })
    expect(error.kind).toBe('unreachable')
  })
})
