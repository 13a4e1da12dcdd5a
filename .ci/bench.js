#!/usr/bin/env node
// `npm run bench`: builds the app, runs the benchmarks in e2e/bench (player.bench.ts: the player against a plain
// <video> seek on generated three-camera episodes at 640×480–1280×720, the app served by `vite preview` on its
// own port, 4183 or PROCLENS_BENCH_PORT, the data by a static server; regions.bench.ts: the
// timeline's segments drawn by wavesurfer's Regions plugin vs. our own layer, on a blank page; editor.bench.ts:
// the timeline editor's boundary drag, stepping with the editor open, the visual-change hashing and the bundle;
// corpus.bench.ts: a 1,000-episode export and a 100,000-episode index; sharded.bench.ts: a 10,000-episode
// export in 4 shards and their merge) in Debian's Chromium, then the team server's load test
// (e2e/bench/teamLoad.js: 100 simulated annotators against `proclens team-server` on loopback;
// PROCLENS_BENCH_SKIP_TEAM=1 skips it, `team` as the only filter runs only it), and prints their tables.
// `npm run bench -- --update-docs` also rewrites the results blocks of
// docs/benchmarks.md (only those whose results this run wrote). `--no-build` reuses dist/app. Other arguments
// go to Playwright as filters: `npm run bench -- --no-build regions` runs only the segments benchmark.
// Benchmarks measure; they never fail on a time.
import { spawnSync, execFileSync } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'

const argv = process.argv.slice(2)
const args = new Set(argv.filter((a) => a.startsWith('--')))
const filters = argv.filter((a) => !a.startsWith('--'))
const run = (cmd, cmdArgs) => spawnSync(cmd, cmdArgs, { stdio: 'inherit' }).status === 0

if (!args.has('--no-build') && !run('npm', ['run', '--silent', 'build'])) process.exit(1)
const OUTS = { player: 'test-results/bench/player.json', regions: 'test-results/bench/regions.json', editor: 'test-results/bench/editor.json', corpus: 'test-results/bench/corpus.json', sharded: 'test-results/bench/sharded.json', team: 'test-results/bench/team.json' }
const started = Date.now()
const browserFilters = filters.filter((f) => f !== 'team')
const onlyTeam = filters.length > 0 && browserFilters.length === 0
let ok = onlyTeam || run('npx', ['playwright', 'test', '-c', 'e2e/bench/bench.config.ts', '--reporter=list', ...browserFilters])
if ((filters.length === 0 || filters.includes('team')) && process.env.PROCLENS_BENCH_SKIP_TEAM !== '1') {
  ok = run('node', ['e2e/bench/teamLoad.js']) && ok
}
// Only results this run wrote (a file left by an earlier run is not reported again).
const fresh = Object.fromEntries(Object.entries(OUTS)
  .filter(([, f]) => existsSync(f) && statSync(f).mtimeMs >= started - 1000)
  .map(([name, f]) => [name, JSON.parse(readFileSync(f, 'utf8'))]))
if (Object.keys(fresh).length === 0) {
  console.error('bench: no results written')
  process.exit(1)
}

const ms = (v) => v.toFixed(1)
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) : '–')
let chromium = 'unknown'
try {
  chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim()
} catch {
  // The version is only reported.
}
const cpus = os.cpus()
const machine = [
  `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown CPU'}`,
  `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`,
  `${os.type()} ${os.release()}`,
  `Node ${process.version}`,
  `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min, at the end of the run)`,
  `${chromium} (headless, software decoding)`,
].join('; ')

/** Median, lowest and highest of a list. */
function spreadOf(values) {
  const s = [...values].sort((x, y) => x - y)
  return { median: s[Math.floor((s.length - 1) / 2)] ?? NaN, min: s[0] ?? NaN, max: s.at(-1) ?? NaN }
}
const cell = (values) => {
  const r = spreadOf(values)
  return r.min === r.max ? ms(r.median) : `${ms(r.median)} (${ms(r.min)}–${ms(r.max)})`
}
/** The issue's budgets for paused stepping: one 120 Hz frame up to 720×480, one 60 Hz frame above. */
const stepBudget = (width, height) => (width * height <= 720 * 480 ? 1000 / 120 : 1000 / 60)

