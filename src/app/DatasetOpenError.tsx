import type { OpenErrorKind } from '@/data/openError'
import { OpenError } from '@/data/openError'
import { Button } from '@/ui/Button'
import { CodeText } from '@/ui/CodeText'

/** A few words per kind, after "Could not open this dataset". */
const TITLES: Record<OpenErrorKind, string> = {
  'malformed-url': 'not a valid URL',
  dns: 'the host name does not resolve',
  refused: 'connection refused',
  'connection-reset': 'connection closed',
  timeout: 'no answer in time',
  tls: 'secure connection failed',
  unreachable: 'no answer from the server',
  'mixed-content': 'blocked: an http URL from an https page',
  cors: 'blocked by CORS',
  unauthorized: 'sign-in required (401)',
  forbidden: 'access refused (403)',
  'not-found': 'nothing at this address',
  'server-error': 'server error',
  'http-status': 'unexpected HTTP status',
  'not-a-dataset': 'not a dataset',
  failed: 'unexpected error',
}

/** Why the dataset did not open and what to do, with a way to try again once that is done. */
export function DatasetOpenError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const open = error instanceof OpenError ? error : undefined
  return (
    <div role="alert" data-kind={open?.kind} className="m-6 max-w-4xl rounded border border-red-900 bg-red-950/40 p-4 text-sm text-red-200">
      <p className="font-medium">Could not open this dataset{open === undefined ? '' : `: ${TITLES[open.kind]}`}</p>
      <p className="mt-2 text-red-100 [overflow-wrap:anywhere]"><CodeText codeClassName="text-[12px] text-zinc-100" text={open?.headline ?? error.message} /></p>
      {open !== undefined && open.advice.length > 0 && (
        <ul className="mt-2 list-disc space-y-1 pl-5 text-red-200/90">
          {open.advice.map((line) => <li key={line}><CodeText codeClassName="text-[12px] text-zinc-100" text={line} /></li>)}
        </ul>
      )}
      {/* The same malformed URL fails the same way; everything else may have been fixed meanwhile (a server started, …). */}
      {open?.kind !== 'malformed-url' && <Button size="sm" className="mt-3" onClick={onRetry}>Try again</Button>}
    </div>
  )
}
