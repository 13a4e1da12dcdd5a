/**
 * A static HTTP server for tests (node:http on 127.0.0.1, a free port): byte ranges, HEAD, 404 for absent
 * files and, only when asked, HTML directory listings like `python -m http.server`. Records every request, so
 * a test can assert what a store asked for (no listing requests where the server cannot list, no crawl).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

export interface TestHttpServer {
  url: string
  requests: { method: string; path: string }[]
  close(): Promise<void>
}

function listing(dir: string): string {
  const links = readdirSync(dir, { withFileTypes: true })
    .map((e) => `<li><a href="${encodeURIComponent(e.name)}${e.isDirectory() ? '/' : ''}">${e.name}</a></li>`)
  return `<!DOCTYPE HTML><html><body><ul>${links.join('')}</ul></body></html>`
}

/** Serves `root`; `listing: true` renders an HTML index for folder URLs ending in '/'. */
export async function serveFolder(root: string, options: { listing: boolean }): Promise<TestHttpServer> {
  const requests: TestHttpServer['requests'] = []
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    requests.push({ method: req.method ?? '', path })
    const file = normalize(join(root, path))
    const stat = file.startsWith(root) && existsSync(file) ? statSync(file) : undefined
    if (stat?.isDirectory() === true && options.listing && path.endsWith('/')) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listing(file))
    }
    if (stat?.isFile() !== true) return void res.writeHead(404).end()
    const bytes = readFileSync(file)
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (m !== null) {
      const start = Number(m[1])
      const end = Math.min(m[2] === '' ? bytes.byteLength - 1 : Number(m[2]), bytes.byteLength - 1)
      if (start >= bytes.byteLength) return void res.writeHead(416, { 'content-range': `bytes */${bytes.byteLength}` }).end()
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.byteLength}`, 'content-length': end - start + 1 })
      return void res.end(req.method === 'HEAD' ? undefined : bytes.subarray(start, end + 1))
    }
    res.writeHead(200, { 'content-length': bytes.byteLength, 'content-type': 'application/octet-stream' })
    res.end(req.method === 'HEAD' ? undefined : bytes)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