/** The player at real sizes (e2e/bench/player.bench.ts). */
function playerTable(results) {
  const lines = []
  const sizes = results.sizes
  lines.push(`Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. Generated episodes (e2e/bench/realSizeData.ts), three cameras, ${sizes[0]?.frames ?? '?'} frames at 30 fps, served over HTTP; ${results.runs} runs of each measure. Each cell: the median of the runs' own values, and in brackets the lowest–highest.`, '')
  lines.push(`**Steps at a person's pace** (a key every ${results.pace} ms: 60 →, 30 ←, 12 Shift+→ of 10 frames), ms from the key press to the correct frame painted on every camera; the plain \`<video>\` seek (one per camera, \`seeked\` + the new frame's \`requestVideoFrameCallback\`, drawn) on the same frames in the same page. Ratio = ProcLens / plain seek, per run. Budget for the p95 of all steps: 8.3 ms up to 720×480, 16.7 ms at 1280×720.`, '')
  lines.push('| Size | Video | Steps | ProcLens p50 | p95 | max | `<video>` p50 | p95 | ratio p95 | runs within budget | wrong frames (ProcLens / `<video>`) |')
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|')
  for (const z of sizes) {
    const budget = stepBudget(z.width, z.height)
    for (const e of z.episodes.filter((x) => x.steps.length > 0)) {
      for (const action of ['all', 'forward', 'backward', 'jump']) {
        const p = e.steps.map((r) => r.procLens[action])
        const b = e.steps.map((r) => r.baseline[action])
        const within = action === 'all' ? `${p.filter((x) => x.p95 <= budget).length} of ${p.length}` : ''
        const wrong = action === 'all' ? `${e.steps.reduce((a, r) => a + r.procLens.wrong, 0)} / ${e.steps.reduce((a, r) => a + r.baseline.wrong, 0)}` : ''
        const what = action === 'all' ? `**all (${p[0]?.n ?? 0})**` : `${action} (${p[0]?.n ?? 0})`
        lines.push(`| ${z.width}×${z.height} | ${e.label} | ${what} | ${cell(p.map((x) => x.p50))} | ${cell(p.map((x) => x.p95))} | ${cell(p.map((x) => x.max))} | ${cell(b.map((x) => x.p50))} | ${cell(b.map((x) => x.p95))} | ${spreadOf(p.map((x, i) => x.p95 / b[i].p95)).median.toFixed(2)} | ${within} | ${wrong} |`)
      }
    }
  }
  lines.push('', `**Cold jumps** (a timeline click: \`seek\` on a page opened at frame 0, nothing decoded near the target; ${sizes[0]?.episodes[0]?.jumps[0]?.procLens.n ?? '?'} targets per run, frames 40 and beyond), ms to the exact frame painted on every camera; the plain seek on freshly opened videos, in a page of their own. *Clicked*: how long after the episode's first frame was on every camera (at 0.3 s its first frames and the visual change's hashing are still decoding; by 2 s the spare decoders of long GOPs are parked, docs/player.md). *Decoding floor*: in that page, WebCodecs workers (configured as ProcLens's) decode just the samples the target needs on every camera (its GOP's key frame to it, disposable H.264 pictures left out), bytes in memory, nothing painted (e2e/bench/decodeFloor.ts). Goal: ProcLens p95 at most half the plain seek's.`, '')
  lines.push('| Size | Video | Clicked | ProcLens p50 | p95 | `<video>` p50 | p95 | ratio p95 | runs at most half | decoding floor p50 | p95 | floor / `<video>` p95 | wrong frames |')
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const z of sizes) {
    for (const e of z.episodes) {
      // Results written before settled clicks were measured have none.
      for (const runs of [e.jumps, e.settledJumps ?? []].filter((x) => x.length > 0)) {
        const p = runs.map((r) => r.procLens)
        const b = runs.map((r) => r.baseline)
        const ratios = p.map((x, i) => x.p95 / b[i].p95)
        const f = runs.map((r) => r.floor).filter((x) => x !== undefined)
        const floor = f.length === 0 ? '– | – | –' : `${cell(f.map((x) => x.p50))} | ${cell(f.map((x) => x.p95))} | ${spreadOf(f.map((x, i) => x.p95 / b[i].p95)).median.toFixed(2)}`
        const clicked = `${((runs[0].afterMs ?? 300) / 1000).toFixed(1)} s`
        lines.push(`| ${z.width}×${z.height} | ${e.label} | ${clicked} | ${cell(p.map((x) => x.p50))} | ${cell(p.map((x) => x.p95))} | ${cell(b.map((x) => x.p50))} | ${cell(b.map((x) => x.p95))} | ${spreadOf(ratios).median.toFixed(2)} | ${ratios.filter((r) => r <= 0.5).length} of ${ratios.length} | ${floor} | ${p.reduce((a, x) => a + x.wrong, 0)} / ${b.reduce((a, x) => a + x.wrong, 0)} |`)
      }
    }
  }
  lines.push('', '**Playback**, all three cameras painted together each time: frames the clock passed, frames painted (each checked), dropped; *ticks behind the decoder*: animation frames where a camera had not decoded the frame the clock asked for (a drop caused by decoding); at 2x and 4x a 60 Hz display cannot show every frame (30 fps × 4 = 120 a second), so frames are dropped by design there.', '')
  lines.push('| Size | Video | Rate | Frames passed | Painted | Dropped | Ticks behind the decoder | Animation frames > 50 ms apart | Wrong frames |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  const n0 = (values) => {
    const r = spreadOf(values)
    return r.min === r.max ? String(r.median) : `${r.median} (${r.min}–${r.max})`
  }
  for (const z of sizes) {
    for (const e of z.episodes) {
      for (const rate of [...new Set(e.playback.map((p) => p.rate))]) {
        const runs = e.playback.filter((p) => p.rate === rate)
        lines.push(`| ${z.width}×${z.height} | ${e.label} | ${rate}x | ${n0(runs.map((p) => p.framesPassed))} | ${n0(runs.map((p) => p.painted))} | ${n0(runs.map((p) => p.dropped))} | ${n0(runs.map((p) => p.decoderLate))} | ${n0(runs.map((p) => p.lateAnimationFrames))} | ${runs.reduce((a, p) => a + p.wrong, 0)} |`)
      }
    }
  }
  return lines.join('\n')
}

