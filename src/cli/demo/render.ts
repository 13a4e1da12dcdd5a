/**
 * Rasterise scene meshes through one camera into an RGB buffer: back faces culled, Lambert flat shading,
 * z-buffered. The static background is drawn once and copied under every frame. The frame stamp is drawn
 * afterwards by the caller, so nothing can cover it.
 */
import type { Camera } from './camera'
import type { SceneMesh } from './meshes'
import { LIGHT } from './meshes'
import type { Raster } from './raster'
import { clearRaster, fillDisc, fillPolygon, makeRaster } from './raster'
import { dot, sub } from './vec'
import type { Rgb } from './world'
import { COLORS } from './world'

const AMBIENT = 0.6

function shade(color: Rgb, lambert: number): Rgb {
  const k = AMBIENT + (1 - AMBIENT) * Math.max(0, lambert)
  return [Math.min(255, Math.round(color[0] * k)), Math.min(255, Math.round(color[1] * k)), Math.min(255, Math.round(color[2] * k))]
}

function draw(mesh: SceneMesh, camera: Camera, raster: Raster): void {
  for (const face of mesh.faces) {
    if (face.flat !== true && dot(face.normal, sub(camera.eye, face.pts[0]!)) <= 0) continue
    const color = face.flat === true ? face.color : shade(face.color, dot(face.normal, LIGHT))
    fillPolygon(raster, face.pts.map((p) => camera.project(p)), color)
  }
  for (const disc of mesh.discs) {
    const c = camera.project(disc.centre)
    fillDisc(raster, c, disc.radius * camera.pixelsPerMetre(c.iz), disc.color)
  }
}

export interface ViewRenderer {
  /** Draw the background plus `moving` into the renderer's raster and return it (reused between calls). */
  render(moving: SceneMesh): Raster
}

export function makeViewRenderer(camera: Camera, staticMesh: SceneMesh): ViewRenderer {
  const background = makeRaster(camera.width, camera.height)
  clearRaster(background, COLORS.background)
  draw(staticMesh, camera, background)
  const raster = makeRaster(camera.width, camera.height)
  return {
    render(moving) {
      raster.rgb.set(background.rgb)
      raster.depth.set(background.depth)
      draw(moving, camera, raster)
      return raster
    },
  }
}
