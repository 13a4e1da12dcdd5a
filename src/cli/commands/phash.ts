/**
 * `proclens phash IMAGE... [--json]`: the perceptual hash ProcVLM's progress target uses (imagehash.phash, 64 bits
 * as 16 hex digits), computed by ProcLens for each image.
 */
import { phashHex } from '../../core/phash'
import { EXIT_BAD_INPUT, EXIT_OK, parseCommandArgs, UsageError } from '../command'
import type { Command } from '../command'
import { decodeImageFiles, FfmpegMissingError } from '../media/frames'

const usage = `Usage: proclens phash IMAGE... [--json]

Prints the perceptual hash of each image, equal to Python's str(imagehash.phash(PIL.Image.open(IMAGE))) (the
similarity ProcVLM's progress target is built on). PNG, JPEG, WebP and BMP; decoded with ffmpeg.

Options:
  --json    print [{"file": "...", "phash": "<16 hex digits>"}] on stdout (default: one "hash  file" line each)

Images that cannot be read are listed on stderr and make the exit code 1; the others are still printed.`

interface Row {
  file: string
  phash: string
}

export const phashCommand: Command = {
  name: 'phash',
  summary: 'perceptual hash of images, as imagehash.phash computes it',
  usage,
  async run(args) {
    const parsed = parseCommandArgs(args, { json: { type: 'boolean', default: false } })
    const files = parsed.positionals
    if (files.length === 0) throw new UsageError('no image given')

    const rows: Row[] = []
    const problems: string[] = []
    try {
      for await (const result of decodeImageFiles(files)) {
        if (result.error !== undefined) problems.push(`${result.file}: ${result.error.message}`)
        else rows.push({ file: result.file, phash: phashHex(result.image) })
      }
    } catch (e) {
      if (!(e instanceof FfmpegMissingError)) throw e
      console.error(`proclens phash: ${e.message}`)
      return EXIT_BAD_INPUT
    }

    if (parsed.values.json) console.log(JSON.stringify(rows))
    else for (const row of rows) console.log(`${row.phash}  ${row.file}`)
    for (const p of problems) console.error(`proclens phash: cannot read ${p}`)
    return problems.length > 0 ? EXIT_BAD_INPUT : EXIT_OK
  },
}
