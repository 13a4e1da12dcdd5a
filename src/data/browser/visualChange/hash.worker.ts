/** The worker that hashes one camera's frames (hashProtocol.ts); one per computation. */
import { createHasherCore } from './hasherCore'
import type { ToHasher } from './hashProtocol'

interface WorkerScope {
  postMessage(message: unknown): void
  onmessage: ((event: MessageEvent<ToHasher>) => void) | null
}

const scope = self as unknown as WorkerScope
const handle = createHasherCore((message) => scope.postMessage(message))
scope.onmessage = (event) => handle(event.data)
