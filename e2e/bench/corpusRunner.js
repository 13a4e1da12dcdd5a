// A child process of corpus.bench.ts: runs one thing and prints {ms, maxRssMiB} as JSON on its last line, so
// each run starts from a fresh heap and its peak memory is its own.
//   node corpusRunner.js export DATASET OUT   proclens export (proccorpus, records, selection) with the built CLI
//   node corpusRunner.js copy DATASET OUT     the same annotation files read and written back: the I/O floor
//   node corpusRunner.js idle                 a Node process that does nothing: the memory floor
//   node corpusRunner.js cli ARGS...          any proclens command with the built CLI (the sharded export, merge);
//                                             also reports the peak JS heap, sampled every 5 ms
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [what, dataset, out] = process.argv.slice(2)
const t0 = performance.now()
let peakHeap = process.memoryUsage().heapUsed
const sampler = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed) }, 5)
if (what === 'cli') {
  const { main } = await import(pathToFileURL(join(process.cwd(), 'dist/cli/main.js')).href)
  const saved = [console.error, process.stderr.write]
  console.error = () => undefined
  process.stderr.write = () => true
  const code = await main(process.argv.slice(3))
  ;[console.error, process.stderr.write] = saved
  if (code !== 0) throw new Error(`proclens ${process.argv.slice(3).join(' ')} exited ${code}`)
} else if (what === 'export') {
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
clearInterval(sampler)
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
console.log(JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, peakHeapMiB: peakHeap / 2 ** 20 }))
