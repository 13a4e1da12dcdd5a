import { useState } from 'react'
import type { FormEvent } from 'react'
import type { TeamRole } from '@/data/team/teamClient'
import { createTeamClient } from '@/data/team/teamClient'
import { sessionStore } from '@/stores/sessionStore'
import { signedIn, teamStore, useTeam } from '@/stores/teamStore'
import { Button } from '@/ui/Button'
import { Dialog } from '@/ui/Dialog'

const field = 'h-7 w-full rounded border border-zinc-700 bg-zinc-950 px-2 text-xs text-zinc-100 placeholder:text-zinc-600'

/** What went wrong when signing in, in words that say what to check. */
function signInError(e: unknown, url: string): string {
  const message = e instanceof Error ? e.message : String(e)
  if (e instanceof Error && e.name === 'TeamUnreachableError') return `No answer from ${url}: is the team server running there, and does it allow this page's origin (CORS)?`
  if (e instanceof Error && e.name === 'TeamHttpError' && 'status' in e && e.status === 404) return `${url} has no development sign-in (it runs with a real identity provider): paste a token instead.`
  if (e instanceof Error && e.name === 'TeamHttpError' && 'status' in e && e.status === 401) return `The server refused the token: ${message}`
  return message
}

/**
 * Team…: the team server of this dataset and who is signed in. Development servers sign in by name and role
 * (their local issuer); otherwise paste a token from the identity provider. Both are checked with the server
 * (`/api/me`) before they are kept (localStorage, for this dataset only).
 */
export function TeamDialog({ datasetLabel, onClose, onAdmin }: { datasetLabel: string; onClose: () => void; onAdmin: () => void }) {
  const config = useTeam((s) => s.config)
  const snapshot = useTeam((s) => s.snapshot)
  const [url, setUrl] = useState(config?.url ?? '')
  const [annotator, setAnnotator] = useState(config?.annotator ?? '')
  const [role, setRole] = useState<TeamRole>(config?.role ?? 'annotator')
  const [token, setToken] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const isIn = config !== undefined && signedIn({ config })

  async function signIn(how: 'dev' | 'token', e?: FormEvent) {
    e?.preventDefault()
    const base = url.trim().replace(/\/+$/, '')
    if (!/^https?:\/\/./.test(base)) return setError('The server URL must start with http:// or https:// (the URL the server printed).')
    if (how === 'dev' && annotator.trim() === '') return setError('Type the annotator name to sign in as.')
    if (how === 'token' && token.trim() === '') return setError('Paste a token.')
    setBusy(true)
    setError(undefined)
    try {
      const issued = how === 'dev' ? await createTeamClient({ baseUrl: base }).devToken(annotator.trim(), role) : token.trim()
      const me = await createTeamClient({ baseUrl: base, token: issued }).me()
      teamStore.getState().signIn({ url: base, token: issued, annotator: me.annotator, role: me.role })
      setAnnotator(me.annotator)
      setRole(me.role)
      setToken('')
    } catch (err) {
      setError(signInError(err, base))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog label="Team server" title="Team server" width="w-[520px]" onClose={onClose}>
      <p className="text-xs text-zinc-500">
        For <span className="font-mono text-zinc-300">{datasetLabel}</span>. Every saved edit also goes to the team server; offline, edits wait in
        this browser and are sent when it is back. Without a server, ProcLens works in this browser only.
      </p>
      {isIn ? (
        <div className="space-y-2 rounded border border-zinc-800 p-3" aria-label="Signed in">
          <p>Signed in as <strong className="text-zinc-50" data-testid="team-annotator">{config.annotator}</strong> ({config.role}) at <span className="font-mono text-xs">{config.url}</span></p>
          {snapshot?.unauthorized === true && <p role="alert" className="text-xs text-red-300">The server refused the token (expired?): sign out and sign in again. Edits wait in this browser.</p>}
          {snapshot !== undefined && snapshot.conflicts.length > 0 && (
            <p className="flex flex-wrap items-center gap-1 text-xs text-red-300" aria-label="Conflicts">
              Your labels changed on the server for
              {snapshot.conflicts.map((e) => (
                <Button key={e} size="sm" variant="ghost" onClick={() => { sessionStore.getState().closeOverlays(); sessionStore.getState().openEpisode(e) }}>episode {e}</Button>
              ))}
              (open it to choose which version to keep)
            </p>
          )}
          {snapshot?.offline !== undefined && <p className="text-xs text-amber-300">Last attempt: {snapshot.offline}</p>}
          <div className="flex gap-2">
            {config.role === 'admin' && <Button size="sm" onClick={onAdmin}>Team progress…</Button>}
            <Button size="sm" variant="ghost" onClick={() => teamStore.getState().signOut()}>Sign out</Button>
          </div>
        </div>
      ) : (
        <form className="space-y-2" aria-label="Sign in" onSubmit={(e) => void signIn('dev', e)}>
          <label className="block text-xs text-zinc-400">Server URL
            <input className={field} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="http://127.0.0.1:5480" aria-label="Server URL" />
          </label>
          <div className="flex items-end gap-2">
            <label className="flex-1 text-xs text-zinc-400">Annotator
              <input className={field} value={annotator} onChange={(e) => setAnnotator(e.target.value)} placeholder="your name" aria-label="Annotator" maxLength={80} />
            </label>
            <label className="text-xs text-zinc-400">Role
              <select className={field} value={role} onChange={(e) => setRole(e.target.value as TeamRole)} aria-label="Role">
                <option value="annotator">annotator</option>
                <option value="reviewer">reviewer</option>
                <option value="admin">admin</option>
              </select>
            </label>
            <Button size="sm" variant="primary" type="submit" disabled={busy}>Sign in (development)</Button>
          </div>
          <div className="flex items-end gap-2">
            <label className="flex-1 text-xs text-zinc-400">Or a token from your identity provider
              <input className={field} value={token} onChange={(e) => setToken(e.target.value)} placeholder="eyJ…" aria-label="Token" type="password" autoComplete="off" />
            </label>
            <Button size="sm" disabled={busy} onClick={() => void signIn('token')}>Use token</Button>
          </div>
        </form>
      )}
      {error !== undefined && <p role="alert" className="text-xs text-red-300">{error}</p>}
      {config !== undefined && (
        <div className="flex items-center justify-between border-t border-zinc-800 pt-2 text-xs text-zinc-500">
          <span>{snapshot === undefined ? '' : `${snapshot.pending} edit${snapshot.pending === 1 ? '' : 's'} waiting to be sent`}</span>
          <Button size="sm" variant="ghost" onClick={() => teamStore.getState().disconnect()} title="Stop syncing this dataset (edits not yet sent stay in this browser)">Stop using a team server</Button>
        </div>
      )}
    </Dialog>
  )
}
