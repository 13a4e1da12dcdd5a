#!/usr/bin/env node
// The team server's load test (docs/benchmarks.md, "Team server"): 100 simulated annotators on loopback claim,
// edit and push for a fixed time against `proclens team-server --data <tmp>` (the built CLI, its own PostgreSQL
// cluster), three runs on fresh datasets. Each run checks the server's log against what the clients had
// confirmed: claims distinct, edits lost 0, duplicated 0. A 2 s warm-up run comes first and is not counted.
// Writes test-results/bench/team.json.
//   PROCLENS_TEAM_LOAD_ANNOTATORS (100), PROCLENS_TEAM_LOAD_SECONDS (10), PROCLENS_TEAM_LOAD_RUNS (3)
// The simulation is src/test/teamLoad.ts (the same code as the smaller run in npm test), loaded with jiti.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createJiti } from 'jiti'
import pg from 'pg'

const annotators = Number(process.env.PROCLENS_TEAM_LOAD_ANNOTATORS ?? 100)
const seconds = Number(process.env.PROCLENS_TEAM_LOAD_SECONDS ?? 10)
const runs = Number(process.env.PROCLENS_TEAM_LOAD_RUNS ?? 3)
const out = 'test-results/bench/team.json'

const jiti = createJiti(import.meta.url)
const { runLoad, checkLog, percentile } = await jiti.import('../../src/test/teamLoad.ts')

const dir = mkdtempSync(join(tmpdir(), 'proclens-team-load-'))
const server = spawn(process.execPath, ['src/cli/proclens.js', 'team-server', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
const baseUrl = await new Promise((resolve, reject) => {
  let text = ''
  server.stdout.on('data', (chunk) => {
    text += chunk
    const m = /team server: (http:\/\/\S+)/.exec(text)
    if (m) resolve(m[1])
  })
  server.once('exit', (code) => reject(new Error(`team-server exited ${code} before it was ready:\n${text}`)))
})
const stop = () => new Promise((resolve) => {
  server.once('exit', resolve)
  server.kill('SIGINT')
})

// The cluster's own login, for reading the log back (the port from postmaster.pid, the password from DIR).
const port = Number(readFileSync(join(dir, 'pgdata', 'postmaster.pid'), 'utf8').split('\n')[3])
const password = readFileSync(join(dir, 'password'), 'utf8').trim()
const db = new pg.Client({ connectionString: `postgres://proclens:${encodeURIComponent(password)}@127.0.0.1:${port}/proclens` })
await db.connect()

const results = []
try {
  const tokenRes = await fetch(`${baseUrl}/auth/dev-token`, { method: 'POST', body: JSON.stringify({ annotator: 'bench-admin', role: 'admin' }) })
  const { token } = await tokenRes.json()
  // A short warm-up run, not counted: the first seconds of a fresh server and cluster (JIT, caches, connections).
  await fetch(`${baseUrl}/api/datasets`, { method: 'POST', headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ dataset: 'warm-up', episodes: Array.from({ length: 10_000 }, (_, i) => i) }) })
  await runLoad({ baseUrl, dataset: 'warm-up', annotators, durationMs: 2000, editsPerEpisode: 5, batch: 1, prefix: 'w-' })
  for (let run = 1; run <= runs; run++) {
    const dataset = `load-run-${run}`
    await fetch(`${baseUrl}/api/datasets`, { method: 'POST', headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify({ dataset, episodes: Array.from({ length: 50_000 }, (_, i) => i) }) })
    const r = await runLoad({ baseUrl, dataset, annotators, durationMs: seconds * 1000, editsPerEpisode: 5, batch: 1, prefix: `r${run}-` })
    const check = await checkLog(db, dataset, r)
    const row = {
      run, annotators, seconds: r.elapsedMs / 1000, pushes: r.pushLatencies.length, edits: r.confirmed.length,
      claims: r.claims.length, editsPerSecond: r.confirmed.length / (r.elapsedMs / 1000),
      p50: percentile(r.pushLatencies, 50), p95: percentile(r.pushLatencies, 95), max: percentile(r.pushLatencies, 100),
      conflicts: r.conflicts, retries: r.retries, ...check,
    }
    results.push(row)
    console.error(`team load run ${run}: ${row.edits} edits in ${row.seconds.toFixed(1)} s (${row.editsPerSecond.toFixed(0)}/s), push p50 ${row.p50.toFixed(1)} ms p95 ${row.p95.toFixed(1)} ms; claims ${row.claims}, shared ${row.sharedClaims}; lost ${row.lost}, duplicated ${row.duplicated}`)
  }
} finally {
  await db.end()
  await stop()
  rmSync(dir, { recursive: true, force: true })
}
mkdirSync('test-results/bench', { recursive: true })
writeFileSync(out, JSON.stringify({ annotators, seconds, runs: results }, null, 2))
const bad = results.some((r) => r.lost > 0 || r.duplicated > 0 || r.sharedClaims > 0 || r.badHeads > 0 || r.conflicts > 0)
process.exit(bad ? 1 : 0)
