// Opening by URL against real local servers started here (port 0): each way a URL can fail ends in its kind,
// with a message naming the URL. Node's own fetch names network causes exactly; `browserLikeFetch` replays the
// same servers as a page on another origin sees them (Chromium itself: e2e/urlErrors.spec.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserLikeFetch } from '@/test/browserLikeFetch'
import { lerobotV21Fixture } from '@/test/lerobotFixture'
import type { LocalServer } from '@/test/urlErrorServers'
import { refusedUrl, serve, serveFiles, serveHtml, serveStatus } from '@/test/urlErrorServers'
import type { DiagnoseOptions } from './diagnoseOpenError'
import { openDatasetUrl } from './openDatasetUrl'
import { OpenError } from './openError'

const dataset = Object.fromEntries(lerobotV21Fixture({ fps: 30, episodes: [{ index: 0, length: 40, task: 'stack' }], cameras: [] }))
const servers: LocalServer[] = []
const at = { dataset: '', noCors: '', s401: '', s403: '', s500: '', html: '', predictions: '', reset: '' }
let refused = ''

beforeAll(async () => {
  const started = {
    dataset: await serveFiles(dataset), noCors: await serveFiles(dataset, { cors: false }),
    s401: await serveStatus(401), s403: await serveStatus(403), s500: await serveStatus(500), html: await serveHtml(),
    predictions: await serveFiles({ 'results/run_1.jsonl': '{"model_response": "<progress>40%</progress>"}\n', 'README.md': '# runs' }),
    reset: await serve((req) => req.socket.destroy()),
  }
  for (const [key, server] of Object.entries(started)) {
    servers.push(server)
    at[key as keyof typeof at] = server.url
  }
  refused = await refusedUrl()
})
afterAll(() => Promise.all(servers.map((s) => s.close())))

async function failure(url: string, options: DiagnoseOptions = {}): Promise<OpenError> {
  const error = await openDatasetUrl(url, options).then(() => undefined, (e: unknown) => e)
  if (!(error instanceof OpenError)) throw new Error(`${url}: expected an OpenError, got ${String(error)}`)
  return error
}

