import { describeSyncState } from '@/data/team/syncPlan'
import { selectSyncState, useTeam } from '@/stores/teamStore'
import type { Tone } from '@/ui/Badge'

const TONES: Record<string, Tone> = { 'signed-out': 'neutral', offline: 'warn', syncing: 'info', synced: 'ok', conflict: 'error' }

/**
 * The team sync's state in the top bar (Offline / Syncing n / Synced / Conflict / Signed out), with what it
 * means in the tooltip; a button that opens the team dialog. Nothing shows while no team server is configured.
 */
export function SyncBadge({ onClick }: { onClick: () => void }) {
  const config = useTeam((s) => s.config)
  const snapshot = useTeam((s) => s.snapshot)
  const state = selectSyncState({ config, snapshot })
  if (state === undefined) return null
  const { label, title } = describeSyncState(state)
  const tone = TONES[state.state] ?? 'neutral'
  const colors: Record<Tone, string> = {
    neutral: 'bg-zinc-800 text-zinc-300 border-zinc-700',
    ok: 'bg-emerald-950 text-emerald-300 border-emerald-800',
    warn: 'bg-amber-950 text-amber-300 border-amber-800',
    error: 'bg-red-950 text-red-300 border-red-800',
    info: 'bg-sky-950 text-sky-300 border-sky-800',
  }
  return (
    <button type="button" onClick={onClick} title={`${title}\nClick: the team server (sign in, sign out, conflicts).`} aria-label={`Team sync: ${label}`} data-testid="sync-badge" data-state={state.state}
      className={`inline-flex h-6 items-center gap-1 whitespace-nowrap rounded border px-1.5 text-[11px] ${colors[tone]}`}>
      <span aria-hidden className={`inline-block h-1.5 w-1.5 rounded-full ${state.state === 'synced' ? 'bg-emerald-400' : state.state === 'conflict' ? 'bg-red-400' : state.state === 'offline' ? 'bg-amber-400' : state.state === 'syncing' ? 'bg-sky-400' : 'bg-zinc-500'}`} />
      {label}
    </button>
  )
}
