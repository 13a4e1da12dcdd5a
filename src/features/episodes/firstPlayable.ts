/**
 * The episode a dataset opens on when the URL names none: the first one that can be played. A partly
 * downloaded dataset (only episode 29 of 100 fetched) must not open on an empty episode 0.
 */
import type { QueryClient } from '@tanstack/react-query'
import type { DatasetSource } from '@/data/DatasetSource'
import { presenceOptions } from '@/data/browser/queries'
import type { DatasetRoot } from '@/data/browser/queries'
import { availabilityOf, isPlayable } from '@/data/presence'
import { PRESENCE_PAGE } from './episodeIndexStore'

/** Beyond this many episodes without a playable one, open the first listed and let the list tell. */
const SEARCH_LIMIT = 256

/**
 * The first playable episode (or, if none is among the first {@link SEARCH_LIMIT}, the first with any file);
 * undefined when neither is found. The first episode is checked alone first: in a complete dataset that costs
 * a request or two, not a page of them.
 */
export async function firstPlayableEpisode(client: QueryClient, root: DatasetRoot, source: DatasetSource): Promise<number | undefined> {
  const [first] = await client.fetchQuery(presenceOptions(root, 0, 1))
  if (first !== undefined && isPlayable(first)) return first.index
  let anyFiles = first !== undefined && availabilityOf(first) !== 'missing' ? first.index : undefined
  const end = Math.min(source.episodeCount, SEARCH_LIMIT)
  for (let start = 0; start < end; start += PRESENCE_PAGE) {
    // The same pages the list checks, so its marks come from this search's requests.
    const page = await client.fetchQuery(presenceOptions(root, start, Math.min(start + PRESENCE_PAGE, source.episodeCount)))
    const playable = page.find(isPlayable)
    if (playable !== undefined) return playable.index
    anyFiles ??= page.find((p) => availabilityOf(p) !== 'missing')?.index
  }
  return anyFiles
}
