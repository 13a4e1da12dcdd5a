#!/usr/bin/env node
// `npm run bench`: builds the app, runs the benchmarks in e2e/bench (player.bench.ts: the player against a plain
// <video> seek, served by `vite preview` on its own port, 4183 or PROCLENS_BENCH_PORT; regions.bench.ts: the
// timeline's segments drawn by wavesurfer's Regions plugin vs. our own layer, on a blank page) in Debian's
// Chromium, and prints their tables. `npm run bench -- --update-docs` also rewrites the results blocks of
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
const OUTS = { player: 'test-results/bench/player.json', regions: 'test-results/bench/regions.json' }
const started = Date.now()
const ok = run('npx', ['playwright', 'test', '-c', 'e2e/bench/bench.config.ts', '--reporter=list', ...filters])
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

function playerTable(results) {
  const lines = []
  lines.push(`Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.`, '')
  lines.push('Step latency, key press to the correct frame painted on every camera (ms; cold jumps: from the seek). Ratio = ProcLens / plain `<video>` seek (below 1: ProcLens is faster).', '')
  lines.push('| Video | Action | ProcLens p50 | p95 | `<video>` p50 | p95 | ratio p50 | ratio p95 | wrong frames (ProcLens / `<video>`) |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const s of results.steps) {
    for (const dir of ['forward', 'backward', 'jump']) {
      const p = s.procLens[dir]
      const b = s.baseline[dir]
      if (p === undefined || b === undefined) continue
      const what = dir === 'jump' ? `cold jumps (${p.n})` : `${dir} (${p.n} steps)`
      lines.push(`| ${s.name} | ${what} | ${ms(p.p50)} | ${ms(p.p95)} | ${ms(b.p50)} | ${ms(b.p95)} | ${ratio(p.p50, b.p50)} | ${ratio(p.p95, b.p95)} | ${p.wrong} / ${b.wrong} |`)
    }
  }
  lines.push('', 'Playback at 1x, all cameras painted together each time (frames the clock passed vs. frames painted).', '')
  lines.push('| Episode | Cameras | Seconds | Frames passed | Painted | Dropped | Ticks behind the decoder | Animation frames > 50 ms apart | Wrong frames |')
  lines.push('|---|---|---|---|---|---|---|---|---|')
  for (const p of results.playback) {
    lines.push(`| ${p.episode} | ${p.cameras} | ${p.seconds.toFixed(1)} | ${p.framesPassed} | ${p.painted} | ${p.dropped} | ${p.decoderLate} | ${p.lateAnimationFrames} of ${p.animationFrames} | ${p.wrong} |`)
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

const tables = { player: playerTable, regions: regionsTable }
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
