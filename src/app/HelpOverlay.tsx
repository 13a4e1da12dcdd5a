import { Kbd } from '../ui/Kbd'
import { BINDINGS } from './keymap'
import type { Binding } from './keymap'

const GROUPS: Binding['group'][] = ['Frames', 'Playback', 'Segments', 'Editing', 'Episodes', 'Review', 'View']

/** Cmd on macOS, Ctrl elsewhere: what the user must hold for a `mod` binding. */
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl'

function keyName(key: string): string {
  const names: Record<string, string> = { ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', Backspace: '⌫' }
  return names[key] ?? key
}

/** The keyboard help, generated from the same table that handles the keys. */
export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-6" onClick={onClose}>
      <div className="max-h-full w-[720px] overflow-auto rounded-lg border border-zinc-700 bg-zinc-900 p-5 shadow-2xl" onClick={(e) => e.stopPropagation()}>
        <div className="mb-3 flex items-baseline justify-between">
          <h2 className="text-base font-semibold text-zinc-100">Keyboard shortcuts</h2>
          <span className="text-xs text-zinc-500">press <Kbd>?</Kbd> or <Kbd>Esc</Kbd> to close</span>
        </div>
        <div className="grid grid-cols-2 gap-x-8 gap-y-4">
          {GROUPS.map((group) => (
            <section key={group}>
              <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-500">{group}</h3>
              <ul className="space-y-1 text-sm">
                {BINDINGS.filter((b) => b.group === group).map((b, i) => (
                  <li key={`${b.command}:${i}`} className="flex items-center justify-between gap-3">
                    <span className="text-zinc-300">{b.label}</span>
                    <span className="flex shrink-0 gap-1">
                      {b.mod === true && <Kbd>{MOD}</Kbd>}
                      {b.shift === true && <Kbd>Shift</Kbd>}
                      {b.keys.filter((k, i) => i === 0 || k.toLowerCase() !== b.keys[0]!.toLowerCase()).map((k) => <Kbd key={k}>{keyName(k)}</Kbd>)}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </div>
  )
}