const range = (r) => `${ms(r[0])}–${ms(r[1])}`
const withRange = (v, r) => `${ms(v)} (${range(r)})`
const median = (r) => `${ms(r.median)} (${ms(r.min)}–${ms(r.max)})`
const thousands = (n) => n.toLocaleString('en-US')

/** The segments benchmark (e2e/bench/regions.bench.ts): wavesurfer's Regions plugin vs. our own layer. */
function regionsTable(results) {
  const { setup: c, summary: s } = results
  const lines = []
  lines.push(`Machine: ${machine}; 1-min load average between ${s.loadAverage1m.min.toFixed(1)} and ${s.loadAverage1m.max.toFixed(1)} during the runs. wavesurfer.js ${c.wavesurfer}. Date: ${c.date.slice(0, 10)}.`, '')
  lines.push(`Dragging the boundary between segments ${c.boundary - 1} and ${c.boundary} (of ${c.segments}, on ${thousands(c.frames)} frames at ${c.fps} fps, waveform from ${thousands(c.peaks)} peaks, ${c.width} px wide): ${c.steps} one-frame moves per run, ${s.regions.runs} + ${s.own.runs} runs, each on a fresh page (ms). Each cell: p50, p95 or max over all the runs' updates, and in brackets the lowest–highest of the runs' own values. Ratio = Regions plugin / own layer (above 1: the own layer is faster). Budget: 16.7 ms.`, '')
  const view = (z) => `frames ${thousands(s.regions.visibleFrames[z][0])}–${thousands(s.regions.visibleFrames[z][1])} in view, segments in the DOM ${s.regions.segmentsInDom[z]} (Regions) / ${s.own.segmentsInDom[z]} (own layer)`
  lines.push(`Views: *whole*: ${view('whole')}; *zoomed*: ${view('zoomed')}. Measures: *update call*: the update's own script; *main-thread work*: update call → end of the style, layout, paint and commit of the frame that shows it; *to next rAF*: update call → the next animation frame callback, which runs once that frame is produced (the update runs in an animation frame callback, where Chromium delivers a pointermove); *to second rAF*: one frame later.`, '')
  lines.push('| View | Update | Measure | Regions p50 | p95 | max | Own layer p50 | p95 | max | ratio p50 | ratio p95 |')
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|')
  for (const zoom of ['whole', 'zoomed']) {
    for (const [driver, what] of [['programmatic', 'setOptions / style'], ['pointer', 'pointer events'], ['idle', 'none (floor)']]) {
      for (const [metric, name] of [['script', 'update call'], ['work', 'main-thread work'], ['frame', 'to next rAF'], ['frame2', 'to second rAF']]) {
        if (driver === 'idle' && (metric === 'script' || metric === 'work')) continue
        const { regions: r, own: o } = s.drags[`${zoom}/${driver}/${metric}`]
        lines.push(`| ${zoom} | ${what} | ${name} | ${withRange(r.p50, r.p50Range)} | ${withRange(r.p95, r.p95Range)} | ${ms(r.max)} | ${withRange(o.p50, o.p50Range)} | ${withRange(o.p95, o.p95Range)} | ${ms(o.max)} | ${ratio(r.p50, o.p50)} | ${ratio(r.p95, o.p95)} |`)
      }
    }
  }
  lines.push('', `Creating, zooming, ending a drag (ms; median of the runs, lowest–highest in brackets). Ratio = Regions plugin / own layer.`, '')
  lines.push('| Step | Regions plugin | Own layer | ratio |')
  lines.push('|---|---|---|---|')
  const row = (name, f) => lines.push(`| ${name} | ${median(f(s.regions))} | ${median(f(s.own))} | ${ratio(f(s.regions).median, f(s.own).median)} |`)
  row('`WaveSurfer.create` → `ready`', (v) => v.create.readyMs)
  row(`add ${c.segments} segments (synchronous)`, (v) => v.create.addMs)
  row('… then their timers (the plugin\'s label layout; 10 ms floor)', (v) => v.create.timersMs)
  row('create → everything painted', (v) => v.create.totalMs)
  row(`zoom to ~${thousands(c.zoomedFrames)} frames → painted`, (v) => v.zoomMs)
  row('drag end, whole episode: pointerup → label layout done (10 ms floor)', (v) => v.dragEnd.whole.upTimersMs)
  row('drag end, whole episode: pointerup → painted', (v) => v.dragEnd.whole.upPaintedMs)
  row('drag end, zoomed: pointerup → label layout done (10 ms floor)', (v) => v.dragEnd.zoomed.upTimersMs)
  row('drag end, zoomed: pointerup → painted', (v) => v.dragEnd.zoomed.upPaintedMs)
  lines.push(`| boundary in the wrong place after an update (all runs) / largest edge error | ${s.regions.wrong} / ${s.regions.maxEdgeErrorPx.toFixed(2)} px | ${s.own.wrong} / ${s.own.maxEdgeErrorPx.toFixed(2)} px | |`)
  return lines.join('\n')
}

