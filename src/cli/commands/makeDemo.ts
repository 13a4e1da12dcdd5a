/**
 * `proclens make-demo OUT_DIR`: render the demo dataset (LeRobot v2.1 + ProcVLM annotations) into OUT_DIR.
 * `npm run make-demo` writes the committed copy in public/demo (docs/demo.md).
 */
import type { Command } from '../command'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import { writeDemoDataset } from '../demo/writeDataset'

const usage = `Usage: proclens make-demo OUT_DIR [--json]

Render the demo dataset into OUT_DIR (its folder name becomes the dataset name): 7 episodes of a simulated
arm in LeRobot v2.1 layout (parquet, AV1 front camera, H.264 top camera, every frame stamped with its index)
and ProcVLM-style annotations (raw VLM proposals with deliberate mistakes, flattened ProcCorpus files, ground
truth, inference rows of two imaginary models). Needs ffmpeg with libsvtav1 and libx264 on PATH.
OUT_DIR must be empty, missing, or an earlier demo dataset (its meta/, data/, videos/, annotation/ are replaced).

Options:
  --json   print the report (episodes, files, sizes) as JSON on stdout`

export const makeDemoCommand: Command = {
  name: 'make-demo',
  summary: 'render the demo dataset (LeRobot v2.1 videos + ProcVLM annotations) into a folder',
  usage,
  async run(args) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
    const [outDir, ...extra] = parsed.positionals
    if (outDir === undefined || extra.length > 0) throw new UsageError('expected exactly one OUT_DIR')
    const started = performance.now()
    let report
    try {
      report = await writeDemoDataset(outDir, (msg) => console.error(msg))
    } catch (e) {
      console.error(`proclens make-demo: ${(e as Error).message}`)
      return EXIT_BAD_INPUT
    }
    const seconds = (performance.now() - started) / 1000
    if (parsed.values.json) {
      console.log(JSON.stringify({ ...report, seconds }, null, 2))
    } else {
      console.error(`wrote ${report.files.length} files, ${report.totalBytes} bytes, in ${seconds.toFixed(1)} s to ${outDir}`)
    }
    return EXIT_OK
  },
}
