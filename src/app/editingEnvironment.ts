/**
 * The browser services the editor's persistence uses, created once per page: the database, the Web Locks that
 * let one tab edit an episode at a time, the channel on which tabs announce their saves, and this tab's id.
 */
import { db } from '@/data/browser/db'
import type { EditingEnvironment } from '@/stores/episodeEditing'

function tabId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `tab-${Date.now()}-${Math.random().toString(36).slice(2)}`
}

export const editingEnvironment: EditingEnvironment = {
  db,
  locks: typeof navigator !== 'undefined' && 'locks' in navigator ? navigator.locks : undefined,
  channel: typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('proclens-editing'),
  tab: tabId(),
}
