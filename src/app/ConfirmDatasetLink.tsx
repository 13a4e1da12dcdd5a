import type { Place } from './urlState'
import { Button } from '@/ui/Button'

/**
 * Asked before a link's dataset on another host is opened: opening it makes this browser fetch from that host
 * (which then sees this computer's address, and may serve anything), so it must be the user's choice, not the
 * link's. Nothing is fetched from the host until "Open" is pressed.
 */
export function ConfirmDatasetLink({ place, origin, onOpen, onDemo }: { place: Place; origin: string; onOpen: () => void; onDemo: () => void }) {
  return (
    <div className="flex h-full items-center justify-center bg-zinc-950 p-6">
      <div role="dialog" aria-modal="true" aria-labelledby="confirm-link-title" className="max-w-2xl rounded border border-zinc-700 bg-zinc-900 p-5 text-sm text-zinc-300">
        <h1 id="confirm-link-title" className="text-base font-medium text-zinc-100">Open a dataset from {new URL(origin).host}?</h1>
        <p className="mt-2">This link asks ProcLens to read a dataset from another site:</p>
        <p className="mt-1 font-mono text-[12px] text-zinc-100 [overflow-wrap:anywhere]" data-testid="link-dataset">{place.dataset}</p>
        <p className="mt-2 text-zinc-400">Your browser will download files from that site. Open it only if you expected this link.</p>
        <div className="mt-4 flex gap-2">
          {/* Not focused on load, so that an Enter pressed while the page loads does not open it. */}
          <Button variant="primary" onClick={onOpen}>Open {new URL(origin).host}</Button>
          <Button onClick={onDemo}>Open the demo instead</Button>
        </div>
      </div>
    </div>
  )
}
