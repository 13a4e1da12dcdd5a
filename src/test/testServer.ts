/**
 * A configurable static server for tests of the HTTP store (node:http on 127.0.0.1, random port): byte ranges,
 * HEAD, directory listings and an SPA's index.html fallback can each be turned off, and every request is kept
 * so tests can count them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

export interface ServerOptions {
  ranges: boolean
  listing: boolean
  head: boolean
  spaFallback: boolean
}

export interface TestServer {
  url: string
  requests: { method: string; path: string; range?: string }[]
  close(): Promise<void>
}

function listingHtml(dir: string): string {
  const links = readdirSync(dir, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
    .map((name) => `<li><a href="${encodeURIComponent(name.replace(/\/$/, ''))}${name.endsWith('/') ? '/' : ''}">${name}</a></li>`)
  return `<!DOCTYPE HTML><html><body><h1>Directory listing</h1><ul><li><a href="../">../</a></li>${links.join('')}</ul></body></html>`
}

export async function serve(root: string, options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const o: ServerOptions = { ranges: true, listing: true, head: true, spaFallback: false, ...options }
  const requests: TestServer['requests'] = []
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    requests.push({ method: req.method ?? '', path, ...(req.headers.range === undefined ? {} : { range: req.headers.range }) })
    if (req.method === 'HEAD' && !o.head) return void res.writeHead(405).end()
    const file = normalize(join(root, path))
    const stat = file.startsWith(root) && existsSync(file) ? statSync(file) : undefined
    if (stat?.isDirectory() === true && o.listing && path.endsWith('/')) {
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listingHtml(file))
    }
    if (stat?.isFile() !== true) {
      if (o.spaFallback) return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script src="/assets/app.js"></script>')
      return void res.writeHead(404).end()
    }
    const bytes = readFileSync(file)
    const m = o.ranges ? /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '') : null
    if (m !== null) {
      const start = Number(m[1])
      const end = Math.min(m[2] === '' ? bytes.byteLength - 1 : Number(m[2]), bytes.byteLength - 1)
      if (start >= bytes.byteLength) return void res.writeHead(416, { 'content-range': `bytes */${bytes.byteLength}` }).end()
      res.writeHead(206, { 'content-range': `bytes ${start}-${end}/${bytes.byteLength}`, 'content-length': end - start + 1, 'accept-ranges': 'bytes' })
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
