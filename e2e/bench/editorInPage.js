/* global window, document, requestAnimationFrame, PointerEvent, MutationObserver, self, VideoDecoder, EncodedVideoChunk, OffscreenCanvas, Worker */
// The browser side of e2e/bench/editor.bench.ts, injected before the app loads (`page.addInitScript({ path })`).
// Exposes `window.__plEditorBench`. It only observes the app and talks to it the way a person does: pointer
// events on the segment track's boundary handle, clicks on the chart's legend. Times are taken in the page
// with performance.now() and requestAnimationFrame, with the timing loop of frameLoop.js (injected first): each
// update runs inside an animation frame callback (where Chromium delivers a real pointermove); a message posted
// from that callback runs after the frame's style, layout, paint and commit: the end of the frame's work.
;(() => {
  window.__PROCLENS_TEST__ = true

  // The shared timing loop (frameLoop.js, injected first).
  const { frameLoop, offsets, afterRender, nextFrame } = window.__plFrameLoop

  const track = () => document.querySelector('[data-testid="segment-track"]')
  const handleOf = (k) => track()?.querySelector(`[data-boundary="${k}"]`) ?? null
  const chart = () => document.querySelector('[data-testid="progress-chart"]')
  const saveStatus = () => document.querySelector('[data-testid="save-status"]')
  const px = (s) => Number.parseFloat(s)

  /** Resolves once `pred()` is truthy (checked every animation frame), with its value. */
  function waitFor(pred, timeoutMs = 30000, what = 'condition') {
    const t0 = performance.now()
    return new Promise((resolve, reject) => {
      const poll = () => {
        const v = pred()
        if (v) resolve(v)
        else if (performance.now() - t0 > timeoutMs) reject(new Error(`timed out waiting for ${what}`))
        else requestAnimationFrame(poll)
      }
      poll()
    })
  }

  /** Segment ids in timeline order (the blocks of the track; all of them in the whole-episode view). */
  const segmentIds = () => [...track().querySelectorAll('[data-segment]')].map((d) => d.dataset.segment)

  /** The legend's curve buttons; `pressed` = shown. */
  const curveButtons = () => [...document.querySelectorAll('[role="group"][aria-label="Curves"] button')]

  /** Shows (true) or hides (false) every curve of the progress chart through its legend; resolves when drawn. */
  async function setCurves(shown) {
    for (const b of curveButtons()) if ((b.getAttribute('aria-pressed') === 'true') !== shown) b.click()
    await nextFrame()
    await nextFrame()
    return { curves: curveButtons().length, shown: curveButtons().filter((b) => b.getAttribute('aria-pressed') === 'true').length, paths: chart().querySelectorAll('path').length }
  }

  /** What the timeline, the chart and the budget bar show for boundary k (read after the times are taken). */
  function snapshot(k, ids) {
    const h = handleOf(k)
    const c = chart()
    const left = h?.style.left
    // The chart draws its boundary lines as one path that lists their frames.
    const markers = (c?.querySelector('[data-boundaries]')?.getAttribute('data-boundaries') ?? '').split(' ')
    const budget = (id) => document.querySelector(`[data-budget="${id}"]`)?.style.width ?? null
    const now = h?.getAttribute('aria-valuenow') ?? null
    return {
      now,
      left: left ?? null,
      marker: now !== null && markers.includes(now),
      paths: c === null ? '' : [...c.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '').join('|'),
      budget: [budget(ids[k]), budget(ids[k + 1])],
    }
  }

  /** Geometry of the track around boundary k: its x on screen, pixels per frame, segments and handles drawn. */
  function geometry(k) {
    const t = track()
    const h = handleOf(k)
    if (t === null || h === null) throw new Error(`boundary ${k} is not on the track`)
    const handles = [...t.querySelectorAll('[data-boundary]')]
    const i = handles.indexOf(h)
    const other = handles[i + 1] ?? handles[i - 1]
    const frame = Number(h.getAttribute('aria-valuenow'))
    const ppf = (px(other.style.left) - px(h.style.left)) / (Number(other.getAttribute('aria-valuenow')) - frame)
    const box = t.getBoundingClientRect()
    return {
      frame, ppf, x: box.left + px(h.style.left), y: box.top + box.height / 2, width: box.width,
      segmentsInDom: t.querySelectorAll('[data-segment]').length, handlesInDom: handles.length,
      chartMarkers: (chart()?.querySelector('[data-boundaries]')?.getAttribute('data-boundaries') ?? '').split(' ').filter((f) => f !== '').length,
      chartPaths: chart()?.querySelectorAll('path').length ?? 0,
      budgetCells: document.querySelectorAll('[data-budget]').length,
    }
  }


  const pointer = (type, x, y) => new PointerEvent(type, {
    pointerId: 1, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true,
  })

  /** Nothing changes: the floor of the loop. */
  async function idle({ n }) {
    return frameLoop(n, () => {})
  }

  /**
   * Drags boundary k with pointer events dispatched on its handle (the track listens, with pointer capture):
   * pointerdown, `n` timed pointermoves of exactly one frame's width (offsets(n, amplitude)), one untimed move
   * to `finalOffset` (so that the drag changes the document), then a timed pointerup. Every update is checked
   * at the end of its frame (`rendered`) and two frames later (`settled`):
   *   - the handle shows the frame asked for (aria-valuenow) and the chart has a boundary marker at its x;
   *   - the two budget cells beside the boundary (segments `ids[k]` and `ids[k + 1]`) have the widths
   *     `budgets[frame]` (computed with the core's stepShares);
   *   - nothing of the above, nor the chart's paths, changed after the frame that showed the update.
   * The pointerup is timed to the end of its frame's rendering, the next rAF, and the save indicator's `saved`
   * (the autosave to IndexedDB).
   */
  async function drag({ k, n, amplitude, finalOffset, ids, budgets }) {
    const g = geometry(k)
    const base = g.frame
    const h = handleOf(k)
    const at = (frame) => g.x + (frame - base) * g.ppf
    h.dispatchEvent(pointer('pointerdown', g.x, g.y))
    await nextFrame()
    await nextFrame()
    const expected = offsets(n, amplitude).map((o) => base + o)
    const rendered = []
    const st = { wrong: 0, lateChanges: 0, budgetWrong: 0, markerMissing: 0, pathsChanged: 0, firstWrong: undefined }
    let lastPaths = snapshot(k, ids).paths
    const times = await frameLoop(n, (i) => h.dispatchEvent(pointer('pointermove', at(expected[i]), g.y)),
      (i) => { rendered[i] = snapshot(k, ids) },
      (i) => {
        const a = rendered[i]
        const b = snapshot(k, ids)
        const want = String(expected[i])
        const bad = []
        if (a.now !== want) bad.push(`handle at ${a.now}`)
        if (!a.marker) {
          st.markerMissing += 1
          bad.push('no chart marker at the handle')
        }
        const wb = budgets?.[expected[i]]
        if (wb !== undefined && (a.budget[0] !== wb[0] || a.budget[1] !== wb[1])) {
          st.budgetWrong += 1
          bad.push(`budgets ${a.budget.join(' / ')} (expected ${wb.join(' / ')})`)
        }
        if (a.now !== b.now || a.left !== b.left || a.paths !== b.paths || a.budget[0] !== b.budget[0] || a.budget[1] !== b.budget[1]) {
          st.lateChanges += 1
          bad.push('changed after the frame that showed the update')
        }
        if (a.paths !== lastPaths) st.pathsChanged += 1
        lastPaths = a.paths
        if (bad.length > 0) {
          st.wrong += 1
          st.firstWrong ??= { step: i, frame: expected[i], problems: bad }
        }
        rendered[i] = undefined
      })
    // Leave the boundary elsewhere than it started, so that the pointerup commits a change (and saves it).
    h.dispatchEvent(pointer('pointermove', at(base + finalOffset), g.y))
    await nextFrame()
    await nextFrame()
    await waitFor(() => saveStatus() !== null, 5000, 'the save indicator')
    const before = saveStatus().dataset.state
    const end = await new Promise((resolve) => {
      const r = { upScriptMs: NaN, upWorkMs: NaN, upFrameMs: NaN, savingMs: NaN, savedMs: NaN }
      let t0 = 0
      let framed = false
      const maybeDone = () => {
        if (framed && !Number.isNaN(r.savedMs)) resolve(r)
      }
      const observer = new MutationObserver(() => {
        const state = saveStatus()?.dataset.state
        if (state === 'saving' && Number.isNaN(r.savingMs)) r.savingMs = performance.now() - t0
        if (state === 'saved' && !Number.isNaN(r.savingMs) && Number.isNaN(r.savedMs)) {
          r.savedMs = performance.now() - t0
          observer.disconnect()
          maybeDone()
        }
      })
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true })
      requestAnimationFrame(() => {
        t0 = performance.now()
        h.dispatchEvent(pointer('pointerup', at(base + finalOffset), g.y))
        r.upScriptMs = performance.now() - t0
        afterRender(() => { r.upWorkMs = performance.now() - t0 })
        requestAnimationFrame(() => {
          r.upFrameMs = performance.now() - t0
          framed = true
          maybeDone()
        })
      })
      setTimeout(() => {
        observer.disconnect()
        resolve(r)
      }, 10000)
    })
    await nextFrame()
    await nextFrame()
    return {
      ...times, ...st, base, expectedFinal: base + finalOffset, finalFrame: Number(handleOf(k)?.getAttribute('aria-valuenow')),
      saveStateBefore: before, saveStateAfter: saveStatus()?.dataset.state, end, geometry: g,
    }
  }

  /**
   * Arms the timing of a step's frame, from the next keydown's timeStamp:
   *   task   = to the end of the app's handling of the key: a bubble-phase listener on window added now, after
   *            the app's own (listeners run in the order they were added, and the microtasks of each, where React
   *            renders a store change, run before the next);
   *   raf    = to the next animation frame callback;
   *   render = that frame's own style, layout, paint and commit (rAF callback → a message posted from it);
   *   work   = to the end of that frame (= raf + render): the step is on screen, the editor included;
   *   frame  = to the rAF after that.
   */
  function armFrame() {
    const r = { task: NaN, raf: NaN, render: NaN, work: NaN, frame: NaN }
    let down
    const onKey = (e) => {
      window.removeEventListener('keydown', onKey, { capture: true })
      down = e.timeStamp
      requestAnimationFrame(() => {
        const t = performance.now()
        r.raf = t - down
        afterRender(() => {
          const now = performance.now()
          r.render = now - t
          r.work = now - down
        })
        requestAnimationFrame(() => { r.frame = performance.now() - down })
      })
    }
    const onKeyHandled = () => {
      window.removeEventListener('keydown', onKeyHandled)
      r.task = performance.now() - down
    }
    window.addEventListener('keydown', onKey, { capture: true })
    window.addEventListener('keydown', onKeyHandled)
    window.__plEditorArmed = r
  }
  const awaitFrame = () => waitFor(() => (Number.isNaN(window.__plEditorArmed.frame) ? false : window.__plEditorArmed), 10000, 'the frame after the key')

  /**
   * Visual change, for the hashing benchmark (and to know when it is over before stepping): times, from the
   * navigation start, when the editor's timeline mounted (the visual-change query starts with it), when the
   * `hashing` note first showed and when it went, when the waveform was drawn (wavesurfer created from the
   * peaks), and every progress count the note showed. Watches the whole document: stop it before measuring
   * anything else.
   */
  let hashingWatch
  function watchHashing() {
    const w = { seen: [], editorAt: NaN, appearedAt: NaN, goneAt: NaN, waveformAt: NaN }
    const look = () => {
      const now = performance.now()
      if (Number.isNaN(w.editorAt) && document.querySelector('[data-testid="editor-timeline"]') !== null) w.editorAt = now
      const el = document.querySelector('[data-testid="hashing"]')
      if (el !== null) {
        if (Number.isNaN(w.appearedAt)) w.appearedAt = now
        const m = /([\d,]+) \/ ([\d,]+) frames/.exec(el.textContent ?? '')
        if (m !== null) {
          const done = Number(m[1].replace(/,/g, ''))
          if (w.seen.at(-1)?.done !== done) w.seen.push({ at: now, done, total: Number(m[2].replace(/,/g, '')) })
        }
      } else if (!Number.isNaN(w.appearedAt) && Number.isNaN(w.goneAt)) {
        w.goneAt = now
      }
      if (Number.isNaN(w.waveformAt) && (document.querySelector('[data-testid="waveform"]')?.childElementCount ?? 0) > 0) w.waveformAt = now
    }
    const observer = new MutationObserver(look)
    const start = () => {
      observer.observe(document, { subtree: true, childList: true, characterData: true })
      look()
    }
    start()
    w.stop = () => observer.disconnect()
    hashingWatch = w
  }
  const hashing = () => {
    const { stop: _, ...w } = hashingWatch ?? {}
    return w
  }
  const stopWatching = () => hashingWatch?.stop()

  window.__plEditorBench = {
    setCurves, geometry, segmentIds, idle, drag, armFrame, awaitFrame, watchHashing, hashing, stopWatching,
    editorShown: () => document.querySelector('[data-testid="editor-timeline"]') !== null,
  }
})()