describe('opening by URL in Node: causes named exactly', () => {
  it('opens a dataset served with or without CORS headers (Node does not enforce CORS)', async () => {
    for (const url of [at.dataset, at.noCors]) {
      const source = await openDatasetUrl(`${url}/`)
      expect([source.format, source.episodeCount]).toEqual(['lerobot-v2.1', 1])
    }
  })

  it.each([
    ['ftp://example.org/ds', 'uses ftp:'],
    ['just-a-word', 'is not a URL'],
    ['example.org/ds', 'has no scheme'],
    ['http://', 'is not a URL'],
  ])('%s: malformed-url, before any request', async (url, says) => {
    const error = await failure(url, { fetch: () => Promise.reject(new Error('no request expected')) })
    expect([error.kind, error.url]).toEqual(['malformed-url', url])
    expect(error.headline).toContain(says)
  })

  it('a port that was opened, then closed: refused (ECONNREFUSED)', async () => {
    const error = await failure(`${refused}/ds`)
    expect(error.kind).toBe('refused')
    expect(error.headline).toBe(`Nothing is listening on 127.0.0.1:${new URL(refused).port} (ECONNREFUSED), so ${refused}/ds/ cannot be reached.`)
  })

  it('a server that drops the connection: connection-reset', async () => {
    const error = await failure(`${at.reset}/ds`)
    expect(error.kind).toBe('connection-reset')
    expect(error.headline).toContain(`${at.reset}/ds/`)
  })

  // RFC 6761: .invalid never resolves. Without any DNS (some CI), the lookup fails at once (EAI_AGAIN) or, where a
  // dead name server is configured, may wait; each request is bounded so the test cannot hang, and the class is
  // asserted, never the OS wording.
  it('a host under .invalid: dns (or, with a silent name server, timeout)', async () => {
    const bounded: typeof fetch = (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(8_000) })
    const error = await failure('http://proclens-test.invalid/ds', { fetch: bounded, probeTimeoutMs: 8_000 })
    expect(['dns', 'timeout']).toContain(error.kind)
    expect(error.headline).toContain('proclens-test.invalid')
  }, 25_000)

  it.each([
    ['s401', 'unauthorized', '401 Unauthorized for meta/info.json of'],
    ['s403', 'forbidden', '403 Forbidden for meta/info.json of'],
    ['s500', 'server-error', '500 Internal Server Error for meta/info.json of'],
  ] as const)('%s: %s, naming the file and the URL', async (key, kind, says) => {
    const error = await failure(`${at[key]}/ds`)
    expect(error.kind).toBe(kind)
    expect(error.headline).toContain(`${says} ${at[key]}/ds/`)
  })

  it('a wrong path on a server that cannot list: not-found (404 for meta/info.json)', async () => {
    const error = await failure(`${at.dataset}/elsewhere`)
    expect(error.kind).toBe('not-found')
    expect(error.headline).toContain(`${at.dataset}/elsewhere/: meta/info.json answered 404 Not Found`)
  })

  it('the URL of meta/info.json itself: not-found, with the root to try', async () => {
    const error = await failure(`${at.dataset}/meta/info.json`)
    expect(error.kind).toBe('not-found')
    expect(error.advice[0]).toBe(`This URL is a file inside the dataset: try \`${at.dataset}/\`.`)
  })

  it('a web page for every path: not-a-dataset', async () => {
    const error = await failure(`${at.html}/some/page`)
    expect(error.kind).toBe('not-a-dataset')
    expect(error.headline).toBe(`${at.html}/some/page/ answers with web pages, not a dataset's files: meta/info.json came back as an HTML page.`)
  })

  it('a listed folder of predictions: not-a-dataset, saying what it holds', async () => {
    const error = await failure(`${at.predictions}/`)
    expect(error.kind).toBe('not-a-dataset')
    expect(error.headline).toMatch(new RegExp(`^${at.predictions}/: no dataset here: 1 prediction file \\(results/run_1\\.jsonl\\), 1 README/SOURCE file; expected meta/info\\.json`))
  })
})

describe('the same servers as a page on another origin sees them', () => {
  const page = 'http://127.0.0.1:5173/'
  const asPage = (): DiagnoseOptions => ({ fetch: browserLikeFetch(), pageUrl: page })

  it('CORS headers open the dataset; without them: cors', async () => {
    expect((await openDatasetUrl(`${at.dataset}/`, asPage())).episodeCount).toBe(1)
    const error = await failure(`${at.noCors}/`, asPage())
    expect(error.kind).toBe('cors')
    expect(error.headline).toBe(`${new URL(at.noCors).host} answered, but does not allow this page (http://127.0.0.1:5173) to read ${at.noCors}/: it sends no CORS headers for it.`)
  })

  it('a refused port and a dropped connection both read as unreachable, with the ways to find out which', async () => {
    for (const url of [`${refused}/ds`, `${at.reset}/ds`]) {
      const error = await failure(url, asPage())
      expect(error.kind).toBe('unreachable')
      expect(error.message).toContain(`curl -I ${url}/meta/info.json`)
    }
  })

  it('statuses read the same as in Node (the status servers send CORS headers)', async () => {
    expect((await failure(`${at.s401}/ds`, asPage())).kind).toBe('unauthorized')
    expect((await failure(`${at.s403}/ds`, asPage())).kind).toBe('forbidden')
    expect((await failure(`${at.s500}/ds`, asPage())).kind).toBe('server-error')
    expect((await failure(`${at.dataset}/elsewhere`, asPage())).kind).toBe('not-found')
  })

  it('a path on the page\'s own origin is a URL there', async () => {
    const error = await failure('/no-such-dataset', { fetch: browserLikeFetch(), pageUrl: `${at.dataset}/app/` })
    expect([error.kind, error.url]).toEqual(['not-found', `${at.dataset}/no-such-dataset/`])
  })
})
