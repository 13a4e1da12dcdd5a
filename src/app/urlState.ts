/**
 * Deep links: `?dataset=<URL or path on this origin>&episode=<index>&frame=<k>` opens exactly that frame, and
 * the app keeps the URL current so a reload keeps the place. A missing dataset means the built-in demo.
 */
import { parseDatasetUrl } from '@/data/datasetUrl'
import type { PlaybackStore } from '@/stores/playbackStore'
import type { SessionStore } from '@/stores/sessionStore'
import { DEMO_DATASET } from '@/stores/sessionStore'

export { DEMO_DATASET }

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

/**
 * Keeps the address bar on the current place: at once when the dataset or episode changes, and after the
 * playhead settles (150 ms paused, 1 s while playing) so scrubbing and playback do not flood history. A local
 * folder's id goes in too: after a reload the app says the folder must be chosen again instead of showing the
 * demo. Returns the unsubscribe.
 */
export function syncUrl(session: SessionStore, playback: PlaybackStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  // Until the episode's player has loaded it, the place is the frame the session opens it at.
  const write = (frame: number | undefined) => {
    const { root, episode } = session.getState()
    writePlace({ dataset: root, episode, frame: episode === undefined ? undefined : frame })
  }
  write(session.getState().startFrame)
  const offSession = session.subscribe((s, prev) => {
    if (s.root === prev.root && s.episode === prev.episode) return
    clearTimeout(timer)
    write(s.startFrame)
  })
  const offPlayback = playback.subscribe((s, prev) => {
    if (s.frame === prev.frame && s.playing === prev.playing) return
    clearTimeout(timer)
    timer = setTimeout(() => write(playback.getState().frame), s.playing ? 1000 : 150)
  })
  return () => {
    clearTimeout(timer)
    offSession()
    offPlayback()
  }
}

/**
 * The origin a link's dataset would be fetched from when it is another host than the page's, else undefined (the
 * demo, a path on this origin, a local folder's id, or a malformed URL, whose error shows without a request).
 */
export function foreignOrigin(dataset: string, pageUrl: string): string | undefined {
  let url: URL
  try {
    url = parseDatasetUrl(dataset, pageUrl)
  } catch {
    return undefined
  }
  return url.origin === new URL(pageUrl).origin ? undefined : url.origin
}

// The datasets the user chose to open in this tab, so that a reload keeps the place without asking again.
const OPENED_KEY = 'proclens.openedDatasets'

function openedInThisTab(): string[] {
  try {
    const list: unknown = JSON.parse(sessionStorage.getItem(OPENED_KEY) ?? '[]')
    return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Remembers, for this tab only, that the user opened `dataset`. */
export function rememberOpened(dataset: string): void {
  try {
    sessionStorage.setItem(OPENED_KEY, JSON.stringify([...new Set([...openedInThisTab(), dataset])].slice(-20)))
  } catch {
    // Storage may be off; the cost is one more question after a reload.
  }
}

/** Opens the place in the session (its dataset, and its episode and frame when named). */
export function openPlace(session: SessionStore, place: Place): void {
  session.getState().openDataset(place.dataset)
  if (place.episode !== undefined) session.getState().openEpisode(place.episode, place.frame)
}

/**
 * Opens the place the URL names (a deep link, or the place before a reload), unless its dataset is on another
 * host that the user has not opened in this tab: a link someone sent must not make the browser fetch from a host
 * the user did not choose. Returns that place, for the page to ask about first; the session stays on the demo.
 */
export function seedSession(session: SessionStore, search: string, pageUrl: string): Place | undefined {
  const place = parsePlace(search)
  if (foreignOrigin(place.dataset, pageUrl) !== undefined && !openedInThisTab().includes(place.dataset)) return place
  openPlace(session, place)
  return undefined
}
