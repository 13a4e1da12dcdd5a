import { useEffect } from 'react'
import { liveQuery } from 'dexie'
import { db } from '@/data/browser/db'
import { TeamSync } from '@/data/browser/teamSync'
import { createTeamClient } from '@/data/team/teamClient'
import { signedIn, teamStore, teamTarget, useTeam } from '@/stores/teamStore'
import { editingEnvironment } from './editingEnvironment'

// Saves ask the team store where their edits go (read at each save, so signing in applies at once).
editingEnvironment.team = (dataset) => teamTarget(teamStore.getState(), dataset)
// A save that queued an edit is counted at once: the badge never says "Synced" while an edit waits for the next
// round (the outbox's live query wakes the loop a little later).
editingEnvironment.teamQueued = (dataset) => {
  const { dataset: open, sync } = teamStore.getState()
  if (open === dataset) sync?.noteQueued()
}

/**
 * Runs the team sync loop of the open dataset while someone is signed in to its server: started when the
 * dataset or the sign-in changes, woken by each new outbox row (any tab's) and by the browser coming back
 * online, stopped when the dataset closes or the annotator signs out (the outbox stays).
 */
export function useTeamSync(dataset: string | undefined): void {
  useEffect(() => teamStore.getState().setDataset(dataset), [dataset])
  const config = useTeam((s) => s.config)
  const active = config !== undefined && signedIn({ config })
  const url = config?.url
  const token = config?.token
  const annotator = config?.annotator
  useEffect(() => {
    if (!active || dataset === undefined || url === undefined || annotator === undefined) return
    const client = createTeamClient({ baseUrl: url, token: token ?? '' })
    // A round still running when the loop is replaced (another dataset, signed out) must not report over the new one.
    const sync: TeamSync = new TeamSync({ db, client, target: { server: url, annotator }, dataset, onChange: (s) => { if (teamStore.getState().sync === sync) teamStore.getState().setSnapshot(s) } })
    teamStore.getState().setSync(sync)
    sync.start()
    const wake = () => sync.wake()
    window.addEventListener('online', wake)
    const rows = liveQuery(() => db.outbox.where('dataset').equals(dataset).count()).subscribe({ next: wake, error: () => undefined })
    return () => {
      sync.stop()
      rows.unsubscribe()
      window.removeEventListener('online', wake)
      if (teamStore.getState().sync === sync) teamStore.getState().setSync(undefined)
    }
  }, [active, dataset, url, token, annotator])
}
