/**
 * The historic store: the undo history over the open episode's `AnnotationDoc`, the only state ProcLens
 * undoes, autosaves and exports. Every write goes through here: `dispatch(edit)` for a one-shot change, and a
 * gesture (`begin`, `preview` as often as the pointer moves, then `commit` or `cancel`) for a drag. The
 * reducer (`core/applyEdit`) decides what is possible; a refused edit changes nothing and leaves its reason
 * in `refusal` for the interface to show. Nothing else in the app keeps a copy of the document.
 *
 * ```text
 *  keys, timeline, inspector ──Edit──> dispatch ──applyEdit──> history.commit ──> present ──> views, autosave
 *  drag:  begin ──> preview(edit)* ──> commit (one entry, labelled by the last edit)  |  cancel (nothing)
 * ```
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'
import type { AnnotationDoc } from '@/core/annotation'
import { applyEdit } from '@/core/applyEdit'
import type { Edit } from '@/core/edits'
import { editCoalesceKey, editLabel } from '@/core/edits'
import type { History } from '@/core/history'
import * as history from '@/core/history'

/** An edit the reducer refused, and why, in words a person can act on. */
export interface Refusal {
  label: string
  reason: string
  /** Increases with every refusal, so the same message twice still shows twice. */
  serial: number
}

/** One line of the history panel: the change that led to a state (`position` = entries applied). */
export interface HistoryLine {
  label: string
  position: number
  /** Applied (undoable) or undone (redoable). */
  applied: boolean
}

export interface AnnotationState {
  /** The episode the history belongs to (`<dataset identity>#<episode index>`), or undefined. */
  key: string | undefined
  history: History<AnnotationDoc> | undefined
  /** While a gesture is open: the last edit it previewed, whose label the commit takes. */
  gestureEdit: Edit | undefined
  refusal: Refusal | undefined
  /** Set while edits are not allowed here (another tab is editing this episode), with the reason. */
  readOnly: string | undefined
  /** Open an episode's history (imported, or restored from storage). */
  open(key: string, history: History<AnnotationDoc>): void
  close(): void
  /**
   * Apply an edit and record it. `at` (ms, e.g. the key event's timeStamp) lets repeated edits of one thing
   * (nudges, typing) coalesce into one undo step. Returns whether the edit was applied (a no-op counts).
   */
  dispatch(edit: Edit, options?: { at?: number }): boolean
  /**
   * Apply several edits as one change, one undo step under `label` (reset every budget, insert and name a
   * step). All or nothing: the first refused edit refuses the whole change.
   */
  dispatchAll(edits: readonly Edit[], label: string): boolean
  /**
   * Make `doc` the present document as one new history entry under `label` (another version taken whole: the
   * team server's head after a conflict), so one undo goes back to what was there.
   */
  replace(doc: AnnotationDoc, label: string): boolean
  /** Open a gesture on the present document. */
  begin(): void
  /** Show `edit` applied to the gesture's base, without recording; false (and a refusal) when impossible. */
  preview(edit: Edit): boolean
  /** Close the gesture as one history entry (none when it changed nothing). */
  commit(): void
  /** Abandon the gesture: back to the base. */
  cancel(): void
  undo(): void
  redo(): void
  /** Undo or redo until `position` entries are applied (the history panel). */
  goTo(position: number): void
  setReadOnly(reason: string | undefined): void
  /** Report a change that could not be made (a key with nothing to act on), as the reducer's refusals are. */
  refuse(reason: string, label?: string): void
  dismissRefusal(): void
}

