import { useEffect } from 'react'
import type { QueryClient } from '@tanstack/react-query'
import type { PlayheadEdit } from '@/core/playheadEdits'
import { mergeIntoPreviousEdit, snapBoundaryEdit, splitAtEdit } from '@/core/playheadEdits'
import type { AnnotationDoc } from '@/core/annotation'
import { annotationStore, selectDoc } from '@/stores/annotationStore'
import { playbackStore } from '@/stores/playbackStore'
import { nextInQueue, reviewStore } from '@/stores/reviewStore'
import { sessionStore } from '@/stores/sessionStore'
import { timelineStore } from '@/stores/timelineStore'
import { viewStore } from '@/stores/viewStore'
import { commandFor } from './keymap'
import type { Command } from './keymap'
import { openNextFromTeamQueue } from './teamQueue'

/** Segment starts after the first: the frames `[` and `]` jump between. */
function boundaries(doc: AnnotationDoc | undefined): number[] {
  return doc === undefined ? [] : doc.segments.slice(1).map((s) => s.start)
}

/** Runs an editing key's edit at the playhead; a key that has nothing to do says why, like a refused edit. */
function editAtPlayhead(make: (doc: AnnotationDoc, frame: number) => PlayheadEdit, at: number): void {
  const a = annotationStore.getState()
  const doc = selectDoc(a)
  if (doc === undefined) return
  // In a read-only tab, say so first: that is why nothing happens, whatever the playhead.
  if (a.readOnly !== undefined) return a.refuse(a.readOnly)
  const choice = make(doc, playbackStore.getState().frame)
  if (choice.ok) a.dispatch(choice.edit, { at })
  else a.refuse(choice.reason)
}

/** Opens the next episode in the list without a verdict (round from the end to the start); nothing when none is left. */
export function openNextInQueue(): void {
  const s = sessionStore.getState()
  if (s.episode === undefined) return
  const next = nextInQueue(s, reviewStore.getState().reviews, s.episode)
  if (next !== undefined) s.openEpisode(next)
}

/** Runs a keyboard command against the stores; `at` is the key event's time (coalesces repeated edits). */
function run(command: Command, at: number, client: QueryClient): void {
  const p = playbackStore.getState()
  const v = viewStore.getState()
  const s = sessionStore.getState()
  const a = annotationStore.getState()
  switch (command) {
    case 'frame.prev': return p.step(-1)
    case 'frame.next': return p.step(1)
    case 'frame.prev10': return p.step(-10)
    case 'frame.next10': return p.step(10)
    case 'frame.first': return p.first()
    case 'frame.last': return p.last()
    case 'play.toggle': return p.toggle()
    case 'play.reverse': return p.shuttle('reverse')
    case 'play.pause': return p.pause()
    case 'play.forward': return p.shuttle('forward')
    case 'speed.down': return p.slower()
    case 'speed.up': return p.faster()
    case 'speed.reset': return p.resetRate()
    case 'boundary.prev': {
      const target = boundaries(selectDoc(a)).reverse().find((b) => b < p.frame)
      p.pause()
      return p.seek(target ?? 0, 'boundary')
    }
    case 'boundary.next': {
      const target = boundaries(selectDoc(a)).find((b) => b > p.frame)
      p.pause()
      return p.seek(target ?? p.frameCount - 1, 'boundary')
    }
    case 'boundary.snap': return editAtPlayhead(snapBoundaryEdit, at)
    case 'segment.split': return editAtPlayhead(splitAtEdit, at)
    case 'segment.merge': return editAtPlayhead(mergeIntoPreviousEdit, at)
    case 'segment.name': return timelineStore.getState().requestName()
    case 'edit.undo': return a.undo()
    case 'edit.redo': return a.redo()
    case 'timeline.zoomIn': return timelineStore.getState().zoomBy(2)
    case 'timeline.zoomOut': return timelineStore.getState().zoomBy(0.5)
    case 'timeline.fit': return timelineStore.getState().fit()
    case 'episode.prev': return s.openRelative(-1)
    case 'episode.next': return s.openRelative(1)
    case 'review.accept': return reviewStore.getState().verdict('accepted')
    case 'review.reject': return reviewStore.getState().verdict('rejected')
    case 'review.flag': return reviewStore.getState().verdict('flagged')
    case 'queue.next': return openNextInQueue()
    case 'team.next': return void openNextFromTeamQueue(client)
    case 'layout.toggle': return v.setLayout(v.layout === 'grid' ? 'focus' : 'grid')
    case 'editor.toggle': return v.toggleEditor()
    case 'diff.toggle': return v.toggleDiff()
    case 'reward.toggle': return v.toggleReward()
    case 'zoom.in': return v.setZoom(v.zoom * 1.25)
    case 'zoom.out': return v.setZoom(v.zoom / 1.25)
    case 'help.toggle': return s.toggleOverlay('help')
    case 'escape': {
      // Escape first abandons a drag, then closes overlays.
      if (selectDoc(a) !== undefined && a.history?.transaction !== undefined) return a.cancel()
      return s.closeOverlays()
    }
  }
}

/** Window-level keyboard handling from the keymap table; every command reads and writes the stores. */
export function useHotkeys(client: QueryClient): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const command = commandFor(e)
      if (command === undefined) return
      // A dialog (export, a review's reason) has the keys: A on its checkbox must not accept the episode.
      if (command !== 'escape' && document.querySelector('[aria-modal="true"]') !== null) return
      e.preventDefault()
      run(command, e.timeStamp, client)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [client])
}
