/* global window, requestAnimationFrame */
// The timing loop shared by the in-page halves of the timeline benchmarks (regionsInPage.js, editorInPage.js),
// injected before them. Exposes `window.__plFrameLoop = { frameLoop, offsets, afterRender, nextFrame }`.
;(() => {
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))

  // A message posted from a rAF callback is handled after that frame's style, layout, paint and commit
  // (they run in the same task as the rAF callbacks), so it marks the end of the frame's main-thread work.
  const channel = new MessageChannel()
  const afterRenderQueue = []
  channel.port1.onmessage = () => afterRenderQueue.shift()?.()
  const afterRender = (fn) => {
    afterRenderQueue.push(fn)
    channel.port2.postMessage(0)
  }

  /**
   * The timing loop. Each update runs inside a requestAnimationFrame callback, at the start of a frame, where
   * Chromium delivers a real pointermove (input is aligned to animation frames), then:
   *   script = the update call itself (for the app: the listeners; React renders in the microtasks after it);
   *   work   = update call → end of that frame's style, layout, paint and commit (the main thread's cost);
   *   frame  = update call → the next rAF callback, which runs only once the frame carrying the update has
   *            been produced (one refresh interval, 16.7 ms, when the update fits the budget);
   *   frame2 = update call → the rAF after that (the literal "second rAF").
   * `onRendered(i)` runs right after `work` is taken (what the frame that shows the update holds), `check(i)`
   * after frame2 (whatever came later, layout clean); neither is timed. The next update starts in the frame2
   * callback.
   */
  function frameLoop(n, update, onRendered, check) {
    return new Promise((resolve, reject) => {
      const out = { script: [], work: [], frame: [], frame2: [] }
      let i = 0
      const step = () => {
        try {
          const t0 = performance.now()
          update(i)
          out.script.push(performance.now() - t0)
          afterRender(() => {
            out.work.push(performance.now() - t0)
            onRendered?.(i)
          })
          requestAnimationFrame(() => {
            out.frame.push(performance.now() - t0)
            requestAnimationFrame(() => {
              out.frame2.push(performance.now() - t0)
              try {
                check?.(i)
              } catch (e) {
                reject(e)
                return
              }
              i += 1
              if (i < n) step()
              else resolve(out)
            })
          })
        } catch (e) {
          reject(e)
        }
      }
      requestAnimationFrame(step)
    })
  }

  /** Offsets of a drag: one frame per step, left to -amplitude, right to +amplitude, back to 0. */
  function offsets(n, amplitude) {
    const out = []
    let o = 0
    let dir = -1
    for (let i = 0; i < n; i++) {
      if (o + dir > amplitude || o + dir < -amplitude) dir = -dir
      o += dir
      out.push(o)
    }
    return out
  }

  window.__plFrameLoop = { frameLoop, offsets, afterRender, nextFrame }
})()