const BUDGET_MS = 1000 / 60
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
const spread = (r) => (r === undefined || !Number.isFinite(r.median) ? '–' : r.min === r.max ? ms(r.median) : `${ms(r.median)} (${ms(r.min)}–${ms(r.max)})`)
const spread0 = (r) => (r === undefined || !Number.isFinite(r.median) ? '–' : `${r.median.toFixed(0)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})`)
const verdict = (v) => (v <= BUDGET_MS ? 'within' : 'over')

/** The timeline editor (e2e/bench/editor.bench.ts): boundary drag, stepping with the editor open, visual change, bundle. */
function editorTable(results) {
  const { setup, drag, steps, phash, bundle } = results
  const lines = []
  lines.push(`Machine: ${machine}. Date: ${setup.date.slice(0, 10)}.`, '')
  if (drag !== undefined) {
    const c = setup.drag
    const g = drag.geometry
    const visible = (v) => Math.round(g[v].width / g[v].ppf)
    lines.push(`**Boundary drag.** ${thousands(c.frames)} frames at ${c.fps} fps, ${c.segments} segments, ${c.curves.length} curves (${c.curves.join(', ')}; the model's ${c.samples} samples, drawn as dots only when at most 120 are in view), no camera. Boundary ${c.boundary + 1} (frame ${thousands(c.boundaryFrame)}) dragged by pointermoves of one frame's width: ${c.steps} per drag with the whole episode in view (${g.whole.width} px, ${g.whole.ppf.toFixed(3)} px per frame, ${g.whole.segmentsInDom} segments and ${g.whole.chartMarkers} chart boundary lines in the DOM), ${c.zoomedSteps} zoomed in to ~${thousands(visible('zoomed'))} frames (${g.zoomed.ppf.toFixed(2)} px per frame, ${g.zoomed.segmentsInDom} segments in the DOM); ${c.runs} runs, each on a fresh page, alternating which variant goes first; 1-min load average between ${drag.loadAverage1m.min.toFixed(1)} and ${drag.loadAverage1m.max.toFixed(1)} during the runs. Each cell: p50, p95 or max over all the runs' updates (ms), and in brackets the lowest–highest of the runs' own values. *Chart hidden*: the same drag with every curve switched off in the chart's legend (the baseline). Ratio = chart shown / chart hidden. *Empty update*: the same loop with no event (the floor). Budget: one frame, ${ms(BUDGET_MS)} ms, for *main-thread work*.`, '')
    lines.push('Measures: *listener*: the pointermove dispatch (the track\'s listener updates the stores; React renders in the microtasks right after it); *main-thread work*: dispatch → end of the style, layout, paint and commit of the frame that shows the update on the track, the budget bar and the chart; *to next rAF*: dispatch → the next animation frame callback (one refresh interval when the update fits); *to second rAF*: one frame later.', '')
    lines.push('| View | Measure | chart shown p50 | p95 | max | chart hidden p50 | p95 | max | ratio p50 | ratio p95 | empty update p50 | p95 |')
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const view of ['whole', 'zoomed']) {
      for (const [metric, name] of [['script', 'listener'], ['work', 'main-thread work'], ['frame', 'to next rAF'], ['frame2', 'to second rAF']]) {
        const a = drag.series[`${view}/shown/${metric}`]
        const b = drag.series[`${view}/hidden/${metric}`]
        const i = drag.series[`${view}/idle/${metric}`]
        lines.push(`| ${view} | ${name} | ${withRange(a.p50, a.p50Range)} | ${withRange(a.p95, a.p95Range)} | ${ms(a.max)} | ${withRange(b.p50, b.p50Range)} | ${withRange(b.p95, b.p95Range)} | ${ms(b.max)} | ${ratio(a.p50, b.p50)} | ${ratio(a.p95, b.p95)} | ${ms(i.p50)} | ${ms(i.p95)} |`)
      }
    }
    const w = drag.series['whole/shown/work']
    const z = drag.series['zoomed/shown/work']
    lines.push('', `Against the ${ms(BUDGET_MS)} ms budget (main-thread work, chart shown): whole episode p50 ${ms(w.p50)} (${verdict(w.p50)}), p95 ${ms(w.p95)} (${verdict(w.p95)}); zoomed p50 ${ms(z.p50)} (${verdict(z.p50)}), p95 ${ms(z.p95)} (${verdict(z.p95)}).`, '')
    lines.push('Ending the drag (the commit, which autosaves): ms from the pointerup, median of the runs (lowest–highest).', '')
    lines.push('| View | Chart | pointerup → end of its frame\'s work | → next rAF | → "Saving…" shown | → "Saved" shown (in IndexedDB) |')
    lines.push('|---|---|---|---|---|---|')
    for (const view of ['whole', 'zoomed']) {
      for (const v of ['shown', 'hidden']) {
        const e = drag.commit[`${view}/${v}`]
        lines.push(`| ${view} | ${v} | ${spread(e.upWorkMs)} | ${spread(e.upFrameMs)} | ${spread(e.savingMs)} | ${spread(e.savedMs)} |`)
      }
    }
    const checks = Object.values(drag.checks)
    const total = (k) => checks.reduce((a, x) => a + x[k], 0)
    const shownChecks = Object.entries(drag.checks).filter(([key]) => key.endsWith('/shown')).map(([, x]) => x)
    const shownTotal = (k) => shownChecks.reduce((a, x) => a + x[k], 0)
    lines.push('', `Checks (every update, at the end of the frame that showed it and two frames later): ${thousands(total('updates'))} updates; handle, chart boundary line or budget cells wrong: ${total('wrong')} (budget cells ${total('budgetWrong')}, chart line missing ${total('markerMissing')}); anything that changed after that frame: ${total('lateChanges')}; chart paths redrawn with the curves shown: ${thousands(shownTotal('pathsChanged'))} of ${thousands(shownTotal('updates'))}; drags that ended on the wrong frame: ${total('finalWrong')}; not saved: ${total('notSaved')}. Opening the episode (page load → track, chart and budget bar drawn): ${spread0(drag.openMs)} ms.`)
  }
  if (steps.length > 0) {
    lines.push('', `**Stepping with the editor open and hidden** (\`e\`), on the demo: ← / → one frame at a time, each step's frame checked on every camera with the frame stamp. ms from the key press (the keydown's timestamp): *painted*: every camera has the frame in its canvas (as the player benchmark); *key handled*: the end of the app's key handler and of React's render in its microtasks; *frame render*: the style, layout, paint and commit of the next frame (its rAF callback → end); *on screen*: the end of that frame (includes waiting for it). Ratio = editor open / hidden.`, '')
    lines.push('| Episode | Direction | Editor | Steps | painted p50 | p95 | key handled p50 | p95 | frame render p50 | p95 | on screen p50 | p95 | wrong frames |')
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    for (const s of steps) {
      for (const dir of ['forward', 'backward']) {
        for (const cond of ['hidden', 'open']) {
          const x = s[cond][dir]
          lines.push(`| ${s.episode} | ${dir} | ${cond} | ${x.n} | ${ms(x.paint.p50)} | ${ms(x.paint.p95)} | ${ms(x.task.p50)} | ${ms(x.task.p95)} | ${ms(x.render.p50)} | ${ms(x.render.p95)} | ${ms(x.work.p50)} | ${ms(x.work.p95)} | ${x.wrong} |`)
        }
        const o = s.open[dir]
        const h = s.hidden[dir]
        lines.push(`| ${s.episode} | ${dir} | **ratio** | | ${ratio(o.paint.p50, h.paint.p50)} | ${ratio(o.paint.p95, h.paint.p95)} | ${ratio(o.task.p50, h.task.p50)} | ${ratio(o.task.p95, h.task.p95)} | ${ratio(o.render.p50, h.render.p50)} | ${ratio(o.render.p95, h.render.p95)} | ${ratio(o.work.p50, h.work.p50)} | ${ratio(o.work.p95, h.work.p95)} | |`)
      }
    }
    lines.push('', `Order and load: ${steps.map((s) => `episode ${s.episode}: ${s.order.join(' then ')}, 1-min load ${s.loadAverage.before[0].toFixed(1)} → ${s.loadAverage.after[0].toFixed(1)}`).join('; ')}.`)
  }
  if (phash.length > 0) {
    const p0 = phash[0]
    lines.push('', `**Visual change (pHash in a worker)**, ${p0.width}×${p0.height}, ${p0.frames} frames of testsrc2, one camera, on an empty IndexedDB (a fresh browser context per run), ${p0.runs.length} runs per codec: from the editor's timeline mounting (where the hashing query starts) until the \`hashing\` note goes (every frame hashed and cached). *Steady*: between the note's first and last progress counts. Baseline: the same samples decoded with WebCodecs in a worker of the same page, in the same chunks (~120 samples from a key frame, each flushed), every frame closed at once; *+ readback*: each frame also drawn into an OffscreenCanvas and read back with getImageData (the hasher's path for frames that are not 4:2:0; a 4:2:0 frame is copied out of its planes instead, \`VideoFrame.copyTo\`). Median of the runs (lowest–highest); ratio = app time / decode-only time, per run.`, '')
    lines.push('| Codec | App: open → hashed (ms) | App fps | App steady fps | Decode only (ms) | Decode fps | Decode + readback fps | ratio app / decode |')
    lines.push('|---|---|---|---|---|---|---|---|')
    for (const p of phash) {
      const s = p.summary
      lines.push(`| ${p.codec === 'h264' ? 'H.264' : 'AV1'} \`-g 2\` (${p.codecString}) | ${spread0(s.openToDoneMs)} | ${spread0(s.fps)} | ${spread0(s.steadyFps)} | ${spread0(s.decodeMs)} | ${spread0(s.decodeFps)} | ${spread0(s.readbackFps)} | ${s.ratio.median.toFixed(1)} (${s.ratio.min.toFixed(1)}–${s.ratio.max.toFixed(1)}) |`)
    }
    lines.push('', `1-min load average during these runs: ${phash.map((p) => `${p.codec} ${p.summary.loadAverage1m.min.toFixed(1)}–${p.summary.loadAverage1m.max.toFixed(1)}`).join(', ')}.`)
  }
  if (bundle !== undefined) {
    lines.push('', `**Bundle** (\`dist/app\`, gzip level 9; kB = 1,000 bytes). The initial JS is the entry chunk of \`index.html\` and whatever it imports statically; the rest loads on demand.`, '')
    lines.push('| Chunk | Loads | Bytes | gzip | brotli |')
    lines.push('|---|---|---|---|---|')
    for (const f of bundle.initialJs) lines.push(`| \`${f.file}\` | with the page (${f.file === bundle.entry.file ? 'entry' : 'static import'}) | ${kB(f.bytes)} | **${kB(f.gzip)}** | ${kB(f.brotli)} |`)
    for (const f of bundle.css) lines.push(`| \`${f.file}\` | with the page (CSS) | ${kB(f.bytes)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`)
    for (const f of bundle.lazy) lines.push(`| \`${f.file}\` | lazily (\`import()\`) | ${kB(f.bytes)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`)
    for (const f of bundle.workers) lines.push(`| \`${f.file}\` | worker | ${kB(f.bytes)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`)
    lines.push('', `Initial JS: ${kB(bundle.initialGzip)} gzip of the ${kB(bundle.budgetGzip)} budget (${((bundle.initialGzip / bundle.budgetGzip) * 100).toFixed(0)}%): ${bundle.initialGzip <= bundle.budgetGzip ? 'within' : 'over'}.`)
  }
  return lines.join('\n')
}

