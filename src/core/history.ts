/**
 * Undo history over immutable values (the annotation document). History is recorded, never hand-inverted: undo
 * restores the value recorded before a change; there is no per-edit inverse. Every function is pure and
 * returns a new `History` (or the same one when nothing changes); time is passed in, never read from a clock.
 *
 * ```text
 *   past (oldest first)                          present        future (next redo first)
 *   [{doc: d0, label: "Split A"}, {doc: d1, ...}]  d2             [{doc: d3, label: "Delete B"}]
 *        entry = the value before a change + that change's label
 *
 *   gesture:  begin ──> preview(d)* ──> commitTransaction(label) ──> one entry base -> final (none if equal)
 *                   └─────────────────> cancel ───────────────────> present = base, no entry
 * ```
 * Commits with the same coalesce key less than `COALESCE_MS` apart (keyboard nudges) merge into one entry, so
 * one undo takes back the whole burst.
 */

/** One step of history: a recorded value and the label of the change that left it. */
export interface HistoryEntry<T> {
  readonly label: string
  readonly doc: T
}

/** An open gesture: the value before it began. */
export interface Transaction<T> {
  readonly base: T
}

export interface History<T> {
  /** Oldest first; at most `cap` entries. */
  readonly past: readonly HistoryEntry<T>[]
  readonly present: T
  /** Next redo first. */
  readonly future: readonly HistoryEntry<T>[]
  readonly cap: number
  /** Set while a gesture is open. */
  readonly transaction?: Transaction<T>
  /** The last commit's coalesce key and time, while a further commit may still merge into it. */
  readonly coalesce?: { readonly key: string; readonly at: number }
}

/** Default number of undo steps kept. */
export const HISTORY_CAP = 200

/** Commits with the same key at most this many milliseconds apart merge into one entry. */
export const COALESCE_MS = 500

/**
 * Deep equality of plain data (objects, arrays, primitives), short-circuiting on identical references, which
 * structural sharing makes the common case.
 */
export function structurallyEqual(a: unknown, b: unknown): boolean {
  if (a === b || Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && structurallyEqual(ra[k], rb[k]))
}

/** A history whose present is `doc`, with nothing to undo or redo. */
export function createHistory<T>(doc: T, options: { cap?: number } = {}): History<T> {
  return { past: [], present: doc, future: [], cap: Math.max(1, Math.floor(options.cap ?? HISTORY_CAP)) }
}

function pushPast<T>(past: readonly HistoryEntry<T>[], entry: HistoryEntry<T>, cap: number): HistoryEntry<T>[] {
  const next = [...past, entry]
  return next.length > cap ? next.slice(next.length - cap) : next
}

function settled<T>(h: History<T>, present: T): History<T> {
  return { past: h.past, present, future: h.future, cap: h.cap }
}

/**
 * Whether `commit(h, ..., { key, at })` would merge into the last entry instead of adding one. Then the entry's
 * label should describe the change from that entry's document (a name typed letter by letter is "Rename A to
 * B", not "Rename Bx to B").
 */
export function coalesces<T>(h: History<T>, key: string | undefined, at: number | undefined): boolean {
  if (key === undefined || at === undefined || h.coalesce === undefined || h.past.length === 0) return false
  return h.coalesce.key === key && at >= h.coalesce.at && at - h.coalesce.at <= COALESCE_MS
}

/**
 * Record a change from `present` to `doc` under `label`; the redo future is dropped. Nothing is recorded when
 * `doc` equals `present`. With a coalesce `key` and the time `at` (ms), a commit that follows a commit with the
 * same key within `COALESCE_MS` replaces it (one entry from the burst's base to `doc`, with the newest label;
 * none when the burst comes back to its base). During a gesture, `commit` ends it with `doc` as the final value.
 */
export function commit<T>(h: History<T>, label: string, doc: T, options: { key?: string; at?: number } = {}): History<T> {
  if (h.transaction !== undefined) return commitTransaction(preview(h, doc), label)
  if (coalesces(h, options.key, options.at)) {
    const base = h.past[h.past.length - 1]!
    if (structurallyEqual(base.doc, doc)) return { past: h.past.slice(0, -1), present: base.doc, future: [], cap: h.cap }
    return { past: [...h.past.slice(0, -1), { label, doc: base.doc }], present: doc, future: [], cap: h.cap, coalesce: { key: options.key!, at: options.at! } }
  }
  if (structurallyEqual(h.present, doc)) return h
  const next: History<T> = { past: pushPast(h.past, { label, doc: h.present }, h.cap), present: doc, future: [], cap: h.cap }
  return options.key !== undefined && options.at !== undefined ? { ...next, coalesce: { key: options.key, at: options.at } } : next
}

/** Whether there is a change to undo (never during a gesture: cancel or commit it first). */
export function canUndo<T>(h: History<T>): boolean {
  return h.transaction === undefined && h.past.length > 0
}

/** Whether there is an undone change to redo (never during a gesture). */
export function canRedo<T>(h: History<T>): boolean {
  return h.transaction === undefined && h.future.length > 0
}

/** The label of the change `undo` would take back, for "Undo Move boundary 3". */
export function undoLabel<T>(h: History<T>): string | undefined {
  return canUndo(h) ? h.past[h.past.length - 1]?.label : undefined
}

/** The label of the change `redo` would restore. */
export function redoLabel<T>(h: History<T>): string | undefined {
  return canRedo(h) ? h.future[0]?.label : undefined
}

/** Restore the value before the last change; the same history when there is nothing to undo. */
export function undo<T>(h: History<T>): History<T> {
  const entry = h.past[h.past.length - 1]
  if (!canUndo(h) || entry === undefined) return h
  return { past: h.past.slice(0, -1), present: entry.doc, future: [{ label: entry.label, doc: h.present }, ...h.future], cap: h.cap }
}

/** Restore the last undone change; the same history when there is nothing to redo. */
export function redo<T>(h: History<T>): History<T> {
  const [entry, ...rest] = h.future
  if (!canRedo(h) || entry === undefined) return h
  return { past: pushPast(h.past, { label: entry.label, doc: h.present }, h.cap), present: entry.doc, future: rest, cap: h.cap }
}

/** Open a gesture (a drag): `present` becomes its base. Already open: unchanged, the first base stays. */
export function begin<T>(h: History<T>): History<T> {
  if (h.transaction !== undefined) return h
  return { ...settled(h, h.present), transaction: { base: h.present } }
}

/** Show `doc` as the present during a gesture, without recording anything. Outside a gesture, unchanged. */
export function preview<T>(h: History<T>, doc: T): History<T> {
  if (h.transaction === undefined || doc === h.present) return h
  return { ...settled(h, doc), transaction: h.transaction }
}

/**
 * Close the gesture with one entry from its base to the current present under `label`, dropping the redo future;
 * nothing is recorded (and the base object is restored) when the present equals the base.
 */
export function commitTransaction<T>(h: History<T>, label: string): History<T> {
  if (h.transaction === undefined) return h
  const { base } = h.transaction
  if (structurallyEqual(base, h.present)) return settled(h, base)
  return { past: pushPast(h.past, { label, doc: base }, h.cap), present: h.present, future: [], cap: h.cap }
}

/** Abandon the gesture (Escape): the base is the present again, and history is as it was before `begin`. */
export function cancel<T>(h: History<T>): History<T> {
  if (h.transaction === undefined) return h
  return settled(h, h.transaction.base)
}

/** Whether a gesture is open. */
export function inTransaction<T>(h: History<T>): boolean {
  return h.transaction !== undefined
}
