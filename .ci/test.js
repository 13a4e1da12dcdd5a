#!/usr/bin/env node
// `npm test`: every suite in order (typecheck, lint, build, unit, e2e), never stopping early, then one closing
// line `N passed, N failed[, N skipped]` summing all of them. Exit 0 only when nothing failed.
// Chromium (e2e), ffmpeg (fixture videos, the demo) and PostgreSQL (the team server's tests) are installed with
// apt-get when missing and running as root; otherwise the run stops with the exact command to run.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0
// Debian keeps initdb in /usr/lib/postgresql/N/bin, off the PATH.
const hasPostgres = () => has('initdb') || (existsSync('/usr/lib/postgresql')
  && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb'))))
const missing = [...['chromium', 'ffmpeg'].filter((c) => !has(c)), ...(hasPostgres() ? [] : ['postgresql'])]
if (missing.length > 0) {
  const install = `apt-get update && apt-get install -y ${missing.join(' ')}`
  if (process.getuid?.() === 0) {
    console.error(`npm test: installing ${missing.join(' and ')}: ${install}`)
    const r = spawnSync('sh', ['-c', install], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (r.status !== 0) {
      console.log('0 passed, 1 failed')
      process.exit(1)
    }
  } else {
    console.error(`npm test needs ${missing.join(' and ')}. Install with:\n  sudo sh -c '${install}'`)
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}

const reports = mkdtempSync(join(tmpdir(), 'proclens-test-'))
const run = (label, cmd, args, env = {}) => {
  console.error(`\n── ${label} ──`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}
const readJson = (name) => {
  const path = join(reports, name)
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
}

let passed = 0
let failed = 0
let skipped = 0
const check = (ok) => (ok ? passed++ : failed++)
check(run('typecheck', 'npm', ['run', '--silent', 'typecheck']))
check(run('lint', 'npm', ['run', '--silent', 'lint']))
const built = run('build', 'npm', ['run', '--silent', 'build'])
check(built)

const unitOk = run('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json',
  `--outputFile.json=${join(reports, 'unit.json')}`])
const unit = readJson('unit.json')
let unitFailed = unit?.numFailedTests ?? 0
passed += unit?.numPassedTests ?? 0
skipped += (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0)
if (!unitOk && unitFailed === 0) unitFailed = 1
failed += unitFailed

if (built) {
  const e2eOk = run('end-to-end tests (playwright)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts',
    '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_FILE: join(reports, 'e2e.json') })
  const e2e = readJson('e2e.json')
  let e2eFailed = e2e?.stats?.unexpected ?? 0
  passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0)
  skipped += e2e?.stats?.skipped ?? 0
  if (!e2eOk && e2eFailed === 0) e2eFailed = 1
  failed += e2eFailed
} else {
  failed += 1 // e2e needs the build
}

const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`
// Under .ci/run the line goes to a file and .ci/run prints it last (npm may print after a failing script).
if (process.env.PROCLENS_SUMMARY_FILE) writeFileSync(process.env.PROCLENS_SUMMARY_FILE, `${line}\n`)
else console.log(`\n${line}`)
process.exit(failed === 0 ? 0 : 1)
