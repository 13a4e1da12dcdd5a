/* global window, document, PointerEvent */
// The browser side of e2e/bench/regions.bench.ts, injected with `page.addScriptTag({ path })` after wavesurfer's
// UMD builds (globals `WaveSurfer` and `WaveSurfer.Regions`). Exposes `window.__plRegionsBench`. It builds one
// timeline (wavesurfer from peaks + duration, no audio) with its subtask segments drawn either by the Regions
// plugin or by a layer of plain divs inside wavesurfer's wrapper, and times boundary drags, in the page, with
// performance.now() and requestAnimationFrame. Nothing here touches the app.
;(() => {
  // The shared timing loop (frameLoop.js, injected first).
  const { frameLoop, offsets, nextFrame } = window.__plFrameLoop
  const timeout = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
  const round1 = (v) => Math.round(v * 100) / 100

  let s = null // the timeline under test

  const COLORS = ['rgba(59, 130, 246, 0.28)', 'rgba(16, 185, 129, 0.28)', 'rgba(245, 158, 11, 0.28)', 'rgba(236, 72, 153, 0.28)']
  const VERBS = ['reach for', 'grasp', 'lift', 'move', 'place', 'release', 'push', 'open', 'close', 'rotate']
  const OBJECTS = ['the red block', 'the cup', 'the drawer', 'the lid', 'the sponge', 'the bowl', 'the marker']
  const label = (i) => `${i + 1}. ${VERBS[i % VERBS.length]} ${OBJECTS[(i * 3) % OBJECTS.length]}`

  /** Deterministic peaks in [-1, 1]: a few slow sines and a hash, like an action-magnitude trace. */
  function makePeaks(n) {
    const p = new Float32Array(n)
    let h = 12345
    for (let i = 0; i < n; i++) {
      h = (h * 1103515245 + 12345) & 0x7fffffff
      const noise = (h / 0x7fffffff - 0.5) * 0.25
      p[i] = Math.max(-1, Math.min(1, 0.45 * Math.sin(i / 97) * Math.sin(i / 1301) + 0.25 * Math.sin(i / 13) + noise))
    }
    return p
  }

  const wrapperWidth = () => s.ws.getWrapper().getBoundingClientRect().width
  const pxPerFrame = () => wrapperWidth() / s.frames

  /** The frame of boundary k (between segment k - 1 and k) as the variant holds it. */
  function boundaryFrame(k) {
    return s.variant === 'regions' ? Math.round(s.regions[k - 1].end * s.fps) : s.bounds[k]
  }

  /** Moves boundary k to `frame`: the two segments that share it, and nothing else. */
  function setBoundary(k, frame) {
    if (s.variant === 'regions') {
      const t = frame / s.fps
      s.regions[k - 1].setOptions({ end: t })
      s.regions[k].setOptions({ start: t })
    } else {
      s.bounds[k] = frame
      placeDiv(k - 1)
      placeDiv(k)
    }
  }

  /** Own layer: left and width in % of the full scroll width (the wrapper), so zoom and scroll need no code. */
  function placeDiv(i) {
    const st = s.divs[i].style
    st.left = `${(s.bounds[i] / s.frames) * 100}%`
    st.width = `${((s.bounds[i + 1] - s.bounds[i]) / s.frames) * 100}%`
  }

  function buildOwnLayer() {
    const layer = document.createElement('div')
    layer.setAttribute('part', 'pl-segments')
    Object.assign(layer.style, { position: 'absolute', top: '0', left: '0', width: '100%', height: '100%', zIndex: '5', pointerEvents: 'none' })
    const frag = document.createDocumentFragment()
    s.divs = []
    for (let i = 0; i < s.segments; i++) {
      const d = document.createElement('div')
      Object.assign(d.style, {
        position: 'absolute', top: '0', height: '100%', boxSizing: 'border-box', overflow: 'hidden',
        whiteSpace: 'nowrap', backgroundColor: COLORS[i % COLORS.length], borderLeft: '1px solid rgba(0, 0, 0, 0.45)',
        pointerEvents: 'auto', font: '12px sans-serif',
      })
      const text = document.createElement('span')
      Object.assign(text.style, { display: 'inline-block', padding: '0.2em 0.4em' })
      text.textContent = label(i)
      const handle = document.createElement('div')
      handle.dataset.handle = String(i + 1)
      Object.assign(handle.style, { position: 'absolute', top: '0', right: '0', width: '6px', height: '100%', cursor: 'ew-resize', zIndex: '2' })
      d.append(text, handle)
      s.divs.push(d)
      frag.appendChild(d)
    }
    layer.appendChild(frag)
    for (let i = 0; i < s.segments; i++) placeDiv(i)
    // Dragging a boundary: one delegated listener; the scale is read once, at pointerdown.
    layer.addEventListener('pointerdown', (e) => {
      const k = Number(e.target?.dataset?.handle)
      if (!(k > 0 && k < s.segments) || e.button !== 0) return
      const id = e.pointerId
      const startX = e.clientX
      const startFrame = s.bounds[k]
      const ppf = pxPerFrame()
      const min = s.bounds[k - 1] + 1
      const max = s.bounds[k + 1] - 1
      const move = (ev) => {
        if (ev.pointerId !== id) return
        const f = Math.max(min, Math.min(max, Math.round(startFrame + (ev.clientX - startX) / ppf)))
        if (f !== s.bounds[k]) setBoundary(k, f)
      }
      const up = (ev) => {
        if (ev.pointerId !== id) return
        window.removeEventListener('pointermove', move)
        window.removeEventListener('pointerup', up)
      }
      window.addEventListener('pointermove', move)
      window.addEventListener('pointerup', up)
    })
    s.layer = layer
    s.ws.getWrapper().appendChild(layer)
  }

  function addRegions(plugin) {
    s.regions = []
    for (let i = 0; i < s.segments; i++) {
      s.regions.push(plugin.addRegion({
        id: `seg-${i}`, start: s.bounds[i] / s.fps, end: s.bounds[i + 1] / s.fps, content: label(i),
        color: COLORS[i % COLORS.length],
      }))
    }
    const index = new Map(s.regions.map((r, i) => [r, i]))
    // What the editor does while a handle is dragged: snap the moved side to a frame and move the neighbour's
    // side with it (the plugin has no notion of a shared boundary).
    plugin.on('region-update', (region, side) => {
      const i = index.get(region)
      if (i === undefined) return
      if (side === 'end' && i + 1 < s.regions.length) {
        const t = Math.round(region.end * s.fps) / s.fps
        if (t !== region.end) region.setOptions({ end: t })
        s.regions[i + 1].setOptions({ start: t })
      } else if (side === 'start' && i > 0) {
        const t = Math.round(region.start * s.fps) / s.fps
        if (t !== region.start) region.setOptions({ start: t })
        s.regions[i - 1].setOptions({ end: t })
      }
    })
  }

  async function setup({ variant, frames, fps, segments, width, height }) {
    const WaveSurfer = window.WaveSurfer
    if (typeof WaveSurfer?.create !== 'function' || typeof WaveSurfer.Regions?.create !== 'function') {
      throw new Error('wavesurfer UMD globals missing (WaveSurfer, WaveSurfer.Regions)')
    }
    const container = document.createElement('div')
    container.style.width = `${width}px`
    document.body.appendChild(container)
    const peaks = makePeaks(frames)
    const bounds = Array.from({ length: segments + 1 }, (_, i) => Math.round((i * frames) / segments))
    s = { variant, frames, fps, segments, bounds, container }
    await nextFrame()

    const t0 = performance.now()
    const plugin = variant === 'regions' ? WaveSurfer.Regions.create() : null
    const ws = WaveSurfer.create({
      container, peaks: [peaks], duration: frames / fps, height, waveColor: '#64748b', progressColor: '#334155',
      cursorWidth: 1, plugins: plugin ? [plugin] : [],
    })
    s.ws = ws
    s.plugin = plugin
    await new Promise((resolve) => ws.once('ready', resolve))
    const tReady = performance.now()
    if (plugin) addRegions(plugin)
    else buildOwnLayer()
    const tAdded = performance.now()
    // The plugin lays out labels in 10 ms timers (and attaches visible regions in 0 ms ones): this timer, set
    // after theirs with the same delay, runs after all of them; then two frames for the paint.
    await timeout(10)
    const tTimers = performance.now()
    await nextFrame()
    await nextFrame()
    const tPainted = performance.now()
    return {
      readyMs: tReady - t0, addMs: tAdded - tReady, timersMs: tTimers - tAdded, totalMs: tPainted - t0,
      duration: ws.getDuration(), ...layout(),
    }
  }

  /** Geometry and DOM counts, for the record. */
  function layout() {
    const wrapper = s.ws.getWrapper()
    const scroller = wrapper.parentElement
    const w = wrapper.getBoundingClientRect().width
    const attached = s.variant === 'regions'
      ? s.regions.filter((r) => r.element?.isConnected).length
      : s.divs.filter((d) => d.isConnected).length
    const firstFrame = (scroller.scrollLeft / w) * s.frames
    return {
      wrapperWidth: round1(w), viewportWidth: scroller.clientWidth, scrollLeft: round1(scroller.scrollLeft),
      visibleFrames: [Math.round(firstFrame), Math.round(firstFrame + (scroller.clientWidth / w) * s.frames)],
      segmentsInDom: attached, elementsInShadowRoot: wrapper.getRootNode().querySelectorAll('*').length,
    }
  }

  /** Zooms so that `visibleFrames` fill the viewport and scrolls boundary k to the middle. */
  async function zoomTo({ visibleFrames, k }) {
    const scroller = s.ws.getWrapper().parentElement
    const pxPerSec = scroller.clientWidth / (visibleFrames / s.fps)
    const t0 = performance.now()
    s.ws.zoom(pxPerSec)
    await nextFrame()
    await nextFrame()
    const zoomMs = performance.now() - t0
    const centre = (s.bounds[k] / s.frames) * wrapperWidth()
    s.ws.setScroll(Math.round(centre - scroller.clientWidth / 2))
    await timeout(50)
    await nextFrame()
    await nextFrame()
    return { zoomMs, pxPerSec, ...layout() }
  }


  /** Where the boundary's element edge is on screen vs. where the frame says it should be (px). */
  function edgeError(k, frame) {
    const rect = s.ws.getWrapper().getBoundingClientRect()
    const el = s.variant === 'regions' ? s.regions[k].element : s.divs[k]
    if (!el?.isConnected) return NaN
    return Math.abs(el.getBoundingClientRect().left - (rect.left + (frame / s.frames) * rect.width))
  }

  function makeChecker(k, expected) {
    const st = { wrong: 0, maxEdgeErrorPx: 0 }
    const check = (i) => {
      const f = boundaryFrame(k)
      if (f !== expected[i]) st.wrong += 1
      const err = edgeError(k, expected[i])
      st.maxEdgeErrorPx = Number.isNaN(err) ? Infinity : Math.max(st.maxEdgeErrorPx, err)
    }
    return { st, check }
  }

  /** Nothing changes: the floor of the loop (what an update that costs nothing measures). */
  async function idle({ n }) {
    return { ...(await frameLoop(n, () => {})) }
  }

  /** Programmatic drag: setOptions on both regions / style on both divs, one frame per step. */
  async function dragProgrammatic({ k, n, amplitude }) {
    const base = s.bounds[k]
    setBoundary(k, base)
    await nextFrame()
    const expected = offsets(n, amplitude).map((o) => base + o)
    const { st, check } = makeChecker(k, expected)
    const times = await frameLoop(n, (i) => setBoundary(k, expected[i]), undefined, check)
    setBoundary(k, base)
    await nextFrame()
    await nextFrame()
    return { ...times, ...st }
  }

  function handleOf(k) {
    if (s.variant === 'regions') return s.regions[k - 1].element.querySelector('[part*="region-handle-right"]')
    return s.divs[k - 1].querySelector(`[data-handle="${k}"]`)
  }

  const pointer = (type, x, y) => new PointerEvent(type, {
    pointerId: 7, pointerType: 'mouse', isPrimary: true, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    clientX: x, clientY: y, bubbles: true, cancelable: true, composed: true,
  })

  /**
   * Pointer-driven drag: pointerdown on the boundary's handle, pointermoves of exactly one frame's width, then
   * pointerup; dispatched on the handle (they bubble through the shadow root to window, where both the plugin
   * and the own layer listen). Also times the drag's end: pointerup → the plugin's label pass (10 ms timers) →
   * painted.
   */
  async function dragPointer({ k, n, amplitude }) {
    const base = s.bounds[k]
    setBoundary(k, base)
    await nextFrame()
    await nextFrame()
    const handle = handleOf(k)
    if (!handle) throw new Error('no handle at the boundary')
    const r = handle.getBoundingClientRect()
    const x0 = r.left + r.width / 2
    const y0 = r.top + r.height / 2
    const ppf = pxPerFrame()
    handle.dispatchEvent(pointer('pointerdown', x0, y0))
    // Past the handle's 1 px drag threshold and back, by whole frames (not timed).
    const prime = Math.ceil(3 / ppf)
    handle.dispatchEvent(pointer('pointermove', x0 + prime * ppf, y0))
    await nextFrame()
    handle.dispatchEvent(pointer('pointermove', x0, y0))
    await nextFrame()
    await nextFrame()
    const primedAt = boundaryFrame(k)
    const expected = offsets(n, amplitude).map((o) => base + o)
    const { st, check } = makeChecker(k, expected)
    const times = await frameLoop(n, (i) => handle.dispatchEvent(pointer('pointermove', x0 + (expected[i] - base) * ppf, y0)), undefined, check)
    await nextFrame()
    // Drag end.
    const t0 = performance.now()
    handle.dispatchEvent(pointer('pointerup', x0, y0))
    const upScriptMs = performance.now() - t0
    await timeout(10)
    const upTimersMs = performance.now() - t0
    await nextFrame()
    await nextFrame()
    const upPaintedMs = performance.now() - t0
    const finalFrame = boundaryFrame(k)
    setBoundary(k, base)
    await nextFrame()
    await nextFrame()
    return { ...times, ...st, primedAt, finalFrame, expectedFinal: expected.at(-1), end: { upScriptMs, upTimersMs, upPaintedMs } }
  }

  window.__plRegionsBench = { setup, zoomTo, idle, dragProgrammatic, dragPointer, layout }
})()