/** Corpus scale: the export of 1,000 episodes against copying their files; a 100,000-episode index against 7. */
function corpusTable(results) {
  const lines = []
  const e = results.export
  if (e !== undefined) {
    const exp = e.runs.map((r) => r.export.ms)
    const copy = e.runs.map((r) => r.copy.ms)
    const rate = e.runs.map((r) => (e.episodes / r.export.ms) * 1000)
    const rss = e.runs.map((r) => r.export.maxRssMiB)
    const copyRss = e.runs.map((r) => r.copy.maxRssMiB)
    lines.push(`**Export** of ${e.episodes.toLocaleString('en-US')} generated episodes of ${e.frames} frames (ProcCorpus, records, selection lists; \`proclens export\`), ${e.runs.length} runs, each in a fresh Node process. Baseline: the same annotation files read and written back (the I/O floor). Median (lowest–highest).`, '')
    lines.push('| | Export | Copy (baseline) | Ratio |')
    lines.push('|---|---|---|---|')
    lines.push(`| Time (ms) | ${cell(exp)} | ${cell(copy)} | ${ratio(spreadOf(exp).median, spreadOf(copy).median)} |`)
    lines.push(`| Episodes per second | ${cell(rate)} | | |`)
    lines.push(`| Peak RSS (MiB) | ${cell(rss)} | ${cell(copyRss)} | ${ratio(spreadOf(rss).median, spreadOf(copyRss).median)} |`)
    lines.push('', `An idle Node process peaks at ${ms(e.idleRssMiB)} MiB.`)
  }
  const i = results.index
  if (i !== undefined) {
    const big = i.runs.map((r) => r.big)
    const small = i.runs.map((r) => r.small)
    lines.push('', `**Opening an index** in the app (Open URL to the list's first rows; meta files only, served by the page's own routes), ${i.runs.length} runs, each in a fresh browser context.`, '')
    lines.push('| 100,000 episodes (ms) | 7 episodes (ms, baseline) | Ratio |')
    lines.push('|---|---|---|')
    lines.push(`| ${cell(big)} | ${cell(small)} | ${ratio(spreadOf(big).median, spreadOf(small).median)} |`)
  }
  return lines.join('\n')
}

