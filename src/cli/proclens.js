#!/usr/bin/env node
// The `proclens` bin. Node 20 cannot run TypeScript, so the CLI runs from a bundle built by Vite
// (`npm run build:cli`, also run by `npm ci` through `prepare`). This shim rebuilds the bundle first when
// any source it is made from is newer, so the command never runs stale code.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const bundle = join(root, 'dist', 'cli', 'main.js')

function newestSource(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path))
    else if (/\.(tsx?|sql)$/.test(entry.name) && !entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs)
  }
  return newest
}

function bundleIsStale() {
  let built
  try {
    built = statSync(bundle).mtimeMs
  } catch {
    return true
  }
  return ['src/core', 'src/data', 'src/server', 'src/cli'].some((d) => newestSource(join(root, d)) > built)
}

if (bundleIsStale()) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const r = spawnSync(process.execPath, [vite, 'build', '--ssr', 'src/cli/main.ts', '--outDir', 'dist/cli', '--emptyOutDir', '--logLevel', 'error'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) {
    console.error('proclens: building the CLI failed (see above); run `npm ci` first.')
    process.exit(2)
  }
}

const { main } = await import(pathToFileURL(bundle).href)
process.exitCode = await main(process.argv.slice(2))
