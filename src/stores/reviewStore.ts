/**
 * Review of the open episode: its stored state (mirrored from IndexedDB by the workspace), the reviewer's name
 * (a setting, asked once and kept), and the verdicts keys and buttons give. A verdict is written straight to
 * IndexedDB; it is not an edit of the labels and is never undone with them.
 *
 * ```text
 *  A accept ─┐                   no reviewer name yet?  ──> ask (pending verdict kept) ──> write
 *  R reject ─┼─> verdict(status) ──────────────────────────────────────────────────────────> write
 *  F flag   ─┘   (reject and flag ask for a reason first)
 *  Q next in queue: the next episode in the list's order whose review has no verdict yet
 * ```
 */
import { createStore } from 'zustand/vanilla'
import { persist } from 'zustand/middleware'
import { useStore } from 'zustand'
import type { ReviewState, ReviewStatus } from '@/core/review'
import { isVerdict, UNREVIEWED } from '@/core/review'
import type { ProcLensDb } from '@/data/browser/db'
import { db, setReviewStatus } from '@/data/browser/db'
import type { SessionState } from './sessionStore'

/** What the store asks the reviewer before a verdict can be written. */
export type ReviewPrompt =
  | { kind: 'name'; then: { status: ReviewStatus; reason?: string } | undefined }
  | { kind: 'reason'; status: 'flagged' | 'rejected' }

export interface ReviewStoreState {
  /** Where verdicts go: the dataset's identity and the open episode. */
  context: { dataset: string; episode: number } | undefined
  /** Every episode's review in the open dataset (from IndexedDB). */
  reviews: ReadonlyMap<number, ReviewState>
  /** The reviewer's name as they gave it; empty until asked. Persisted. */
  reviewer: string
  prompt: ReviewPrompt | undefined
  /** The last write failed (a full disk): shown until the next one succeeds. */
  error: string | undefined
  setContext(context: ReviewStoreState['context']): void
  setReviews(reviews: ReadonlyMap<number, ReviewState>): void
  setReviewer(name: string): void
  /** Give the open episode a status; flag and reject ask for a reason unless one is given. */
  verdict(status: ReviewStatus, reason?: string): void
  /** Mark the open episode in progress, unless it already has a review. */
  begin(): void
  ask(prompt: ReviewPrompt): void
  dismiss(): void
}

/** The open episode's review. */
export function currentReview(s: Pick<ReviewStoreState, 'context' | 'reviews'>): ReviewState {
  return s.context === undefined ? UNREVIEWED : (s.reviews.get(s.context.episode) ?? UNREVIEWED)
}

/**
 * The episode after `current` in the list's order whose review has no verdict (unreviewed, in progress),
 * wrapping round to the start: under a queue sort a verdict just given moves `current` to the end, and the work
 * left is then before it. The list's missing episodes are passed over; undefined when nothing is left.
 */
export function nextInQueue(session: Pick<SessionState, 'listOrder' | 'listCount' | 'isMissing'>, reviews: ReadonlyMap<number, ReviewState>, current: number): number | undefined {
  const done = (i: number): boolean => i === current || session.isMissing(i) || isVerdict(reviews.get(i)?.status ?? 'unreviewed')
  const order = session.listOrder ?? Array.from({ length: session.listCount }, (_, i) => i)
  const at = order.indexOf(current)
  for (let step = 1; step <= order.length; step++) {
    const candidate = order[(at + step) % order.length]!
    if (!done(candidate)) return candidate
  }
  return undefined
}

export function createReviewStore(database: () => ProcLensDb, storageKey = 'proclens.reviewer') {
  return createStore<ReviewStoreState>()(
    persist(
      (set, get) => {
        async function write(status: ReviewStatus, reason: string | undefined): Promise<void> {
          const { context, reviewer } = get()
          if (context === undefined) return
          try {
            await setReviewStatus(database(), { ...context, status, ...(reason !== undefined ? { reason } : {}), ...(reviewer !== '' ? { reviewer } : {}) })
            set({ error: undefined })
          } catch (e) {
            set({ error: `The review was not saved: ${e instanceof Error ? e.message : String(e)}` })
          }
        }
        return {
          context: undefined,
          reviews: new Map(),
          reviewer: '',
          prompt: undefined,
          error: undefined,
          setContext: (context) => set({ context, prompt: undefined }),
          setReviews: (reviews) => set({ reviews }),
          setReviewer: (name) => {
            const prompt = get().prompt
            set({ reviewer: name.trim(), prompt: undefined })
            if (prompt?.kind === 'name' && prompt.then !== undefined && name.trim() !== '') get().verdict(prompt.then.status, prompt.then.reason)
          },
          verdict: (status, reason) => {
            if (get().context === undefined) return
            if ((status === 'flagged' || status === 'rejected') && reason === undefined) set({ prompt: { kind: 'reason', status } })
            else if (isVerdict(status) && get().reviewer === '') set({ prompt: { kind: 'name', then: { status, ...(reason !== undefined ? { reason } : {}) } } })
            else {
              set({ prompt: undefined })
              void write(status, reason)
            }
          },
          begin: () => {
            if (currentReview(get()).status !== 'unreviewed') return
            void write('in-progress', undefined)
          },
          ask: (prompt) => set({ prompt }),
          dismiss: () => set({ prompt: undefined }),
        }
      },
      // Only the name is a setting; the rest belongs to the open dataset.
      { name: storageKey, version: 1, partialize: (s) => ({ reviewer: s.reviewer }) },
    ),
  )
}

export type ReviewStore = ReturnType<typeof createReviewStore>

/** The app's review store, writing to the app's database. Tests build their own. */
export const reviewStore = createReviewStore(() => db)

export function useReview<T>(selector: (s: ReviewStoreState) => T): T {
  return useStore(reviewStore, selector)
}
