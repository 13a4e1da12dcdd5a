#!/usr/bin/env node
// `npm run bench`: builds the app, runs the player benchmark (e2e/bench/player.bench.ts) in Debian's
// Chromium against `vite preview` on its own port (4183; PROCLENS_BENCH_PORT), and prints the figures.
// `npm run bench -- --update-docs` also rewrites the results block of docs/benchmarks.md.
// `--no-build` reuses dist/app. Benchmarks measure; they never fail on a time.
import { spawnSync, execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'

const args = new Set(process.argv.slice(2))
const run = (cmd, argv) => spawnSync(cmd, argv, { stdio: 'inherit' }).status === 0

if (!args.has('--no-build') && !run('npm', ['run', '--silent', 'build'])) process.exit(1)
const out = 'test-results/bench/player.json'
const ok = run('npx', ['playwright', 'test', '-c', 'e2e/bench/bench.config.ts', '--reporter=list'])
if (!existsSync(out)) {
  console.error('bench: no results written')
  process.exit(1)
}
const results = JSON.parse(readFileSync(out, 'utf8'))

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
const table = lines.join('\n')
console.log(`\n${table}\n`)

if (args.has('--update-docs')) {
  const doc = 'docs/benchmarks.md'
  const start = '<!-- bench:player:start -->'
  const end = '<!-- bench:player:end -->'
  const text = readFileSync(doc, 'utf8')
  const a = text.indexOf(start)
  const b = text.indexOf(end)
  if (a < 0 || b < a) {
    console.error(`bench: ${doc} has no ${start} … ${end} block`)
    process.exit(1)
  }
  writeFileSync(doc, `${text.slice(0, a + start.length)}\n${table}\n${text.slice(b)}`)
  console.error(`bench: results written to ${doc}`)
}
process.exit(ok ? 0 : 1)
