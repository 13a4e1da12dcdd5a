/**
 * Deep links: `?dataset=<URL or path on this origin>&episode=<index>&frame=<k>` opens exactly that frame, and
 * the app keeps the URL current so a reload keeps the place. A missing dataset means the built-in demo.
 */
export const DEMO_DATASET = '/demo'

export interface Place {
  dataset: string
  episode: number | undefined
  frame: number | undefined
}

function nonNegativeInt(value: string | null): number | undefined {
  if (value === null || !/^\d+$/.test(value)) return undefined
  return Number(value)
}

export function parsePlace(search: string): Place {
  const q = new URLSearchParams(search)
  const dataset = q.get('dataset')
  return {
    dataset: dataset === null || dataset.trim() === '' ? DEMO_DATASET : dataset.trim(),
    episode: nonNegativeInt(q.get('episode')),
    frame: nonNegativeInt(q.get('frame')),
  }
}

export function formatPlace(place: Place): string {
  const q = new URLSearchParams()
  if (place.dataset !== DEMO_DATASET) q.set('dataset', place.dataset)
  if (place.episode !== undefined) q.set('episode', String(place.episode))
  if (place.frame !== undefined && place.frame > 0) q.set('frame', String(place.frame))
  const s = q.toString()
  return s === '' ? '' : `?${s}`
}

/** Replace (not push) the current history entry: scrubbing must not flood the back button. */
export function writePlace(place: Place): void {
  const search = formatPlace(place)
  if (search !== window.location.search) {
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`)
  }
}
