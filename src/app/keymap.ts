/**
 * The keyboard map: one table drives both the key handling and the help overlay, so they never disagree.
 * Keys avoid browser shortcuts: no Ctrl/Alt/Meta combinations are taken except where an editor convention
 * exists, and every handled key has its default (scrolling, for Space, arrows, Home/End) prevented.
 */
export type Command =
  | 'frame.prev' | 'frame.next' | 'frame.prev10' | 'frame.next10' | 'frame.first' | 'frame.last'
  | 'play.toggle' | 'play.reverse' | 'play.pause' | 'play.forward'
  | 'speed.down' | 'speed.up' | 'speed.reset'
  | 'boundary.prev' | 'boundary.next'
  | 'episode.prev' | 'episode.next'
  | 'layout.toggle' | 'zoom.in' | 'zoom.out'
  | 'help.toggle' | 'escape'

export interface Binding {
  /** `KeyboardEvent.key` values (case-sensitive as the browser reports them, with Shift applied). */
  keys: readonly string[]
  shift?: boolean
  command: Command
  /** For the help overlay. */
  label: string
  group: 'Frames' | 'Playback' | 'Segments' | 'Episodes' | 'View'
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
  { keys: ['p', 'P'], command: 'episode.prev', label: 'Previous episode', group: 'Episodes' },
  { keys: ['n', 'N'], command: 'episode.next', label: 'Next episode', group: 'Episodes' },
  { keys: ['g', 'G'], command: 'layout.toggle', label: 'Grid / one large camera', group: 'View' },
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

/** The command for a key event, or undefined when the app must leave the event alone. */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target'>): Command | undefined {
  if (e.ctrlKey || e.altKey || e.metaKey) return undefined
  if (isTypingTarget(e.target) && e.key !== 'Escape') return undefined
  // Shift matters only for keys whose binding distinguishes it (arrows); `?`, `<`, `>` arrive shifted.
  const exact = BINDINGS.find((b) => b.keys.includes(e.key) && (b.shift ?? false) === e.shiftKey)
  return (exact ?? BINDINGS.find((b) => b.keys.includes(e.key) && b.shift === undefined))?.command
}