// The decode-only baseline of the visual-change benchmark: the same mp4 samples decoded by WebCodecs in a
// dedicated worker, in the same chunks as the app's hashing (about 120 samples, each starting at a key frame,
// each ending with a flush), every frame closed at once ('decode'), or also drawn into an OffscreenCanvas and
// read back with getImageData as the hasher does before its pHash ('readback').
;(() => {
  function decodeWorker() {
    self.onmessage = async ({ data }) => {
      const { config, buffer, samples, chunkSamples, readback } = data
      const bytes = new Uint8Array(buffer)
      let frames = 0
      let failed
      let canvas
      let ctx
      let checksum = 0
      const decoder = new VideoDecoder({
        output(frame) {
          if (readback) {
            const w = frame.displayWidth
            const h = frame.displayHeight
            if (canvas === undefined) {
              canvas = new OffscreenCanvas(w, h)
              ctx = canvas.getContext('2d', { willReadFrequently: true })
            }
            ctx.drawImage(frame, 0, 0, w, h)
            checksum += ctx.getImageData(0, 0, w, h).data[w * 4 * (h >> 1)]
          }
          frames += 1
          frame.close()
        },
        error(e) {
          failed = e.message
        },
      })
      const t0 = performance.now()
      decoder.configure(config)
      let start = 0
      while (start < samples.length && failed === undefined) {
        let end = start + 1
        while (end < samples.length && !(end - start >= chunkSamples && samples[end].key)) end += 1
        for (let i = start; i < end; i++) {
          const s = samples[i]
          decoder.decode(new EncodedVideoChunk({ type: s.key ? 'key' : 'delta', timestamp: i, data: bytes.subarray(s.offset, s.offset + s.size) }))
        }
        await decoder.flush()
        start = end
      }
      const ms = performance.now() - t0
      decoder.close()
      self.postMessage({ ms, frames, checksum, error: failed })
    }
  }
  const source = URL.createObjectURL(new Blob([`(${decodeWorker.toString()})()`], { type: 'text/javascript' }))

  /** Decodes the file at `url` (fetched first, not timed) in a fresh worker; resolves with the worker's time. */
  async function decodeBaseline({ url, config, samples, chunkSamples, readback }) {
    const buffer = await (await fetch(url)).arrayBuffer()
    const worker = new Worker(source, { name: 'bench-decode' })
    try {
      const description = config.description === undefined ? {} : { description: new Uint8Array(config.description) }
      return await new Promise((resolve, reject) => {
        worker.onmessage = ({ data }) => resolve(data)
        worker.onerror = (e) => reject(new Error(e.message))
        worker.postMessage({ config: { ...config, ...description }, buffer, samples, chunkSamples, readback }, [buffer])
      })
    } finally {
      worker.terminate()
    }
  }

  window.__plEditorBench.decodeBaseline = decodeBaseline
})()
