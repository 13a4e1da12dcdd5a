/**
 * A FileStore over HTTP(S): the built-in demo (`/demo`), a static server, an object store or a dataset hub
 * mirror. Byte ranges use `Range` requests; a server that ignores them (200 instead of 206) still works: the
 * response is read only as far as needed, and small files are kept whole. Sizes (HEAD) are cached; dataset
 * files are immutable. Folder listings work where the server renders an HTML index (python -m http.server,
 * nginx autoindex, Apache); elsewhere `list` answers `undefined`.
 */
import { currentPageUrl } from './datasetUrl'
import type { ByteRange, FileStore } from './fileStore'
import { FileNotFoundError } from './fileStore'
import { HttpStatusError } from './httpStatusError'

export interface HttpFileStoreOptions {
  fetch?: typeof fetch
  headers?: Record<string, string>
  /** After a server ignored a Range request, files up to this size are kept whole (default 64 MiB). */
  wholeFileLimit?: number
}

export interface HttpFileStore extends FileStore {
  readonly baseUrl: string
  /** Whether the server has honoured Range requests so far. */
  readonly rangeRequests: 'unknown' | 'supported' | 'ignored'
  urlOf(path: string): string
}

const ABSENT = new Set([403, 404, 410])

/** The dataset name a URL implies: its last folder, or `<name>` of a Hub `datasets/<org>/<name>/resolve/<rev>/`. */
function nameOf(base: URL): string {
  const parts = base.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent)
  const resolveAt = parts.lastIndexOf('resolve')
  if (resolveAt >= 2 && parts[resolveAt - 3] === 'datasets') return parts[resolveAt - 1] ?? ''
  return parts.at(-1) ?? base.hostname
}

/** A response that is an HTML page where a data file was asked for: an SPA's fallback, i.e. absent. */
function isHtmlFallback(res: Response, path: string): boolean {
  return (res.headers.get('content-type') ?? '').includes('text/html') && !/\.html?$/i.test(path)
}

async function readPrefix(res: Response, end: number): Promise<{ bytes: Uint8Array; whole: boolean }> {
  const reader = res.body?.getReader()
  if (reader === undefined) return { bytes: new Uint8Array(await res.arrayBuffer()), whole: true }
  const chunks: Uint8Array[] = []
  let total = 0
  let whole = false
  for (;;) {
    const { done, value } = await reader.read()
    if (done) {
      whole = true
      break
    }
    chunks.push(value)
    total += value.byteLength
    if (total >= end) {
      await reader.cancel()
      break
    }
  }
  const bytes = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    bytes.set(c, at)
    at += c.byteLength
  }
  return { bytes, whole }
}

/** Links of an HTML directory listing that name direct children of `dirUrl` (folders end with '/'). */
function parseListing(html: string, dirUrl: string): string[] {
  const names = new Set<string>()
  for (const m of html.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = m[1] ?? m[2] ?? ''
    if (href === '' || href.startsWith('?') || href.startsWith('#')) continue
    let url: URL
    try {
      url = new URL(href, dirUrl)
    } catch {
      continue
    }
    url.search = ''
    url.hash = ''
    if (!url.href.startsWith(dirUrl)) continue
    const rest = url.href.slice(dirUrl.length)
    if (rest === '' || /\/./.test(rest)) continue
    names.add(decodeURIComponent(rest))
  }
  return [...names].sort()
}

