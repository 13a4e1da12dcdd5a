import { describe, expect, it } from 'vitest'
import { drawStamp, readStamp, stampCellSize, STAMP_CELLS } from './frameStamp'
import type { PixelBuffer } from './frameStamp'

function blank(width: number, height: number, channels: 3 | 4, fill = 90): PixelBuffer {
  return { data: new Uint8Array(width * height * channels).fill(fill), width, height, channels }
}

describe('frame stamp', () => {
  it.each([
    [0, 320, 240, 3], [1, 320, 240, 4], [5000, 160, 120, 3], [65535, 640, 480, 4], [12345, 200, 100, 3],
  ] as const)('round-trips frame %i at %ix%i (%i channels)', (frame, w, h, ch) => {
    const img = blank(w, h, ch)
    drawStamp(img, frame)
    expect(readStamp(img)).toBe(frame)
  })

  it('reads nothing from an unstamped frame', () => {
    expect(readStamp(blank(320, 240, 3))).toBeUndefined()
    expect(readStamp(blank(320, 240, 3, 255))).toBeUndefined()
  })

  it('rejects a stamp with one flipped data cell (parity)', () => {
    const img = blank(320, 240, 3)
    drawStamp(img, 1234)
    const cell = stampCellSize(320)
    // Invert cell 10 (a data bit).
    for (let y = 0; y < cell; y++) for (let x = 10 * cell; x < 11 * cell; x++) {
      const o = (y * 320 + x) * 3
      for (let c = 0; c < 3; c++) img.data[o + c] = 255 - img.data[o + c]!
    }
    expect(readStamp(img)).toBeUndefined()
  })

  it('survives mild noise and a blur-like contrast loss', () => {
    const img = blank(320, 240, 3)
    drawStamp(img, 777)
    for (let i = 0; i < img.data.length; i++) img.data[i] = Math.round(64 + img.data[i]! * 0.5 + ((i * 7919) % 21) - 10)
    expect(readStamp(img)).toBe(777)
  })

  it('is too wide for a frame narrower than its cells', () => {
    expect(STAMP_CELLS * stampCellSize(60)).toBeGreaterThan(60)
    expect(readStamp(blank(60, 40, 3))).toBeUndefined()
  })
})
