/**
 * A request that got no HTTP answer, told apart as far as the runtime honestly allows. Node's fetch names the
 * cause (`cause.code`: ENOTFOUND, ECONNREFUSED, …). A browser's fetch says only "TypeError: Failed to fetch" for
 * a name that does not resolve, a refused port, a reset, a bad certificate and a CORS refusal alike; what a page
 * can still observe, checked in Chromium (docs/datasets.md, "When a URL does not open"):
 * - a `mode: 'no-cors'` request gets an (opaque) answer where the server answered without CORS headers, and
 *   fails where nothing answered;
 * - an https page's request for an http URL that is not loopback is blocked (mixed content), decided from the
 *   two URLs.
 * Timings and Resource Timing entries were the same for every failure, so nothing else is claimed.
 */
import { OpenError } from './openError'
import type { OpenErrorKind } from './openError'

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME'])
const RESET = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])
const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'])

/**
 * The first `code` along an error's `cause` chain: Node puts the system error there (an AggregateError when
 * several addresses were tried). A timeout's DOMException counts as the code `TimeoutError`.
 */
export function errorCode(error: unknown): string | undefined {
  let e: unknown = error
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const { code, name, cause, errors } = e as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown }
    if (typeof code === 'string') return code
    if (name === 'TimeoutError') return name
    e = cause ?? (Array.isArray(errors) ? (errors as unknown[])[0] : undefined)
  }
  return undefined
}

function kindOfCode(code: string): OpenErrorKind | undefined {
  if (DNS.has(code)) return 'dns'
  if (code === 'ECONNREFUSED') return 'refused'
  if (RESET.has(code)) return 'connection-reset'
  if (TIMEOUT.has(code) || code === 'TimeoutError') return 'timeout'
  if (UNREACHABLE.has(code)) return 'unreachable'
  if (code === 'EPROTO' || /CERT|SSL|TLS/.test(code)) return 'tls'
  return undefined
}

function port(url: URL): string {
  return url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port
}

function hostPort(url: URL): string {
  return `${url.hostname}:${port(url)}`
}

function curl(url: URL): string {
  return `Check with \`curl -I ${url.href}meta/info.json\`.`
}

/** The error for a failure Node named by its code, or undefined for a code this does not know. */
export function codedFailure(base: URL, code: string): OpenError | undefined {
  const kind = kindOfCode(code)
  if (kind === undefined) return undefined
  const url = base.href
  const host = base.hostname
  switch (kind) {
    case 'dns':
      return new OpenError({
        kind, url,
        headline: `The host name ${host} does not resolve (${code}), so ${url} cannot be reached.`,
        advice: [code === 'EAI_AGAIN'
          ? 'No name server answered: check the network connection and DNS settings, then try again.'
          : 'Check the spelling of the host name, and whether it is only known inside a VPN.', `\`nslookup ${host}\` tells whether the name exists.`],
      })
    case 'refused':
      return new OpenError({
        kind, url,
        headline: `Nothing is listening on ${hostPort(base)} (${code}), so ${url} cannot be reached.`,
        advice: ['Start the server, or check the port number. To serve a folder of datasets: `npx http-server <folder> --cors -p 8000`.'],
      })
    case 'connection-reset':
      return new OpenError({
        kind, url,
        headline: `${hostPort(base)} closed the connection without answering (${code}) when asked for ${url}.`,
        advice: ['The server may have crashed, or speak another protocol on that port (https where http was asked, or the reverse).', curl(base)],
      })
    case 'timeout':
      return new OpenError({
        kind, url,
        headline: `No answer from ${hostPort(base)} in time (${code}) for ${url}.`,
        advice: ['The host may be down, overloaded, or behind a firewall that drops the connection.', curl(base)],
      })
    case 'unreachable':
      return new OpenError({
        kind, url,
        headline: `The network cannot reach ${host} (${code}), so ${url} cannot be read.`,
        advice: ['Check the network connection, VPN or proxy settings.', curl(base)],
      })
    case 'tls':
      return new OpenError({
        kind, url,
        headline: `The secure connection to ${host} failed (${code}), so ${url} cannot be read.`,
        advice: [code === 'EPROTO' || /SSL|WRONG_VERSION/.test(code)
          ? `The server may not speak https on this port: try \`http://${base.host}${base.pathname}\`.`
          : 'Its certificate is expired, self-signed or for another name: fix it on the server. For a server of your own, use http on 127.0.0.1, or give Node its CA with `NODE_EXTRA_CA_CERTS=ca.pem`.'],
      })
    default:
      return undefined
  }
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]'
}

/** An https page may not read an http URL, except on loopback (checked in Chromium: both fetch modes fail). */
export function isMixedContent(base: URL, pageUrl: string | undefined): boolean {
  return pageUrl !== undefined && new URL(pageUrl).protocol === 'https:' && base.protocol === 'http:' && !isLoopback(base)
}

export function mixedContentFailure(base: URL): OpenError {
  return new OpenError({
    kind: 'mixed-content', url: base.href,
    headline: `This page was loaded over https, and the browser blocks it from reading the http URL ${base.href} (mixed content).`,
    advice: ['Serve the dataset over https, or open ProcLens itself over http (e.g. `npm start`, at http://127.0.0.1:5173). http://localhost and http://127.0.0.1 are allowed from https pages.'],
  })
}

/** The server answered a no-cors request, but a CORS request got nothing readable: the headers are missing. */
export function corsFailure(base: URL, pageUrl: string | undefined): OpenError {
  const origin = pageUrl === undefined ? 'this page' : `this page (${new URL(pageUrl).origin})`
  return new OpenError({
    kind: 'cors', url: base.href,
    headline: `${base.host} answered, but does not allow ${origin} to read ${base.href}: it sends no CORS headers for it.`,
    advice: [
      'The server must send `Access-Control-Allow-Origin: *` (or this page\'s origin) with every file; for byte ranges also ' +
      '`Access-Control-Allow-Headers: Range` and `Access-Control-Expose-Headers: Content-Range, Content-Length`.',
      'To serve a folder of datasets that way: `npx http-server <folder> --cors -p 8000`. For a bucket or a hosted server, add a CORS rule allowing GET and HEAD.',
    ],
  })
}

/** Nothing answered and the browser does not say why: one message with the likely causes and how to find out. */
export function unansweredFailure(base: URL): OpenError {
  return new OpenError({
    kind: 'unreachable', url: base.href,
    headline: `No answer from ${hostPort(base)} for ${base.href}: the request failed before the server said anything.`,
    advice: [
      'The browser does not tell a page why. Likely: the host name does not resolve (a typo, or a name only a VPN knows), ' +
      `nothing is listening on port ${port(base)} (the server is not running), the connection was cut, or the certificate is not trusted.`,
      `\`proclens inspect ${base.href}\` names the exact cause, and so does the browser's developer console ` +
      '(net::ERR_NAME_NOT_RESOLVED, net::ERR_CONNECTION_REFUSED, …).',
      `Or: ${curl(base)}`,
    ],
  })
}
