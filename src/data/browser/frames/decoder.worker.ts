/**
 * The dedicated worker that decodes one camera (see decoderProtocol.ts). Sample bytes are transferred in and
 * VideoFrames transferred out, so neither is copied.
 */
import { createDecoderCore } from './decoderCore'
import type { ToDecoder } from './decoderProtocol'

// The DOM lib is what this project compiles against; the worker scope needs only these two members.
interface WorkerScope {
  postMessage(message: unknown, transfer: Transferable[]): void
  onmessage: ((event: MessageEvent<ToDecoder>) => void) | null
}

const scope = self as unknown as WorkerScope
const handle = createDecoderCore((message, transfer) => scope.postMessage(message, transfer ?? []))
scope.onmessage = (event) => handle(event.data)
