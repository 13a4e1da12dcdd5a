/**
 * Dataset URLs as users type them: which ones the app can fetch, and which common near-misses (a Hugging Face
 * page, a GitHub folder page, a file inside the dataset) point at a root that can be given instead.
 */
import { OpenError } from './openError'

/** Examples of a valid dataset URL, shown when a URL is not one. */
export const URL_EXAMPLES = ['https://huggingface.co/datasets/<org>/<name>/resolve/main', 'http://127.0.0.1:8000/my_dataset'] as const

const EXAMPLE_ADVICE = `A dataset URL is the http(s) address of the dataset's root folder, e.g. \`${URL_EXAMPLES[0]}\` or \`${URL_EXAMPLES[1]}\`.`

/** The page the code runs in (the app's URL), or undefined in Node. */
export function currentPageUrl(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href
}

/** The URL meant by `localhost:8000/x`, `127.0.0.1/x` or `example.org/x`: an address typed without its scheme. */
export function guessUrl(text: string): string | undefined {
  if (/^(localhost|\d{1,3}(\.\d{1,3}){3})(:\d+)?(\/|$)/i.test(text)) return `http://${text}`
  if (/^([a-z\d-]+\.)+[a-z]{2,}(:\d+)?(\/|$)/i.test(text)) return `https://${text}`
  return undefined
}

function malformed(input: string, headline: string, guess: string | undefined): OpenError {
  const advice = guess === undefined ? [EXAMPLE_ADVICE] : [`Did you mean \`${guess}\`?`, EXAMPLE_ADVICE]
  return new OpenError({ kind: 'malformed-url', url: input, headline, advice })
}

/**
 * The URL of a dataset root. A path starting with `/` is on the page's own origin (the built-in demo is
 * `/demo`); anything else must be an absolute http(s) URL. Throws an {@link OpenError} `malformed-url`.
 */
export function parseDatasetUrl(input: string, pageUrl?: string): URL {
  const text = input.trim()
  if (text === '') throw malformed(input, 'The dataset URL is empty.', undefined)
  let url: URL | undefined
  try {
    url = new URL(text, text.startsWith('/') ? pageUrl : undefined)
  } catch {
    url = undefined
  }
  const guess = text.includes('://') ? undefined : guessUrl(text)
  if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) return url
  // `example.org/x` does not parse; `localhost:8000/x` does, with `localhost:` as its scheme.
  if (guess !== undefined) throw malformed(input, `"${text}" has no scheme (http:// or https://).`, guess)
  if (url === undefined) throw malformed(input, `"${text}" is not a URL.`, undefined)
  throw malformed(input, `"${text}" uses ${url.protocol}; datasets are read over http:// or https:// only.`, undefined)
}

/** `/resolve/<rev>/<path>` of the Hub for the parts after `datasets/<org>/<name>/`. */
function huggingFaceRoot(parts: string[]): string | undefined {
  const [org, name, view, rev, ...rest] = parts
  if (org === undefined || name === undefined || view === 'resolve') return undefined
  const inside = view === 'tree' || view === 'blob' ? rest : []
  return `https://huggingface.co/datasets/${org}/${name}/resolve/${(view === 'tree' || view === 'blob') && rev !== undefined ? rev : 'main'}${folderOf(inside)}`
}

/** `/a/b` for a folder's parts, dropping a trailing `meta/info.json` or `meta` (a file inside the dataset). */
function folderOf(parts: string[]): string {
  const end = parts.at(-1) === 'info.json' && parts.at(-2) === 'meta' ? -2 : parts.at(-1) === 'meta' ? -1 : parts.length
  const kept = parts.slice(0, end)
  return kept.length === 0 ? '' : `/${kept.join('/')}`
}

/** The root a near-miss URL most likely means, and why, for "try `<root>`" advice. */
export interface RootSuggestion {
  root: string
  /** What the given URL is instead: "the dataset's page on the Hugging Face Hub". */
  given: string
}

/**
 * The dataset root a near-miss URL most likely means, or undefined: a Hugging Face dataset page (`…/datasets/org/
 * name`, `/tree/main/x`) becomes its `/resolve/main/` URL, a GitHub `tree/` page its raw.githubusercontent.com
 * URL, and a URL of `meta/info.json` the folder above `meta/`.
 */
export function suggestedRoot(url: URL): RootSuggestion | undefined {
  const parts = url.pathname.split('/').filter((p) => p !== '')
  const host = url.hostname.toLowerCase()
  if ((host === 'huggingface.co' || host === 'hf.co') && parts[0] === 'datasets') {
    const root = huggingFaceRoot(parts.slice(1))
    if (root !== undefined) return { root, given: 'the dataset\'s page on the Hugging Face Hub, not its files' }
  }
  if (host === 'github.com' && parts.length >= 2) {
    const [owner, repo, view, ref, ...rest] = parts
    const given = 'a GitHub page, not the raw files'
    if (view === undefined) return { root: `https://raw.githubusercontent.com/${owner ?? ''}/${repo ?? ''}/HEAD`, given }
    if ((view === 'tree' || view === 'blob') && ref !== undefined) {
      return { root: `https://raw.githubusercontent.com/${owner ?? ''}/${repo ?? ''}/${ref}${folderOf(rest)}`, given }
    }
  }
  const folder = folderOf(parts)
  if (folder.length < url.pathname.replace(/\/+$/, '').length) return { root: new URL(`${folder}/`, url.origin).href, given: 'a file inside the dataset' }
  return undefined
}
