/**
 * The keyboard map: one table drives both the key handling and the help overlay, so they never disagree.
 * Keys avoid browser shortcuts: no Ctrl/Alt/Meta combinations are taken except where an editor convention
 * exists (undo, redo: Ctrl on Linux and Windows, Cmd on macOS), and every handled key has its default
 * (scrolling, for Space, arrows, Home/End) prevented. Keys never act while focus is in a text field, where
 * typing (and the field's own undo) must reach the field.
 */
export type Command =
  | 'frame.prev' | 'frame.next' | 'frame.prev10' | 'frame.next10' | 'frame.first' | 'frame.last'
  | 'play.toggle' | 'play.reverse' | 'play.pause' | 'play.forward'
  | 'speed.down' | 'speed.up' | 'speed.reset'
  | 'boundary.prev' | 'boundary.next'
  | 'boundary.snap' | 'segment.split' | 'segment.merge' | 'segment.name' | 'edit.undo' | 'edit.redo'
  | 'timeline.zoomIn' | 'timeline.zoomOut' | 'timeline.fit'
  | 'episode.prev' | 'episode.next'
  | 'review.accept' | 'review.reject' | 'review.flag' | 'queue.next' | 'team.next'
  | 'layout.toggle' | 'zoom.in' | 'zoom.out' | 'editor.toggle' | 'diff.toggle' | 'reward.toggle'
  | 'help.toggle' | 'escape'

export interface Binding {
  /** `KeyboardEvent.key` values (case-sensitive as the browser reports them, with Shift applied). */
  keys: readonly string[]
  shift?: boolean
  /** Ctrl (Linux, Windows) or Cmd (macOS) held. */
  mod?: boolean
  command: Command
  /** For the help overlay. */
  label: string
  group: 'Frames' | 'Playback' | 'Segments' | 'Editing' | 'Episodes' | 'Review' | 'View'
}

