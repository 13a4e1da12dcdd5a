/* global window, document */
// The peers' way, for comparison (`npm run bench`): a plain <video> per camera, sought to (k + 0.5) / fps,
// waiting for `seeked` and the requestVideoFrameCallback of the new frame, then drawn to a canvas. Injected
// with addInitScript; exposes `window.__plBaseline`.
;(() => {
  const sets = new Map()

  async function open(name, urls) {
    const videos = await Promise.all(urls.map((url) => new Promise((resolve, reject) => {
      const v = document.createElement('video')
      v.muted = true
      // Datasets served from another origin (with CORS headers, as the player needs): the canvas stays readable.
      v.crossOrigin = 'anonymous'
      v.preload = 'auto'
      v.style.cssText = 'position:fixed;left:0;top:0;width:64px;height:48px;opacity:0.01;pointer-events:none'
      v.addEventListener('loadeddata', () => resolve(v), { once: true })
      v.addEventListener('error', () => reject(new Error(`cannot load ${url}`)), { once: true })
      document.body.appendChild(v)
      v.src = url
    })))
    const canvases = videos.map((v) => {
      const c = document.createElement('canvas')
      c.width = v.videoWidth
      c.height = v.videoHeight
      return c
    })
    sets.set(name, { videos, canvases })
  }

  function seekOne(video, canvas, seconds) {
    return new Promise((resolve) => {
      let seeked = false
      let painted = false
      const done = () => {
        if (!seeked || !painted) return
        canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height)
        resolve()
      }
      video.requestVideoFrameCallback(() => {
        painted = true
        done()
      })
      video.addEventListener('seeked', () => {
        seeked = true
        // A seek that shows the frame already on screen presents nothing new; don't wait forever.
        setTimeout(() => {
          painted = true
          done()
        }, 250)
        done()
      }, { once: true })
      video.currentTime = seconds
    })
  }

  /** Seeks every video of the set to frame k; resolves with the milliseconds until all are drawn. */
  async function step(name, frame, fps) {
    const { videos, canvases } = sets.get(name)
    const t0 = performance.now()
    await Promise.all(videos.map((v, i) => seekOne(v, canvases[i], (frame + 0.5) / fps)))
    return performance.now() - t0
  }

  /** The stamp rows of each canvas of the set, base64 (read back in Node). */
  function bands(name) {
    return sets.get(name).canvases.map((c) => {
      const cell = Math.max(4, Math.floor(c.width / 40))
      const d = c.getContext('2d').getImageData(0, 0, c.width, cell)
      let s = ''
      const bytes = new Uint8Array(d.data.buffer)
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { width: c.width, height: cell, data: window.btoa(s) }
    })
  }

  window.__plBaseline = { open, step, bands }
})()
