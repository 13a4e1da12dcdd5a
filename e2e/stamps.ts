/**
 * Reading what a camera canvas shows, for frame-exact assertions: the canvas pixels of the stamp row are sent
 * to Node and decoded with the same `readStamp` the demo generator's `drawStamp` pairs with.
 */
import type { Locator } from '@playwright/test'
import { readStamp } from '../src/core/frameStamp'

export interface PaintedFrame {
  /** The `data-frame` attribute: the frame the view says it painted. */
  declared: number | undefined
  /** The frame index read from the pixels. */
  stamp: number | undefined
}

/** The declared and the stamped frame of a camera canvas (`canvas[data-camera]`). */
export async function paintedFrame(canvas: Locator): Promise<PaintedFrame> {
  const { declared, width, height, rows } = await canvas.evaluate((el: HTMLCanvasElement) => {
    const ctx = el.getContext('2d')
    const attr = el.getAttribute('data-frame')
    // Enough rows for the stamp: cells are at most width/40 px tall (frameStamp.ts).
    const h = Math.min(el.height, Math.max(4, Math.floor(el.width / 40)) + 1)
    const data = ctx === null ? [] : Array.from(ctx.getImageData(0, 0, el.width, h).data)
    return { declared: attr === null ? undefined : Number(attr), width: el.width, height: h, rows: data }
  })
  if (rows.length === 0 || width === 0) return { declared, stamp: undefined }
  return { declared, stamp: readStamp({ data: Uint8ClampedArray.from(rows), width, height, channels: 4 }) }
}
