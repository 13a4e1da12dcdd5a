/**
 * A synchronous endless loop blocks the test's own thread, so neither the fuzzer's per-case timeout nor
 * Vitest's can fire: the run would hang with no word of which case. This watchdog runs on a thread of its own
 * and watches a shared counter the fuzzer bumps before each case; when one case holds the thread far longer than
 * the per-case limit, it prints the case's target and seed (to replay it) and ends the test process, so the run
 * fails instead of hanging.
 */
import { Worker } from 'node:worker_threads'

export interface Watchdog {
  /** Before each case: which case is running. */
  enter(target: number, seed: number): void
  stop(): Promise<void>
}

// Runs in the watchdog thread: plain JavaScript, no imports from the project.
const SOURCE = `
const { workerData } = require('node:worker_threads')
const { writeSync } = require('node:fs')
const state = new Int32Array(workerData.shared)
let last = -1
let since = Date.now()
setInterval(() => {
  const count = Atomics.load(state, 0)
  if (count !== last) { last = count; since = Date.now(); return }
  if (count === 0 || Date.now() - since < workerData.hangMs) return
  const target = workerData.targets[Atomics.load(state, 1)]
  // Straight to the file descriptor: a worker's process.stderr goes through the blocked thread.
  writeSync(2, '\\nfuzz: the ' + target + ' case with seed ' + Atomics.load(state, 2) + ' has held the thread for ' +
    Math.round((Date.now() - since) / 1000) + ' s: a synchronous hang. Replay it with that seed (see docs/reliability.md, Bad input).\\n')
  process.kill(process.pid, 'SIGKILL')
}, 500)
`

export function startWatchdog(targets: readonly string[], hangMs: number): Watchdog {
  const shared = new SharedArrayBuffer(12)
  const state = new Int32Array(shared)
  const worker = new Worker(SOURCE, { eval: true, workerData: { shared, targets, hangMs } })
  worker.unref()
  return {
    enter(target, seed) {
      Atomics.store(state, 1, target)
      Atomics.store(state, 2, seed)
      Atomics.add(state, 0, 1)
    },
    async stop() {
      await worker.terminate()
    },
  }
}