/** A store reading `base` (absolute, or relative to the page in the browser). */
export function createHttpFileStore(base: string, options: HttpFileStoreOptions = {}): HttpFileStore {
  const baseUrl = new URL(base.endsWith('/') ? base : `${base}/`, currentPageUrl())
  const doFetch = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init))
  const limit = options.wholeFileLimit ?? 64 * 1024 * 1024
  const sizes = new Map<string, Promise<number | undefined>>()
  const wholeFiles = new Map<string, Uint8Array>()
  const listings = new Map<string, Promise<string[] | undefined>>()
  let rangeRequests: HttpFileStore['rangeRequests'] = 'unknown'

  const urlOf = (path: string): string =>
    new URL(path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/'), baseUrl).href
  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    doFetch(urlOf(path), { headers: { ...options.headers, ...headers } })

  async function probeSize(path: string): Promise<number | undefined> {
    const head = await doFetch(urlOf(path), { method: 'HEAD', ...(options.headers === undefined ? {} : { headers: options.headers }) })
    if (ABSENT.has(head.status) || (head.ok && isHtmlFallback(head, path))) return undefined
    const length = head.headers.get('content-length')
    const encoded = (head.headers.get('content-encoding') ?? 'identity') !== 'identity'
    if (head.ok && length !== null && !encoded) return Number(length)
    if (!head.ok && head.status !== 405 && head.status !== 501) throw new HttpStatusError(head.status, urlOf(path))
    // No usable HEAD: ask for one byte and read the total from Content-Range.
    const res = await get(path, { Range: 'bytes=0-0' })
    if (ABSENT.has(res.status) || isHtmlFallback(res, path)) return undefined
    const total = /\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '')?.[1]
    if (res.status === 206 && total !== undefined) {
      await res.body?.cancel()
      return Number(total)
    }
    if (!res.ok) throw new HttpStatusError(res.status, urlOf(path))
    const bytes = new Uint8Array(await res.arrayBuffer())
    if (bytes.byteLength <= limit) wholeFiles.set(path, bytes)
    return bytes.byteLength
  }

  async function readWhole(path: string): Promise<Uint8Array> {
    const cached = wholeFiles.get(path)
    if (cached !== undefined) return cached
    const res = await get(path)
    if (ABSENT.has(res.status) || (res.ok && isHtmlFallback(res, path))) throw new FileNotFoundError(path, baseUrl.href)
    if (!res.ok) throw new HttpStatusError(res.status, urlOf(path))
    const bytes = new Uint8Array(await res.arrayBuffer())
    sizes.set(path, Promise.resolve(bytes.byteLength))
    return bytes
  }

  async function readRange(path: string, range: ByteRange): Promise<Uint8Array> {
    const start = Math.max(0, range.start)
    if (range.end <= start) return new Uint8Array(0)
    const cached = wholeFiles.get(path)
    if (cached !== undefined) return cached.subarray(start, range.end)
    const res = await get(path, { Range: `bytes=${start}-${range.end - 1}` })
    if (ABSENT.has(res.status) || (res.ok && isHtmlFallback(res, path))) throw new FileNotFoundError(path, baseUrl.href)
    if (res.status === 416) return new Uint8Array(0)
    if (res.status === 206) {
      rangeRequests = 'supported'
      return new Uint8Array(await res.arrayBuffer())
    }
    if (!res.ok) throw new HttpStatusError(res.status, urlOf(path))
    rangeRequests = 'ignored'
    const { bytes, whole } = await readPrefix(res, range.end)
    if (whole && bytes.byteLength <= limit) wholeFiles.set(path, bytes)
    return bytes.slice(start, range.end)
  }

  async function readListing(dir: string): Promise<string[] | undefined> {
    const dirUrl = dir === '' ? baseUrl.href : `${urlOf(dir)}/`
    const res = await doFetch(dirUrl, { headers: { ...options.headers, Accept: 'text/html' } })
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) {
      await res.body?.cancel()
      return undefined
    }
    const names = parseListing(await res.text(), dirUrl)
    return names.length === 0 ? undefined : names
  }

  return {
    label: baseUrl.href,
    name: nameOf(baseUrl),
    baseUrl: baseUrl.href,
    get rangeRequests() {
      return rangeRequests
    },
    urlOf,
    async readText(path) {
      return new TextDecoder().decode(await readWhole(path))
    },
    readBytes(path, range) {
      return range === undefined ? readWhole(path) : readRange(path, range)
    },
    size(path) {
      let entry = sizes.get(path)
      if (entry === undefined) {
        entry = probeSize(path)
        entry.catch(() => sizes.delete(path))
        sizes.set(path, entry)
      }
      return entry
    },
    list(dir) {
      const key = dir.replace(/\/+$/, '')
      let entry = listings.get(key)
      if (entry === undefined) {
        entry = readListing(key).catch(() => undefined)
        listings.set(key, entry)
      }
      return entry
    },
    mediaUrl(path) {
      return Promise.resolve(urlOf(path))
    },
  }
}
