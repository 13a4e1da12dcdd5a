/**
 * A static file server for end-to-end tests that open datasets by URL: byte ranges (206), HEAD, and CORS
 * headers, as an object store or a dataset mirror would serve them. Loopback only, random free port.
 */
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, normalize } from 'node:path'

export interface StaticServer {
  url: string
  close: () => Promise<void>
}

const TYPES: Record<string, string> = {
  '.json': 'application/json', '.jsonl': 'application/jsonl', '.mp4': 'video/mp4', '.parquet': 'application/octet-stream',
  '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png',
}

/** Serves `mounts` (URL prefix -> folder) on 127.0.0.1; without CORS headers when `cors` is false. */
export async function startStaticServer(mounts: Record<string, string>, options: { cors?: boolean } = {}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    if (options.cors !== false) {
      res.setHeader('Access-Control-Allow-Origin', '*')
      res.setHeader('Access-Control-Allow-Headers', 'Range')
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges')
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end()
      return
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const prefix = Object.keys(mounts).find((p) => path.startsWith(`${p}/`))
    const file = prefix === undefined ? undefined : normalize(join(mounts[prefix]!, path.slice(prefix.length)))
    if (file === undefined || !file.startsWith(mounts[prefix!]!) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end()
      return
    }
    const size = statSync(file).size
    const type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream'
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '')
    if (range !== null) {
      const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1])
      const end = range[1] !== '' && range[2] !== '' ? Math.min(size - 1, Number(range[2])) : size - 1
      if (start >= size) {
        res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end()
        return
      }
      res.writeHead(206, { 'Content-Type': type, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Accept-Ranges': 'bytes' })
      if (req.method === 'HEAD') res.end()
      else createReadStream(file, { start, end }).pipe(res)
      return
    }
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Accept-Ranges': 'bytes' })
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