export const BINDINGS: readonly Binding[] = [
  { keys: ['ArrowLeft'], command: 'frame.prev', label: 'Previous frame', group: 'Frames' },
  { keys: ['ArrowRight'], command: 'frame.next', label: 'Next frame', group: 'Frames' },
  { keys: ['ArrowLeft'], shift: true, command: 'frame.prev10', label: '10 frames back', group: 'Frames' },
  { keys: ['ArrowRight'], shift: true, command: 'frame.next10', label: '10 frames forward', group: 'Frames' },
  { keys: ['Home'], command: 'frame.first', label: 'First frame', group: 'Frames' },
  { keys: ['End'], command: 'frame.last', label: 'Last frame', group: 'Frames' },
  { keys: [' '], command: 'play.toggle', label: 'Play / pause', group: 'Playback' },
  { keys: ['j', 'J'], command: 'play.reverse', label: 'Play backwards; again: faster', group: 'Playback' },
  { keys: ['k', 'K'], command: 'play.pause', label: 'Pause', group: 'Playback' },
  { keys: ['l', 'L'], command: 'play.forward', label: 'Play forwards; again: faster', group: 'Playback' },
  { keys: ['<', ','], command: 'speed.down', label: 'Slower (0.1x … 4x)', group: 'Playback' },
  { keys: ['>', '.'], command: 'speed.up', label: 'Faster', group: 'Playback' },
  { keys: ['='], command: 'speed.reset', label: 'Normal speed (1x)', group: 'Playback' },
  { keys: ['['], command: 'boundary.prev', label: 'Previous segment boundary', group: 'Segments' },
  { keys: [']'], command: 'boundary.next', label: 'Next segment boundary', group: 'Segments' },
  { keys: ['z', 'Z'], command: 'timeline.zoomIn', label: 'Zoom the timeline in (or the wheel)', group: 'Segments' },
  { keys: ['x', 'X'], command: 'timeline.zoomOut', label: 'Zoom the timeline out', group: 'Segments' },
  { keys: ['\\'], command: 'timeline.fit', label: 'Whole episode on the timeline', group: 'Segments' },
  { keys: ['b', 'B'], command: 'boundary.snap', label: 'Move the nearest boundary to the playhead', group: 'Editing' },
  { keys: ['s', 'S'], command: 'segment.split', label: 'Split the segment at the playhead', group: 'Editing' },
  { keys: ['Delete', 'Backspace'], command: 'segment.merge', label: 'Merge the segment into the one before', group: 'Editing' },
  { keys: ['Enter'], command: 'segment.name', label: 'Name the step (or double-click it)', group: 'Editing' },
  { keys: ['z', 'Z'], mod: true, command: 'edit.undo', label: 'Undo', group: 'Editing' },
  { keys: ['Z', 'z'], mod: true, shift: true, command: 'edit.redo', label: 'Redo', group: 'Editing' },
  { keys: ['y', 'Y'], mod: true, command: 'edit.redo', label: 'Redo', group: 'Editing' },
  { keys: ['p', 'P'], command: 'episode.prev', label: 'Previous episode', group: 'Episodes' },
  { keys: ['n', 'N'], command: 'episode.next', label: 'Next episode', group: 'Episodes' },
  { keys: ['a', 'A'], command: 'review.accept', label: 'Accept the labels as they stand', group: 'Review' },
  { keys: ['r', 'R'], command: 'review.reject', label: 'Reject (asks why)', group: 'Review' },
  { keys: ['f', 'F'], command: 'review.flag', label: 'Flag for someone else (asks why)', group: 'Review' },
  { keys: ['q', 'Q'], command: 'queue.next', label: 'Next episode without a verdict', group: 'Review' },
  { keys: ['Q', 'q'], shift: true, command: 'team.next', label: 'Next episode from the team queue (claims it; Team… to sign in)', group: 'Review' },
  { keys: ['g', 'G'], command: 'layout.toggle', label: 'Grid / one large camera', group: 'View' },
  { keys: ['e', 'E'], command: 'editor.toggle', label: 'Show / hide the editor (timeline, inspector)', group: 'View' },
  { keys: ['d', 'D'], command: 'diff.toggle', label: 'Show / hide the changes against the VLM proposal', group: 'View' },
  { keys: ['w', 'W'], command: 'reward.toggle', label: 'Show / hide the reward view (per-step reward, return, frames an advantage filter keeps)', group: 'View' },
  { keys: ['+'], command: 'zoom.in', label: 'Zoom into the frame', group: 'View' },
  { keys: ['-', '_'], command: 'zoom.out', label: 'Zoom out', group: 'View' },
  { keys: ['?'], command: 'help.toggle', label: 'This help', group: 'View' },
  { keys: ['Escape'], command: 'escape', label: 'Close help / dialogs', group: 'View' },
]

/** Elements where typing must reach the element, not the player. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = (target as HTMLInputElement).type
  return !['checkbox', 'radio', 'range', 'button', 'submit'].includes(type)
}

/** Elements that Enter activates: the key stays theirs. */
function isActivatable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY' || target.getAttribute('role') === 'radio')
}

/** The command for a key event, or undefined when the app must leave the event alone. */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): Command | undefined {
  if (e.altKey || (e.ctrlKey && e.metaKey)) return undefined
  if (isTypingTarget(e.target) && e.key !== 'Escape') return undefined
  if (e.key === 'Enter' && isActivatable(e.target)) return undefined
  const mod = e.ctrlKey || e.metaKey
  const candidates = BINDINGS.filter((b) => (b.mod ?? false) === mod && b.keys.includes(e.key))
  // Shift matters only for keys whose binding distinguishes it (arrows, redo); `?`, `<`, `>` arrive shifted.
  const exact = candidates.find((b) => (b.shift ?? false) === e.shiftKey)
  return (exact ?? candidates.find((b) => b.shift === undefined))?.command
}
