/**
 * The team server of the open dataset (docs/team-sync.md): where it is and who is signed in (per dataset, in
 * localStorage: the URL stays after signing out, the token goes), and the sync loop's last snapshot for the
 * badge. The loop itself runs in the app (`app/useTeamSync.ts`); this store is what keys and views read.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { TeamTarget } from '@/data/browser/teamOutbox'
import type { SyncSnapshot, TeamSync } from '@/data/browser/teamSync'
import type { SyncState } from '@/data/team/syncPlan'
import { syncState } from '@/data/team/syncPlan'
import type { TeamRole } from '@/data/team/teamClient'

export interface TeamConfig {
  /** The server's base URL, as the server printed it. */
  url: string
  /** The bearer token; empty when signed out. */
  token: string
  annotator: string
  role: TeamRole
}

export interface TeamState {
  /** The open dataset's identity. */
  dataset: string | undefined
  /** Its team server, or undefined: ProcLens works alone, as without a team. */
  config: TeamConfig | undefined
  snapshot: SyncSnapshot | undefined
  /** The running loop of the open dataset, for "Keep mine" and "Take theirs" to wake. */
  sync: TeamSync | undefined
  setDataset(dataset: string | undefined): void
  signIn(config: TeamConfig): void
  signOut(): void
  /** Forget the server for this dataset (edits not yet sent stay in the outbox). */
  disconnect(): void
  setSync(sync: TeamSync | undefined): void
  setSnapshot(snapshot: SyncSnapshot | undefined): void
}

const PREFIX = 'proclens.team:'

function read(storage: Storage | undefined, dataset: string): TeamConfig | undefined {
  try {
    const raw = storage?.getItem(PREFIX + dataset)
    if (raw === null || raw === undefined) return undefined
    const v = JSON.parse(raw) as Partial<TeamConfig>
    return typeof v.url === 'string' && v.url !== '' ? { url: v.url, token: v.token ?? '', annotator: v.annotator ?? '', role: v.role ?? 'annotator' } : undefined
  } catch {
    return undefined
  }
}

function write(storage: Storage | undefined, dataset: string, config: TeamConfig | undefined): void {
  try {
    if (config === undefined) storage?.removeItem(PREFIX + dataset)
    else storage?.setItem(PREFIX + dataset, JSON.stringify(config))
  } catch {
    // Storage refused (private mode, full): the setting lasts for this page only.
  }
}

export function createTeamStore(storage: Storage | undefined = typeof localStorage === 'undefined' ? undefined : localStorage) {
  return createStore<TeamState>()((set, get) => ({
    dataset: undefined,
    config: undefined,
    snapshot: undefined,
    sync: undefined,
    setDataset(dataset) {
      if (dataset === get().dataset) return
      set({ dataset, config: dataset === undefined ? undefined : read(storage, dataset), snapshot: undefined })
    },
    signIn(config) {
      const { dataset } = get()
      if (dataset === undefined) return
      write(storage, dataset, config)
      set({ config, snapshot: undefined })
    },
    signOut() {
      const { dataset, config } = get()
      if (dataset === undefined || config === undefined) return
      const out = { ...config, token: '' }
      write(storage, dataset, out)
      set({ config: out, snapshot: undefined })
    },
    disconnect() {
      const { dataset } = get()
      if (dataset === undefined) return
      write(storage, dataset, undefined)
      set({ config: undefined, snapshot: undefined })
    },
    setSync(sync) {
      set({ sync })
    },
    setSnapshot(snapshot) {
      set({ snapshot })
    },
  }))
}

export type TeamStore = ReturnType<typeof createTeamStore>

export const teamStore = createTeamStore()

export function useTeam<T>(selector: (s: TeamState) => T): T {
  return useStore(teamStore, selector)
}

/** Whether someone is signed in to the dataset's team server. */
export function signedIn(s: Pick<TeamState, 'config'>): boolean {
  return s.config !== undefined && s.config.token !== '' && s.config.annotator !== ''
}

/**
 * Where the dataset's edits are queued, or undefined (no server configured: edits stay local, as before teams).
 * Signed out, edits still queue for the annotator who was signed in, and go when they sign in again.
 */
export function teamTarget(s: Pick<TeamState, 'dataset' | 'config'>, dataset: string): TeamTarget | undefined {
  return s.dataset === dataset && s.config !== undefined && s.config.annotator !== '' ? { server: s.config.url, annotator: s.config.annotator } : undefined
}

/** The badge's state, or undefined when no team server is configured (nothing shows). */
export function selectSyncState(s: Pick<TeamState, 'config' | 'snapshot'>): SyncState | undefined {
  if (s.config === undefined) return undefined
  const snap = s.snapshot
  return syncState({
    signedIn: signedIn(s) && snap?.unauthorized !== true,
    pending: snap?.pending ?? 0,
    conflicts: snap?.conflicts ?? [],
    offline: snap?.offline,
    syncedAt: snap?.syncedAt,
  })
}
