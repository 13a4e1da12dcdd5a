import { sessionStore } from '@/stores/sessionStore'
import { signedIn, useTeam } from '@/stores/teamStore'
import { Button } from '@/ui/Button'
import { SyncBadge } from './SyncBadge'

/**
 * The top bar's team part: Team… while no server is configured; then the sync badge (which opens the same
 * dialog) and, once signed in, "Next from queue".
 */
export function TeamControls({ disabled, onNext }: { disabled: boolean; onNext: () => void }) {
  const config = useTeam((s) => s.config)
  const isIn = config !== undefined && signedIn({ config })
  const openTeam = () => sessionStore.getState().toggleOverlay('team')
  return (
    <span className="flex items-center gap-1.5">
      <SyncBadge onClick={openTeam} />
      {isIn && <Button size="sm" variant="ghost" onClick={onNext} disabled={disabled} title="Claim the next episode nobody holds from the team queue and open it (Shift+Q)">Next from queue</Button>}
      {config === undefined && <Button size="sm" variant="ghost" onClick={openTeam} disabled={disabled} title="Sync this dataset with a team server: sign in, edits sent as they are saved">Team…</Button>}
    </span>
  )
}
