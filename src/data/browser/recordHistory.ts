/**
 * Between the editor's undo history (documents) and a record's edit log (segments and outcome per step): the
 * rest of a document never changes under edits, so a record stores it once, as its `doc`.
 */
import type { AnnotationDoc } from '@/core/annotation'
import type { History, HistoryEntry } from '@/core/history'
import { HISTORY_CAP } from '@/core/history'
import type { RecordHistory, RecordHistoryEntry } from '@/core/formats/records'

function toEntry(e: HistoryEntry<AnnotationDoc>): RecordHistoryEntry {
  return { label: e.label, segments: e.doc.segments, outcome: e.doc.outcome }
}

export function historyToRecord(history: History<AnnotationDoc>): RecordHistory {
  return { past: history.past.map(toEntry), future: history.future.map(toEntry), cap: history.cap }
}

export function recordToHistory(doc: AnnotationDoc, log: RecordHistory | undefined): History<AnnotationDoc> {
  const entry = (e: RecordHistoryEntry): HistoryEntry<AnnotationDoc> => ({ label: e.label, doc: { ...doc, segments: e.segments, outcome: e.outcome } })
  return { past: (log?.past ?? []).map(entry), present: doc, future: (log?.future ?? []).map(entry), cap: log?.cap ?? HISTORY_CAP }
}
