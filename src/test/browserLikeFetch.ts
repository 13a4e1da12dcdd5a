/**
 * `fetch` as a page on another origin sees it, for running the browser's side of the URL diagnosis in Node
 * against real local servers: every network failure is a bare `TypeError: Failed to fetch` (no `cause`), an
 * answer without `Access-Control-Allow-Origin` is the same failure, and a `mode: 'no-cors'` request resolves
 * whenever the server answered at all. Chromium itself is checked by e2e/urlErrors.spec.ts.
 */
export function browserLikeFetch(): typeof fetch {
  return async (input, init) => {
    let res: Response
    try {
      res = await fetch(input, init)
    } catch (e) {
      if (e instanceof Error && e.name === 'TimeoutError') throw e
      // A browser hides the cause from the page; hiding it is the point of this stand-in.
      // eslint-disable-next-line preserve-caught-error
      throw new TypeError('Failed to fetch')
    }
    if (init?.mode === 'no-cors') {
      await res.body?.cancel()
      // Stands in for the opaque answer (a Response with status 0 cannot be constructed); nothing reads it.
      return new Response(null)
    }
    if (res.headers.get('access-control-allow-origin') === null) {
      await res.body?.cancel()
      throw new TypeError('Failed to fetch')
    }
    return res
  }
}
