/**
 * Opening an episode for editing, and never losing an edit while it is open:
 * - the document comes back from IndexedDB with its undo history when it was corrected before, else it is the
 *   imported VLM proposal (or an empty document when the episode has no labels);
 * - every committed change is saved at once (drag previews are not: only commits), one save at a time, the
 *   latest history each time; the status says `saving` until IndexedDB has the change, then `saved`;
 * - one tab edits an episode at a time (a Web Lock per episode). Another tab opening it is read-only and says
 *   so, follows the editing tab's saves live, can take over, and becomes the editor by itself when the first
 *   tab closes. Where locks are missing, the save's compare-and-swap still refuses to overwrite another tab's
 *   save, and the user chooses: keep this tab's version, or load the other one. Nothing is silently lost.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AnnotationDoc } from '@/core/annotation'
import { structurallyEqual } from '@/core/history'
import { createHistory } from '@/core/history'
import type { Problem } from '@/core/problems'
import type { ProcLensDb } from '@/data/browser/db'
import type { HistoryKey, SavedHistory } from '@/data/browser/savedHistory'
import { HistoryConflict, HistorySaver, loadHistory } from '@/data/browser/savedHistory'
import type { TeamTarget } from '@/data/browser/teamOutbox'
import type { AnnotationStore } from './annotationStore'

export type SaveStatus =
  | { state: 'loading' }
  /** Opened, nothing changed since. */
  | { state: 'unchanged' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  | { state: 'failed'; reason: string }
  /** Another tab saved this episode meanwhile (only where Web Locks are missing). */
  | { state: 'conflict'; reason: string }

export interface EditingState {
  status: SaveStatus
  /** Why this tab cannot edit (another tab is editing), or undefined. */
  readOnly: string | undefined
  /** Where the open document came from. */
  origin: 'saved' | 'imported' | 'empty' | undefined
  /** Saved corrections whose VLM proposal differs from the labels file now next to the dataset. */
  proposalChanged: boolean
  problems: Problem[]
}

export function createEditingStatusStore() {
  return createStore<EditingState>()(() => ({ status: { state: 'unchanged' }, readOnly: undefined, origin: undefined, proposalChanged: false, problems: [] }))
}

export type EditingStatusStore = ReturnType<typeof createEditingStatusStore>

/** The app's editing status (what the save indicator and the read-only banner show). */
export const editingStatus = createEditingStatusStore()

export function useEditingStatus<T>(selector: (s: EditingState) => T): T {
  return useStore(editingStatus, selector)
}

/** The browser services this needs, injectable for tests (jsdom has neither locks nor BroadcastChannel). */
export interface EditingEnvironment {
  db: ProcLensDb
  locks: LockManager | undefined
  /** A channel shared by the tabs of this origin, or undefined. */
  channel: BroadcastChannel | undefined
  /** This tab's id. */
  tab: string
  /** How saved histories are read (tests slow it down to make reads finish out of order). */
  load?: typeof loadHistory
  /** The team server a dataset's edits are queued for (asked at each save), or undefined: none (docs/team-sync.md). */
  team?: (dataset: string) => TeamTarget | undefined
  /** Told when a save of `dataset` queued an edit for its team server. */
  teamQueued?: (dataset: string) => void
}

export interface OpenEpisodeOptions {
  key: HistoryKey
  /** The VLM proposal as imported now, or undefined when the episode has no labels. */
  imported: AnnotationDoc | undefined
  /** The document to start from when there is neither a saved history nor labels. */
  empty: () => AnnotationDoc
  store: AnnotationStore
  status: EditingStatusStore
  env: EditingEnvironment
}

/** What the caller can do with an open episode. */
export interface EpisodeEditing {
  /** Stop saving (after the pending save) and release the episode. */
  close: () => Promise<void>
  /** Edit here even though another tab edits (it becomes read-only). */
  takeOver: () => void
  /** After a conflict: keep this tab's version (overwrites the other tab's save). */
  keepMine: () => void
  /** After a conflict, or in a read-only tab: show what was saved last. */
  loadSaved: () => Promise<void>
  /** After a failed save: try again now (the next edit would too). */
  retry: () => void
}

const CHANNEL_MESSAGE = 'proclens:saved'

function storeKey(key: HistoryKey): string {
  return `${key.dataset}#${key.episode}`
}

/**
 * Whether `e` is the browser refusing to store more. Dexie wraps IndexedDB's DOMException in its own error of the
 * same name, and a transaction the quota aborted may carry it as its `inner` cause, so the chain is followed.
 */
export function isQuotaExceeded(e: unknown): boolean {
  for (let x = e, depth = 0; x !== null && typeof x === 'object' && depth < 5; x = (x as { inner?: unknown }).inner, depth++) {
    if ((x as { name?: unknown }).name === 'QuotaExceededError') return true
  }
  return false
}

/** Why a save failed, in words that say what happened and what to do (the banner adds that the tab keeps the edits). */
export function describeError(e: unknown): string {
  if (isQuotaExceeded(e)) {
    return 'the browser\'s storage for this site is full. Free some space (delete other sites\' data in the browser\'s settings, or free disk space), or export the records (Export…) to keep a copy, then press Save again'
  }
  return e instanceof Error ? e.message : String(e)
}

/** Opens an episode's history into `store` and keeps it saved; see the module comment. */
export async function openEpisodeEditing(options: OpenEpisodeOptions): Promise<EpisodeEditing> {
  const { key, store, status, env } = options
  const id = storeKey(key)
  status.setState({ status: { state: 'loading' }, readOnly: undefined, origin: undefined, proposalChanged: false, problems: [] })

  let saver: HistorySaver
  let closed = false
  /** Set while a history is being (re)opened into the store: that is not a change to save. */
  let restoring = false
  let releaseLock: (() => void) | undefined
  let waiting: AbortController | undefined

  // Restores can overlap (a read-only tab told of two saves in a row): the latest one started wins.
  let latestRestore = 0
  async function restore(): Promise<void> {
    const token = ++latestRestore
    const saved: SavedHistory | undefined = await (env.load ?? loadHistory)(env.db, key)
    if (token !== latestRestore || closed) return
    const imported = options.imported
    const history = saved?.history ?? createHistory(imported ?? options.empty())
    saver = new HistorySaver(env.db, key, env.tab, { ...saved, team: () => env.team?.(key.dataset), queued: () => env.teamQueued?.(key.dataset) })
    const proposal = saved?.history.present.provenance.proposal
    status.setState({
      origin: saved !== undefined ? 'saved' : imported !== undefined ? 'imported' : 'empty',
      proposalChanged: proposal !== undefined && imported?.provenance.proposal !== undefined && !structurallyEqual(proposal, imported.provenance.proposal),
      problems: saved?.problems ?? [],
      status: { state: saved !== undefined ? 'saved' : 'unchanged', ...(saved !== undefined ? { at: saved.savedAt } : {}) } as SaveStatus,
    })
    restoring = true
    try {
      store.getState().open(id, history)
    } finally {
      restoring = false
    }
  }

  // Saves run one at a time; a change during a save is saved right after it, with the latest history.
  let saving: Promise<void> | undefined
  let again = false
  function save(): Promise<void> {
    if (saving !== undefined) {
      again = true
      return saving
    }
    saving = saveLoop().finally(() => {
      saving = undefined
    })
    return saving
  }
  async function saveLoop(): Promise<void> {
    do {
      again = false
      const h = store.getState().history
      if (h === undefined || store.getState().key !== id) return
      status.setState({ status: { state: 'saving' } })
      try {
        const revision = await saver.save(h)
        env.channel?.postMessage({ type: CHANNEL_MESSAGE, key: id, revision })
        if (!again) status.setState({ status: { state: 'saved', at: Date.now() } })
      } catch (e) {
        if (e instanceof HistoryConflict) {
          status.setState({ status: { state: 'conflict', reason: e.message } })
          store.getState().setReadOnly(`${e.message}; choose which version to keep`)
        } else {
          status.setState({ status: { state: 'failed', reason: describeError(e) } })
        }
        return
      }
    } while (again)
  }

  // Save when what is committed changes: not on previews of an open gesture, not when a history is (re)opened.
  const unsubscribe = store.subscribe((s, prev) => {
    const h = s.history
    const p = prev.history
    if (closed || restoring || s.key !== id || prev.key !== id || h === undefined || p === undefined || h === p) return
    if (h.transaction !== undefined || s.readOnly !== undefined) return
    const committed = (x: typeof h) => [x.transaction?.base ?? x.present, x.past, x.future] as const
    const [a, b] = [committed(h), committed(p)]
    if (a[0] === b[0] && a[1] === b[1] && a[2] === b[2]) return
    void save()
  })

  function setReadOnly(reason: string | undefined): void {
    status.setState({ readOnly: reason })
    store.getState().setReadOnly(reason)
  }

  // A read-only tab follows the editing tab: every save it announces is loaded here.
  function onMessage(event: MessageEvent): void {
    const data = event.data as { type?: unknown; key?: unknown } | null
    if (closed || data?.type !== CHANNEL_MESSAGE || data.key !== id || status.getState().readOnly === undefined) return
    void restore().then(() => setReadOnly(status.getState().readOnly))
  }
  env.channel?.addEventListener('message', onMessage)

  /** Hold the episode's lock until released; resolves once held, or with false when another tab has it. */
  function acquire(mode: 'if-available' | 'wait' | 'steal'): Promise<boolean> {
    const locks = env.locks
    if (locks === undefined) return Promise.resolve(true)
    return new Promise<boolean>((resolve) => {
      const controller = mode === 'wait' ? new AbortController() : undefined
      waiting = controller
      const lockOptions: LockOptions = mode === 'if-available' ? { ifAvailable: true } : mode === 'steal' ? { steal: true } : { signal: controller!.signal }
      locks.request(`proclens-edit:${id}`, lockOptions, (lock) => {
        if (lock === null) {
          resolve(false)
          return undefined
        }
        resolve(true)
        return new Promise<void>((release) => { releaseLock = release })
      }).catch((e: unknown) => {
        // Another tab stole the lock (or waiting was cancelled on close).
        if (closed || (e instanceof DOMException && e.name === 'AbortError' && mode === 'wait')) return
        releaseLock = undefined
        setReadOnly('another tab took over editing this episode; this tab shows its saves')
        void waitForLock()
      })
    })
  }

  async function waitForLock(): Promise<void> {
    if (closed) return
    if (await acquire('wait')) {
      if (closed) {
        releaseLock?.()
        return
      }
      await restore()
      setReadOnly(undefined)
    }
  }

  const held = await acquire('if-available')
  await restore()
  if (!held) {
    setReadOnly('this episode is open for editing in another tab; this tab shows its saves and becomes editable when that tab closes')
    void waitForLock()
  }

  return {
    async close() {
      closed = true
      unsubscribe()
      env.channel?.removeEventListener('message', onMessage)
      waiting?.abort()
      // Let a pending save finish before the lock goes: the next tab must read it.
      await saving
      releaseLock?.()
      if (store.getState().key === id) store.getState().close()
    },
    takeOver() {
      waiting?.abort()
      void acquire('steal').then(async (ok) => {
        if (!ok || closed) return
        await restore()
        setReadOnly(undefined)
      })
    },
    keepMine() {
      void loadHistory(env.db, key).then((saved) => {
        saver.adoptRevision(saved?.revision ?? 0)
        setReadOnly(undefined)
        void save()
      })
    },
    retry() {
      void save()
    },
    async loadSaved() {
      await restore()
      if (status.getState().status.state === 'conflict') setReadOnly(undefined)
    },
  }
}
