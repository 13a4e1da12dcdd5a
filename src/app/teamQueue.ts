import type { QueryClient } from '@tanstack/react-query'
import { ensureDataset } from '@/data/browser/queries'
import { createTeamClient } from '@/data/team/teamClient'
import { annotationStore } from '@/stores/annotationStore'
import { sessionStore } from '@/stores/sessionStore'
import { signedIn, teamStore } from '@/stores/teamStore'

/** Datasets registered with a server in this page (registering is idempotent; once is enough). */
const registered = new Set<string>()

/**
 * "Next from queue" (Shift+Q): registers the dataset's episodes with the team server (once per page), claims
 * the next episode nobody holds, and opens it. Says why when nothing is left or the server cannot be asked.
 */
export async function openNextFromTeamQueue(client: QueryClient): Promise<void> {
  const { config, dataset } = teamStore.getState()
  const say = (reason: string) => annotationStore.getState().refuse(reason, 'Next from queue')
  if (config === undefined || dataset === undefined || !signedIn({ config })) return say('sign in to a team server first (Team…)')
  const team = createTeamClient({ baseUrl: config.url, token: config.token })
  try {
    const key = `${config.url}#${dataset}`
    if (!registered.has(key)) {
      const source = await ensureDataset(client, sessionStore.getState().root)
      const episodes = await source.listEpisodes(0, source.episodeCount)
      await team.registerDataset(dataset, episodes.map((e) => e.index))
      registered.add(key)
    }
    const claim = await team.claimNext(dataset)
    if (claim.episode === null) return say('nothing left in the team queue: every episode is claimed or has a verdict')
    sessionStore.getState().openEpisode(claim.episode)
  } catch (e) {
    say(`the team server could not be asked: ${e instanceof Error ? e.message : String(e)}`)
  }
}
