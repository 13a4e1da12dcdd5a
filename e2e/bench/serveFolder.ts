/**
 * Serves a local folder under a URL prefix inside Playwright (page.route), the way a static server does:
 * byte ranges (206), 404 for absent files, and an HTML index for folders (what HttpFileStore lists).
 * Lets the e2e specs open the real datasets in ../shared/datasets without copying them anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, normalize } from 'node:path'
import type { Page, Route } from '@playwright/test'

const TYPES: Record<string, string> = {
  json: 'application/json', jsonl: 'application/x-ndjson', parquet: 'application/octet-stream', mp4: 'video/mp4',
  webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg',
}

async function answer(route: Route, root: string, prefix: string): Promise<void> {
  const req = route.request()
  const url = new URL(req.url())
  const rel = decodeURIComponent(url.pathname.slice(prefix.length))
  const file = normalize(join(root, rel))
  if (!file.startsWith(root) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' })
  if (statSync(file).isDirectory()) {
    const links = readdirSync(file, { withFileTypes: true })
      .map((d) => `<a href="${encodeURIComponent(d.name)}${d.isDirectory() ? '/' : ''}">${d.name}</a>`).join('\n')
    return route.fulfill({ status: 200, contentType: 'text/html', body: `<html><body>${links}</body></html>` })
  }
  // No HEAD: the store then asks for one byte and reads the size from Content-Range, which this answers.
  if (req.method() === 'HEAD') return route.fulfill({ status: 405 })
  const body = readFileSync(file)
  const type = TYPES[file.slice(file.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream'
  const m = /bytes=(\d+)-(\d*)/.exec((await req.allHeaders()).range ?? '')
  if (m === null) return route.fulfill({ status: 200, body, contentType: type })
  const start = Number(m[1])
  const end = m[2] === '' ? body.length - 1 : Math.min(body.length - 1, Number(m[2]))
  if (start >= body.length) return route.fulfill({ status: 416, headers: { 'content-range': `bytes */${body.length}` } })
  return route.fulfill({
    status: 206,
    body: body.subarray(start, end + 1),
    headers: { 'content-type': type, 'content-range': `bytes ${start}-${end}/${body.length}`, 'accept-ranges': 'bytes' },
  })
}

/** Serves `root` at `/<prefix>/` of the page's origin. */
export async function serveFolder(page: Page, prefix: string, root: string): Promise<void> {
  const base = `/${prefix.replace(/^\/|\/$/g, '')}/`
  // By path: a glob would also catch the page itself, whose query string names the dataset (`?dataset=/real/…`).
  await page.route((url) => url.pathname.startsWith(base), (route) => answer(route, normalize(root), base))
}
