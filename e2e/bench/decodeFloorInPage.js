/* global window, self, VideoDecoder, EncodedVideoChunk, Worker */
// The decoding floor of a cold jump (decodeFloor.ts): one WebCodecs decoder per camera in a worker, configured
// as ProcLens configures its own (optimizeForLatency, software first), fed the plan's samples from bytes already
// in memory (handed over from Node), flushed. Injected with addInitScript; runs in the plain seek's page (no app, no CSP).
;(() => {
  const worker = () => {
    let decoder
    self.onmessage = async ({ data }) => {
      if (data.type === 'configure') {
        decoder = new VideoDecoder({ output: (f) => f.close(), error: (e) => self.postMessage({ error: String(e) }) })
        decoder.configure({ ...data.config, ...(data.config.description ? { description: new Uint8Array(data.config.description) } : {}), optimizeForLatency: true, hardwareAcceleration: 'prefer-software' })
        self.postMessage({ ready: true })
        return
      }
      const bytes = new Uint8Array(data.buffer)
      let at = 0
      for (const [i, s] of data.samples.entries()) {
        decoder.decode(new EncodedVideoChunk({ type: s.key ? 'key' : 'delta', timestamp: i, data: bytes.subarray(at, at + s.size) }))
        at += s.size
      }
      await decoder.flush()
      self.postMessage({ done: true })
    }
  }
  const source = URL.createObjectURL(new Blob([`(${worker.toString()})()`], { type: 'text/javascript' }))

  /** Milliseconds to decode every camera's plan at once (all flushed), the bytes and workers ready beforehand. */
  async function time(plans) {
    const workers = plans.map(() => new Worker(source))
    try {
      const ask = (w, message, transfer = []) => new Promise((resolve, reject) => {
        w.onmessage = ({ data }) => (data.error ? reject(new Error(data.error)) : resolve(data))
        w.postMessage(message, transfer)
      })
      await Promise.all(workers.map((w, i) => ask(w, { type: 'configure', config: plans[i].config })))
      const buffers = plans.map((p) => Uint8Array.from(window.atob(p.bytes), (c) => c.charCodeAt(0)).buffer)
      const t0 = window.performance.now()
      await Promise.all(workers.map((w, i) => ask(w, { type: 'decode', buffer: buffers[i], samples: plans[i].samples }, [buffers[i]])))
      return window.performance.now() - t0
    } finally {
      for (const w of workers) w.terminate()
    }
  }

  window.__plFloor = { time }
})()
