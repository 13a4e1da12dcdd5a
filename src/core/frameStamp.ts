/**
 * The machine-readable frame stamp that the demo dataset burns into every frame, so a test or a benchmark can
 * check that the frame on screen is the frame asked for.
 *
 * ```text
 *  top-left corner, one row of square cells (cell = max(4, floor(width / 40)) px):
 *  [W][B][b15][b14] ... [b1][b0][P][B]      W white, B black guards; b = frame index bits, MSB first;
 *                                           P = even parity over the 16 bits (white = 1)
 * ```
 * Guards and parity make a misread (a blurred or half-decoded frame) come back as `undefined`, not as a wrong
 * number.
 */

export const STAMP_DATA_BITS = 16
export const STAMP_CELLS = STAMP_DATA_BITS + 4

/** Side of one stamp cell, in pixels, for a frame `width` pixels wide. */
export function stampCellSize(width: number): number {
  return Math.max(4, Math.floor(width / 40))
}

/** The cells of the stamp for `frame`, left to right; `true` is white. */
export function stampCells(frame: number): boolean[] {
  const bits: boolean[] = []
  for (let b = STAMP_DATA_BITS - 1; b >= 0; b--) bits.push(((frame >> b) & 1) === 1)
  const parity = bits.filter(Boolean).length % 2 === 1
  return [true, false, ...bits, parity, false]
}

/** Interleaved 8-bit pixels: RGB (3 channels) or RGBA (4), row-major, no padding. */
export interface PixelBuffer {
  data: Uint8Array | Uint8ClampedArray
  width: number
  height: number
  channels: 3 | 4
}

/** Paint the stamp for `frame` into `img` (in place). */
export function drawStamp(img: PixelBuffer, frame: number): void {
  const cell = stampCellSize(img.width)
  for (const [i, white] of stampCells(frame).entries()) {
    const v = white ? 255 : 0
    for (let y = 0; y < cell && y < img.height; y++) {
      for (let x = i * cell; x < (i + 1) * cell && x < img.width; x++) {
        const o = (y * img.width + x) * img.channels
        img.data[o] = v
        img.data[o + 1] = v
        img.data[o + 2] = v
        if (img.channels === 4) img.data[o + 3] = 255
      }
    }
  }
}

function cellLuma(img: PixelBuffer, index: number, cell: number): number {
  // Average the middle half of the cell: edges bleed under lossy compression and scaling.
  const x0 = index * cell + Math.floor(cell / 4)
  const y0 = Math.floor(cell / 4)
  const n = Math.max(1, Math.floor(cell / 2))
  let sum = 0
  for (let y = y0; y < y0 + n; y++) {
    for (let x = x0; x < x0 + n; x++) {
      const o = (y * img.width + x) * img.channels
      sum += 0.299 * img.data[o]! + 0.587 * img.data[o + 1]! + 0.114 * img.data[o + 2]!
    }
  }
  return sum / (n * n)
}

/**
 * The frame index stamped into `img`, or `undefined` when there is no valid stamp (guards or parity wrong).
 * `img` must have the stamped frame's size (draw a video frame at its natural size before reading).
 */
export function readStamp(img: PixelBuffer): number | undefined {
  const cell = stampCellSize(img.width)
  if (STAMP_CELLS * cell > img.width || cell > img.height) return undefined
  const cells: boolean[] = []
  for (let i = 0; i < STAMP_CELLS; i++) cells.push(cellLuma(img, i, cell) >= 128)
  const expected = stampCells(0)
  if (cells[0] !== expected[0] || cells[1] !== expected[1] || cells[STAMP_CELLS - 1] !== expected[STAMP_CELLS - 1]) return undefined
  let frame = 0
  for (let b = 0; b < STAMP_DATA_BITS; b++) frame = frame * 2 + (cells[2 + b] === true ? 1 : 0)
  const parity = cells.slice(2, 2 + STAMP_DATA_BITS).filter(Boolean).length % 2 === 1
  return parity === cells[2 + STAMP_DATA_BITS] ? frame : undefined
}
