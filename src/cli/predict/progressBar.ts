/**
 * A progress bar on stderr: redrawn in place on a terminal, one line per tenth otherwise (CI logs stay short).
 */
const WIDTH = 24

export function progressBar(label: string, total: number): (done: number) => void {
  let lastTenth = -1
  return (done) => {
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH)
    const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total}`
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`)
      return
    }
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10)
    if (tenth !== lastTenth) {
      lastTenth = tenth
      process.stderr.write(`${line}\n`)
    }
  }
}