export function createAnnotationStore() {
  let serial = 0
  return createStore<AnnotationState>()((set, get) => {
    function refuse(label: string, reason: string): false {
      serial += 1
      set({ refusal: { label, reason, serial } })
      return false
    }
    function blocked(label: string): boolean {
      const { readOnly, history: h } = get()
      if (h === undefined) return true
      if (readOnly !== undefined) {
        refuse(label, readOnly)
        return true
      }
      return false
    }
    return {
      key: undefined,
      history: undefined,
      gestureEdit: undefined,
      refusal: undefined,
      readOnly: undefined,
      open(key, h) {
        set({ key, history: h, gestureEdit: undefined, refusal: undefined })
      },
      close() {
        set({ key: undefined, history: undefined, gestureEdit: undefined, refusal: undefined, readOnly: undefined })
      },
      dispatch(edit, options = {}) {
        const h = get().history
        if (h === undefined || blocked(editLabel(edit, h.present))) return false
        // A gesture left open (a drag interrupted by a key) ends before anything else is recorded.
        const base = history.inTransaction(h) ? history.commitTransaction(h, gestureLabel(get().gestureEdit, h)) : h
        const key = editCoalesceKey(edit)
        const commitOptions = key !== undefined && options.at !== undefined ? { key, at: options.at } : {}
        // A burst (typing, nudges) is one entry: its label names things as they were before the burst.
        const named = history.coalesces(base, commitOptions.key, commitOptions.at) ? base.past[base.past.length - 1]!.doc : base.present
        const label = editLabel(edit, named)
        const result = applyEdit(base.present, edit)
        if (!result.ok) return refuse(label, result.reason)
        set({ history: history.commit(base, label, result.doc, commitOptions), gestureEdit: undefined, refusal: undefined })
        return true
      },
      dispatchAll(edits, label) {
        const h = get().history
        if (h === undefined || blocked(label)) return false
        const base = history.inTransaction(h) ? history.commitTransaction(h, gestureLabel(get().gestureEdit, h)) : h
        let doc = base.present
        for (const edit of edits) {
          const result = applyEdit(doc, edit)
          if (!result.ok) return refuse(label, result.reason)
          doc = result.doc
        }
        set({ history: history.commit(base, label, doc), gestureEdit: undefined, refusal: undefined })
        return true
      },
      replace(doc, label) {
        const h = get().history
        if (h === undefined || blocked(label)) return false
        set({ history: history.commit(history.cancel(h), label, doc), gestureEdit: undefined, refusal: undefined })
        return true
      },
      begin() {
        const h = get().history
        if (h === undefined || blocked('Drag')) return
        set({ history: history.begin(h), gestureEdit: undefined })
      },
      preview(edit) {
        const h = get().history
        if (h?.transaction === undefined) return false
        const result = applyEdit(h.transaction.base, edit)
        if (!result.ok) return refuse(editLabel(edit, h.transaction.base), result.reason)
        set({ history: history.preview(h, result.doc), gestureEdit: edit, refusal: undefined })
        return true
      },
      commit() {
        const h = get().history
        if (h?.transaction === undefined) return
        set({ history: history.commitTransaction(h, gestureLabel(get().gestureEdit, h)), gestureEdit: undefined })
      },
      cancel() {
        const h = get().history
        if (h?.transaction === undefined) return
        set({ history: history.cancel(h), gestureEdit: undefined })
      },
      undo() {
        const h = get().history
        if (h === undefined || blocked('Undo')) return
        // During a drag, undo takes back the drag itself (as Escape does), nothing before it.
        set({ history: history.inTransaction(h) ? history.cancel(h) : history.undo(h), gestureEdit: undefined })
      },
      redo() {
        const h = get().history
        if (h === undefined || blocked('Redo')) return
        set({ history: history.redo(history.cancel(h)), gestureEdit: undefined })
      },
      goTo(position) {
        let h = get().history
        if (h === undefined || blocked('Go back in history')) return
        h = history.cancel(h)
        while (h.past.length > position && history.canUndo(h)) h = history.undo(h)
        while (h.past.length < position && history.canRedo(h)) h = history.redo(h)
        set({ history: h, gestureEdit: undefined })
      },
      setReadOnly(reason) {
        const h = get().history
        // Becoming read-only abandons an open drag: it would otherwise be committed by nobody.
        set({ readOnly: reason, ...(reason !== undefined && h !== undefined ? { history: history.cancel(h), gestureEdit: undefined } : {}) })
      },
      refuse(reason, label = '') {
        refuse(label, reason)
      },
      dismissRefusal() {
        set({ refusal: undefined })
      },
    }
  })
}

function gestureLabel(edit: Edit | undefined, h: History<AnnotationDoc>): string {
  return edit === undefined ? 'Drag' : editLabel(edit, h.transaction?.base ?? h.present)
}

export type AnnotationStore = ReturnType<typeof createAnnotationStore>

/** The app's historic store. Tests build their own with `createAnnotationStore()`. */
export const annotationStore = createAnnotationStore()

export function useAnnotation<T>(selector: (s: AnnotationState) => T): T {
  return useStore(annotationStore, selector)
}

/** The document on screen (the gesture's preview during a drag), or undefined when no episode is open. */
export function selectDoc(s: AnnotationState): AnnotationDoc | undefined {
  return s.history?.present
}

/**
 * The document as last committed: during a drag, the gesture's base, not its previews. For views that need not
 * follow every pointer move (the header's problems, the overview, the inspector's suggestions).
 */
export function selectCommittedDoc(s: AnnotationState): AnnotationDoc | undefined {
  return s.history?.transaction?.base ?? s.history?.present
}

export function selectCanUndo(s: AnnotationState): boolean {
  return s.history !== undefined && history.canUndo(s.history)
}

export function selectCanRedo(s: AnnotationState): boolean {
  return s.history !== undefined && history.canRedo(s.history)
}

export function selectUndoLabel(s: AnnotationState): string | undefined {
  return s.history === undefined ? undefined : history.undoLabel(s.history)
}

export function selectRedoLabel(s: AnnotationState): string | undefined {
  return s.history === undefined ? undefined : history.redoLabel(s.history)
}

export function selectDragging(s: AnnotationState): boolean {
  return s.history?.transaction !== undefined
}

/**
 * The history panel's lines, oldest first: every applied change, then every undone one. Clicking line `i` goes
 * to `position` = the state right after that change.
 */
export function historyLines(h: Pick<History<AnnotationDoc>, 'past' | 'future'>): HistoryLine[] {
  const applied = h.past.map((e, i) => ({ label: e.label, position: i + 1, applied: true }))
  const undone = h.future.map((e, i) => ({ label: e.label, position: h.past.length + i + 1, applied: false }))
  return [...applied, ...undone]
}