/** The team server under 100 simulated annotators (e2e/bench/teamLoad.js). */
function teamTable(results) {
  const r = results.runs
  const lines = [`Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}. ${results.annotators} simulated annotators in one Node process, each claiming an episode, pushing 5 edits one push at a time (each a request of ~0.6 KB: the full two-step document), then giving a verdict and claiming the next, for ${results.seconds} s; \`proclens team-server --data <tmp>\` (its own PostgreSQL cluster, fsync on) in another process, on loopback. ${r.length} runs on fresh datasets; median (lowest–highest).`, '']
  lines.push('| Edits pushed | Edits/s | Push p50 (ms) | Push p95 (ms) | Push max (ms) | Claims | Claimed twice | Edits lost | Edits duplicated | Heads wrong | Conflicts |')
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|')
  const sum = (k) => r.reduce((n, x) => n + x[k], 0)
  lines.push(`| ${cell(r.map((x) => x.edits)).replace(/\.0/g, '')} | ${cell(r.map((x) => x.editsPerSecond))} | ${cell(r.map((x) => x.p50))} | ${cell(r.map((x) => x.p95))} | ${cell(r.map((x) => x.max))} | ${cell(r.map((x) => x.claims)).replace(/\.0/g, '')} | ${sum('sharedClaims')} | ${sum('lost')} | ${sum('duplicated')} | ${sum('badHeads')} | ${sum('conflicts')} |`)
  return lines.join('\n')
}


