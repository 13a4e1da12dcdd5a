// A child process of corpus.bench.ts: runs one thing and prints {ms, maxRssMiB} as JSON on its last line, so
// each run starts from a fresh heap and its peak memory is its own.
//   node corpusRunner.js export DATASET OUT   proclens export (proccorpus, records, selection) with the built CLI
//   node corpusRunner.js copy DATASET OUT     the same annotation files read and written back: the I/O floor
//   node corpusRunner.js idle                 a Node process that does nothing: the memory floor
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [what, dataset, out] = process.argv.slice(2)
const t0 = performance.now()
if (what === 'export') {
  const { main } = await import(pathToFileURL(join(process.cwd(), 'dist/cli/main.js')).href)
  // Quiet: the figures are this process's last line.
  const saved = [console.error, process.stderr.write]
  console.error = () => undefined
  process.stderr.write = () => true
  const code = await main(['export', dataset, '--format', 'proccorpus,records,selection', '--out', out])
  ;[console.error, process.stderr.write] = saved
  if (code !== 0) throw new Error(`export exited ${code}`)
} else if (what === 'copy') {
  const from = join(dataset, 'annotation', 'v2', 'sub_task')
  for (const name of readdirSync(from)) {
    mkdirSync(join(out, name), { recursive: true })
    for (const file of readdirSync(join(from, name))) writeFileSync(join(out, name, file), readFileSync(join(from, name, file)))
  }
}
const ms = performance.now() - t0
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 }))
