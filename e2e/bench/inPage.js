/* global window, document */
// The browser side of the player's end-to-end checks and of `npm run bench`, injected before the app loads
// (`page.addInitScript({ path })`). It also sets `window.__PROCLENS_TEST__`, which makes the player expose its
// small test hook `window.__proclens` (src/features/player/testHook.ts). Everything here only observes:
// it reads canvases (`data-frame` and the pixels of the frame stamp) and moves the playhead through the store.
;(() => {
  window.__PROCLENS_TEST__ = true

  const canvases = () => [...document.querySelectorAll('canvas[data-camera]')]
  const hook = () => {
    const h = window.__proclens
    if (h === undefined) throw new Error('the player test hook is not installed')
    return h
  }

  function base64(bytes) {
    let s = ''
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return btoa(s)
  }

  /** The stamp band (top rows) of a canvas, at the frame's own size: what readStamp needs. */
  function band(canvas) {
    const cell = Math.max(4, Math.floor(canvas.width / 40))
    const ctx = canvas.getContext('2d')
    const d = ctx.getImageData(0, 0, canvas.width, cell)
    return { width: canvas.width, height: cell, data: base64(new Uint8Array(d.data.buffer)) }
  }

  function snapshot() {
    return canvases().map((c) => ({ camera: c.dataset.camera, dataFrame: c.dataset.frame ?? null, band: band(c) }))
  }

  /** All cameras show `frame` (their data-frame says so): resolves with the time it was seen. */
  function waitPainted(frame, timeoutMs = 20000) {
    const done = () => {
      const cs = canvases()
      return cs.length > 0 && cs.every((c) => c.dataset.frame === String(frame))
    }
    if (done()) return Promise.resolve(performance.now())
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(new Error(`frame ${frame} not painted on every camera within ${timeoutMs} ms: ${canvases().map((c) => `${c.dataset.camera}=${c.dataset.frame}`).join(' ')}`))
      }, timeoutMs)
      const off = hook().onPaint(() => {
        if (!done()) return
        clearTimeout(timer)
        off()
        resolve(performance.now())
      })
    })
  }

  /** Paint events where the cameras disagreed, since the harness started watching. */
  const disagreements = []
  let watching
  function watch() {
    watching?.()
    watching = hook().onPaint((frame) => {
      const shown = canvases().map((c) => c.dataset.frame)
      const numbers = shown.filter((f) => f !== undefined).map(Number)
      if (numbers.some((f) => f !== frame)) disagreements.push({ frame, shown })
    })
  }

  /** A new task, as the next key press would be (a MessageChannel message: no timer clamping). */
  function nextTask() {
    return new Promise((resolve) => {
      const ch = new MessageChannel()
      ch.port1.onmessage = () => resolve()
      ch.port2.postMessage(0)
    })
  }

  /** Seeks (as a step) to each frame in turn, one task per step; snapshots every camera once all show it. */
  async function sweep(frames) {
    watch()
    const out = []
    for (const frame of frames) {
      await nextTask()
      hook().playback.getState().seek(frame, 'step')
      await waitPainted(frame)
      out.push({ frame, cameras: snapshot() })
    }
    return out
  }

  let recording
  /** Records every paint (frame, time, each camera's data-frame and stamp band) until `stopRecording`. */
  function startRecording() {
    recording?.off()
    const paints = []
    const off = hook().onPaint((frame) => paints.push({ frame, at: performance.now(), cameras: snapshot() }))
    recording = { paints, off }
  }
  function stopRecording() {
    const r = recording
    recording = undefined
    r?.off()
    return r?.paints ?? []
  }

  /** Plays from `from` at `rate` until playback ends on its own; resolves with the paints and counters. */
  async function play({ from, rate, maxMs = 120000 }) {
    const store = hook().playback
    store.getState().pause()
    store.getState().seek(from, 'step')
    await waitPainted(from)
    startRecording()
    // Animation frames the page got while playing, and how many came late (> 50 ms apart: a busy machine).
    const raf = { frames: 0, late: 0, last: performance.now(), on: true }
    const onFrame = (t) => {
      raf.frames++
      if (t - raf.last > 50) raf.late++
      raf.last = t
      if (raf.on) window.requestAnimationFrame(onFrame)
    }
    window.requestAnimationFrame(onFrame)
    const t0 = performance.now()
    store.getState().play(rate)
    await new Promise((resolve, reject) => {
      const poll = () => {
        if (!store.getState().playing) resolve()
        else if (performance.now() - t0 > maxMs) reject(new Error('playback did not end'))
        else setTimeout(poll, 50)
      }
      poll()
    })
    raf.on = false
    const elapsedMs = performance.now() - t0
    return { paints: stopRecording(), counters: hook().counters(), elapsedMs, animationFrames: raf.frames, lateAnimationFrames: raf.late }
  }

  /** Time from the next keydown to the moment every camera shows `frame` (one step of `npm run bench`). */
  function armStep(frame) {
    let down
    const onKey = (e) => {
      if (down === undefined) down = e.timeStamp
    }
    window.addEventListener('keydown', onKey, { capture: true })
    const painted = waitPainted(frame).then((at) => {
      window.removeEventListener('keydown', onKey, { capture: true })
      return { ms: at - (down ?? at), cameras: snapshot() }
    })
    window.__plArmed = painted
  }
  const awaitStep = () => window.__plArmed

  /** A jump (timeline click, frame field): milliseconds from the seek to every camera showing the frame. */
  async function timeSeek(frame) {
    await nextTask()
    const t0 = performance.now()
    hook().playback.getState().seek(frame, 'user')
    const at = await waitPainted(frame)
    return { ms: at - t0, cameras: snapshot() }
  }

  window.__plHarness = {
    sweep, waitPainted, snapshot, play, startRecording, stopRecording, armStep, awaitStep, timeSeek,
    disagreements: () => disagreements.splice(0),
    frames: () => canvases().map((c) => ({ camera: c.dataset.camera, frame: c.dataset.frame ?? null })),
  }
})()

// Whole-frame pixels, for the real-data checks (frames without a stamp are compared with their source).
;(() => {
  function base64(bytes) {
    let s = ''
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    return window.btoa(s)
  }
  /** The RGBA pixels of a camera's canvas, with its data-frame. */
  function pixels(camera) {
    const c = document.querySelector(`canvas[data-camera="${camera}"]`)
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height)
    return { frame: c.dataset.frame ?? null, width: c.width, height: c.height, data: base64(new Uint8Array(d.data.buffer)) }
  }
  /** An image file decoded by this browser, as RGBA pixels. */
  async function imagePixels(url) {
    const bitmap = await window.createImageBitmap(await (await window.fetch(url)).blob())
    const c = document.createElement('canvas')
    c.width = bitmap.width
    c.height = bitmap.height
    const ctx = c.getContext('2d')
    ctx.drawImage(bitmap, 0, 0)
    const d = ctx.getImageData(0, 0, c.width, c.height)
    return { width: c.width, height: c.height, data: base64(new Uint8Array(d.data.buffer)) }
  }
  Object.assign(window.__plHarness, { pixels, imagePixels })
})()
