/**
 * Local HTTP servers that fail the way real ones do, for the URL error tests (vitest and Playwright): a refused
 * port, a status for every path, HTML for every path, a folder that is not a dataset. Loopback only, port 0.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface LocalServer {
  url: string
  close(): Promise<void>
}

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Range',
  'Access-Control-Expose-Headers': 'Content-Range, Content-Length',
}

export async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

/** A loopback URL whose port was just listened on and closed again, so nothing listens there. */
export async function refusedUrl(): Promise<string> {
  const server = await serve(() => undefined)
  await server.close()
  return server.url
}

/** Answers every path with `status` (and CORS headers, so a page can read the status). */
export function serveStatus(status: number): Promise<LocalServer> {
  return serve((_, res) => void res.writeHead(status, { ...CORS, 'Content-Type': 'text/plain' }).end(`status ${status}`))
}

/** Answers every path with the same web page, as a web site or a single-page app does. */
export function serveHtml(): Promise<LocalServer> {
  return serve((_, res) => void res.writeHead(200, { ...CORS, 'Content-Type': 'text/html' }).end('<!doctype html><title>Home</title><p>Welcome'))
}

/**
 * Serves `files` (path -> content) with HTML directory listings, as `python -m http.server` does; CORS headers
 * unless `cors` is false.
 */
export function serveFiles(files: Record<string, string | Uint8Array>, options: { cors?: boolean } = {}): Promise<LocalServer> {
  const headers = options.cors === false ? {} : CORS
  return serve((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\//, '')
    const body = files[path]
    if (body !== undefined) {
      res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength })
      return void res.end(req.method === 'HEAD' ? undefined : body)
    }
    const children = new Set(Object.keys(files).filter((f) => f.startsWith(path) && (path === '' || path.endsWith('/')))
      .map((f) => f.slice(path.length).replace(/\/.*$/, '/')))
    if (children.size === 0) return void res.writeHead(404, headers).end()
    const links = [...children].map((c) => `<a href="${encodeURI(c)}">${c}</a>`).join('\n')
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(`<!doctype html><h1>Index of /${path}</h1>\n${links}`)
  })
}
