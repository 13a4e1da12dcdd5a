/**
 * A tiny z-buffered rasteriser: flat-coloured triangles and discs into an RGB buffer. No anti-aliasing, on
 * purpose: hard flat edges keep the videos small and the frame stamp crisp.
 */
import type { ScreenPoint } from './camera'
import type { Rgb } from './world'

export interface Raster {
  width: number
  height: number
  rgb: Uint8Array
  /** 1/depth per pixel; 0 = empty. */
  depth: Float32Array
}

export function makeRaster(width: number, height: number): Raster {
  return { width, height, rgb: new Uint8Array(width * height * 3), depth: new Float32Array(width * height) }
}

/** Fill with `color` and reset depth. */
export function clearRaster(r: Raster, color: Rgb): void {
  r.depth.fill(0)
  for (let i = 0; i < r.width * r.height; i++) {
    r.rgb[i * 3] = color[0]
    r.rgb[i * 3 + 1] = color[1]
    r.rgb[i * 3 + 2] = color[2]
  }
}

function put(r: Raster, i: number, iz: number, color: Rgb): void {
  if (iz <= r.depth[i]!) return
  r.depth[i] = iz
  r.rgb[i * 3] = color[0]
  r.rgb[i * 3 + 1] = color[1]
  r.rgb[i * 3 + 2] = color[2]
}

/** A triangle, sampled at pixel centres. */
export function fillTriangle(r: Raster, tri: readonly [ScreenPoint, ScreenPoint, ScreenPoint], color: Rgb): void {
  const [a, b, c] = tri
  const area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
  if (Math.abs(area) < 1e-9) return
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x, c.x)))
  const x1 = Math.min(r.width - 1, Math.ceil(Math.max(a.x, b.x, c.x)))
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y, c.y)))
  const y1 = Math.min(r.height - 1, Math.ceil(Math.max(a.y, b.y, c.y)))
  const inv = 1 / area
  for (let y = y0; y <= y1; y++) {
    const py = y + 0.5
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5
      const w0 = ((b.x - px) * (c.y - py) - (b.y - py) * (c.x - px)) * inv
      const w1 = ((c.x - px) * (a.y - py) - (c.y - py) * (a.x - px)) * inv
      const w2 = 1 - w0 - w1
      if (w0 < 0 || w1 < 0 || w2 < 0) continue
      put(r, y * r.width + x, w0 * a.iz + w1 * b.iz + w2 * c.iz, color)
    }
  }
}

/** A convex polygon as a triangle fan. */
export function fillPolygon(r: Raster, pts: readonly ScreenPoint[], color: Rgb): void {
  for (let i = 1; i + 1 < pts.length; i++) fillTriangle(r, [pts[0]!, pts[i]!, pts[i + 1]!], color)
}

/** A screen-facing disc at one depth (joints), pulled 2% nearer so it shows over the links it joins. */
export function fillDisc(r: Raster, centre: ScreenPoint, radius: number, color: Rgb): void {
  const iz = centre.iz * 1.02
  const x0 = Math.max(0, Math.floor(centre.x - radius))
  const x1 = Math.min(r.width - 1, Math.ceil(centre.x + radius))
  const y0 = Math.max(0, Math.floor(centre.y - radius))
  const y1 = Math.min(r.height - 1, Math.ceil(centre.y + radius))
  const r2 = radius * radius
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - centre.x
      const dy = y + 0.5 - centre.y
      if (dx * dx + dy * dy <= r2) put(r, y * r.width + x, iz, color)
    }
  }
}
