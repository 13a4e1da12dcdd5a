/**
 * Turns whatever a failed open by URL threw into an {@link OpenError} a user can act on. What the error itself
 * says is used first (an HTTP status, Node's error code); where it is not enough (a browser's bare "Failed to
 * fetch", a root with no dataset) the server is asked again with a request or two, since this runs only once an
 * open has already failed.
 */
import { currentPageUrl, suggestedRoot } from './datasetUrl'
import { HttpStatusError } from './httpStatusError'
import { codedFailure, corsFailure, errorCode, isMixedContent, mixedContentFailure, unansweredFailure } from './networkFailure'
import { EXPECTED_AT_ROOT, NotADatasetError } from './notADataset'
import { OpenError } from './openError'
import type { OpenErrorParts } from './openError'

export interface DiagnoseOptions {
  fetch?: typeof fetch
  /** The page the app runs in (mixed content, the origin CORS is about); default: the global `location`, if any. */
  pageUrl?: string | undefined
  /** How long each request of the diagnosis waits for an answer, in ms. */
  probeTimeoutMs?: number
}

interface Context {
  fetch: typeof fetch
  pageUrl: string | undefined
  timeoutMs: number
}

const INFO = 'meta/info.json'
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
}

function statusLine(status: number): string {
  const text = STATUS_TEXT[status]
  return text === undefined ? `HTTP ${status}` : `${status} ${text}`
}

/** `<org>/<name>` of a Hugging Face Hub dataset URL, or undefined for another URL. */
function huggingFaceRepo(base: URL): string | undefined {
  if (base.hostname !== 'huggingface.co' && base.hostname !== 'hf.co') return undefined
  const [kind, org, name] = base.pathname.split('/').filter((p) => p !== '')
  return kind === 'datasets' && org !== undefined && name !== undefined ? `${org}/${name}` : '<org>/<name>'
}

/**
 * Puts "try <root>" first where the URL looks like a near miss (a Hub page, a GitHub folder page, …), whatever
 * else went wrong: offline, the page URL fails as unreachable, and the right URL is still the fix.
 */
function withSuggestion(base: URL, parts: OpenErrorParts, options?: { cause?: unknown }): OpenError {
  const suggestion = suggestedRoot(base)
  const hint = suggestion === undefined ? undefined : `This URL is ${suggestion.given}: try \`${suggestion.root}\`.`
  const advice = hint === undefined || parts.advice.includes(hint) ? parts.advice : [hint, ...parts.advice]
  return new OpenError({ ...parts, advice }, options)
}

/** The path of `fileUrl` inside the dataset, for messages ("meta/info.json"). */
function fileOf(base: URL, fileUrl: string): string {
  return fileUrl.startsWith(base.href) ? decodeURIComponent(fileUrl.slice(base.href.length)) : fileUrl
}

function statusFailure(base: URL, status: number, fileUrl: string): OpenError {
  const url = base.href
  const asked = `${statusLine(status)} for ${fileOf(base, fileUrl)} of ${url}`
  const repo = huggingFaceRepo(base)
  const hub = repo === undefined
    ? []
    : ['On the Hugging Face Hub this means a gated or private dataset (or a wrong name): accept its terms on its page, log in ' +
      `(\`hf auth login\`), download it with \`hf download ${repo} --repo-type dataset --local-dir <folder>\` and open the folder; ProcLens sends no token.`]
  if (status === 401) {
    return withSuggestion(base, {
      kind: 'unauthorized', url,
      headline: `The server asks for credentials: ${asked}.`,
      advice: hub.length > 0 ? hub : ['ProcLens sends no credentials: make the files public, or download the dataset and open the folder.'],
    })
  }
  if (status === 403) {
    return withSuggestion(base, {
      kind: 'forbidden', url,
      headline: `The server refuses access: ${asked}.`,
      advice: [...hub, 'Check that the files are public (not a private bucket or an expired signed URL). Object stores answer 403 also for a ' +
        `file that does not exist when listing is not allowed, so check too that the URL is the dataset root, the folder that holds ${INFO}.`],
    })
  }
  if (status >= 500) {
    return new OpenError({
      kind: 'server-error', url,
      headline: `The server failed: ${asked}.`,
      advice: ['That is the server\'s fault, not the dataset\'s: try again later, or look at the server\'s log.'],
    })
  }
  return withSuggestion(base, {
    kind: 'http-status', url,
    headline: `Unexpected answer: ${asked}.`,
    advice: [`Check the URL with \`curl -I ${fileUrl}\`.`],
  })
}