/** The sharded corpus export (e2e/bench/sharded.bench.ts): each shard, the merge, the unsharded run. */
function shardedTable(r) {
  const n = (x) => x.toLocaleString('en-US')
  const row = (what, episodes, f) => `| ${what} | ${episodes === undefined ? '' : n(episodes)} | ${(f.ms / 1000).toFixed(1)} | ${episodes === undefined ? '' : ((episodes / f.ms) * 1000).toFixed(0)} | ${ms(f.maxRssMiB)} | ${ms(f.peakHeapMiB)} |`
  const lines = []
  lines.push(`Machine: ${machine}. Date: ${r.date.slice(0, 10)}.`, '')
  lines.push(`\`proclens export --format ${r.formats} --shard i/${r.shards}\` of a generated LeRobot v2.1 corpus of ${n(r.episodes)} episodes of ${r.frames} frames (flattened labels next to the dataset, no video), each run once in a fresh Node process, one after another; then \`proclens merge\` of the ${r.shards} shard folders. The merged folder equals the unsharded export byte for byte: ${r.identical ? 'yes' : 'NO'} (${n(r.files)} files, ${(r.bytes / 1e6).toFixed(1)} MB). Peak RSS is the process's maximum resident set; peak heap the largest JS heap sampled every 5 ms.`, '')
  lines.push('| Run | Episodes | Time (s) | Episodes/s | Peak RSS (MiB) | Peak heap (MiB) |')
  lines.push('|---|---|---|---|---|---|')
  lines.push(row('unsharded export (baseline)', r.episodes, r.whole))
  for (const s of r.shardRuns) lines.push(row(`shard ${s.shard}/${r.shards}`, s.episodes, s))
  lines.push(row(`merge of ${r.shards} shards`, r.episodes, r.merge))
  lines.push(row(`shard 0/${r.shards} again (every episode done: resume check only)`, undefined, r.resumed))
  const slowest = Math.max(...r.shardRuns.map((s) => s.ms))
  lines.push('', `With the ${r.shards} shards run at once (a job array), the corpus takes the slowest shard plus the merge: ${((slowest + r.merge.ms) / 1000).toFixed(1)} s against ${(r.whole.ms / 1000).toFixed(1)} s unsharded (${ratio(r.whole.ms, slowest + r.merge.ms)}× faster). An idle Node process peaks at ${ms(r.idleRssMiB)} MiB.`)
  return lines.join('\n')
}

const tables = { player: playerTable, regions: regionsTable, editor: editorTable, corpus: corpusTable, sharded: shardedTable, team: teamTable }
const doc = 'docs/benchmarks.md'
let text = args.has('--update-docs') ? readFileSync(doc, 'utf8') : ''
for (const [name, results] of Object.entries(fresh)) {
  const table = tables[name](results)
  console.log(`\n${table}\n`)
  if (!args.has('--update-docs')) continue
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) {
    console.error(`bench: ${doc} has no ${start} … ${end} block`)
    process.exit(1)
  }
  text = `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`
}
if (args.has('--update-docs')) {
  writeFileSync(doc, text)
  console.error(`bench: ${Object.keys(fresh).join(' and ')} results written to ${doc}`)
}
process.exit(ok ? 0 : 1)