function request(ctx: Context, url: string, init: RequestInit): Promise<Response> {
  return ctx.fetch(url, { ...init, signal: AbortSignal.timeout(ctx.timeoutMs) })
}

/**
 * A fetch failed with no status. Node names the cause; in a browser, ask again: an answer means the network is
 * fine (the failure was something else), a no-cors answer means CORS, nothing at all means unreachable.
 */
async function networkFailure(base: URL, error: unknown, ctx: Context): Promise<OpenError> {
  const code = errorCode(error)
  const coded = code === undefined ? undefined : codedFailure(base, code)
  if (coded !== undefined) return coded
  const probe = new URL(INFO, base).href
  try {
    const res = await request(ctx, probe, { method: 'HEAD' })
    await res.body?.cancel()
    // A refusal explains the failure; any other answer means the server is reachable and the cause lies elsewhere.
    return res.status === 401 || res.status === 403 || res.status >= 500 ? statusFailure(base, res.status, probe) : failed(base, error)
  } catch (again) {
    const code = errorCode(again)
    const coded = code === undefined ? undefined : codedFailure(base, code)
    if (coded !== undefined) return coded
  }
  if (isMixedContent(base, ctx.pageUrl)) return mixedContentFailure(base)
  try {
    await request(ctx, probe, { method: 'HEAD', mode: 'no-cors' })
    return withSuggestion(base, corsFailure(base, ctx.pageUrl))
  } catch {
    return unansweredFailure(base)
  }
}

/**
 * The root holds no dataset. Where the store could list it, the error says what it holds; where it could not,
 * ask for meta/info.json once more to tell a refusal (401, 403), a web page answered for every path, and
 * nothing at all (a wrong path) apart.
 */
async function noDataset(base: URL, error: NotADatasetError, ctx: Context): Promise<OpenError> {
  const url = base.href
  if (!error.unlisted) return withSuggestion(base, { kind: 'not-a-dataset', url, headline: `${url}: ${error.message}`, advice: [] })
  const probe = new URL(INFO, base).href
  let res: Response
  try {
    res = await request(ctx, probe, { method: 'HEAD' })
  } catch (e) {
    return networkFailure(base, e, ctx)
  }
  await res.body?.cancel()
  if (res.status === 401 || res.status === 403 || res.status >= 500) return statusFailure(base, res.status, probe)
  if (res.ok && (res.headers.get('content-type') ?? '').includes('text/html')) {
    return withSuggestion(base, {
      kind: 'not-a-dataset', url,
      headline: `${url} answers with web pages, not a dataset's files: ${INFO} came back as an HTML page.`,
      advice: [`The URL must be where the files themselves are served: the dataset root, which holds ${INFO} (LeRobot) or dataset.json (image sequences).`],
    })
  }
  return withSuggestion(base, {
    kind: 'not-found', url,
    headline: `Nothing ProcLens can open at ${url}: ${INFO} answered ${statusLine(res.status)}, and the server cannot list its folders to look further.`,
    advice: [
      `Check that the URL is the dataset root: ${EXPECTED_AT_ROOT}.`,
      'A server that does not list folders needs dataset.json (and "files" in each episode.json) for image sequences.',
    ],
  })
}

function failed(base: URL, error: unknown): OpenError {
  const message = error instanceof Error ? error.message : String(error)
  return new OpenError({ kind: 'failed', url: base.href, headline: `Could not open ${base.href}: ${message}`, advice: [] }, { cause: error })
}

/** The {@link OpenError} for an open of the dataset at `base` that threw `error`. */
export async function diagnoseOpenError(base: URL, error: unknown, options: DiagnoseOptions = {}): Promise<OpenError> {
  if (error instanceof OpenError) return error
  const found = await diagnose(base, error, options)
  return withSuggestion(base, found, { cause: found.cause })
}

async function diagnose(base: URL, error: unknown, options: DiagnoseOptions): Promise<OpenError> {
  const ctx: Context = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    pageUrl: 'pageUrl' in options ? options.pageUrl : currentPageUrl(),
    timeoutMs: options.probeTimeoutMs ?? 10_000,
  }
  if (error instanceof HttpStatusError) return statusFailure(base, error.status, error.url)
  if (error instanceof NotADatasetError) return noDataset(base, error, ctx)
  if (error instanceof TypeError || errorCode(error) !== undefined) return networkFailure(base, error, ctx)
  return failed(base, error)
}
