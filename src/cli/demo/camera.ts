/**
 * Pinhole cameras for the two views. `project` maps a world point to screen pixels plus `iz` = 1/depth,
 * which is linear in screen space and so can be interpolated across a triangle for the depth test.
 */
import type { Vec3 } from './vec'
import { cross, dot, normalize, sub } from './vec'

export interface CameraSpec {
  eye: Vec3
  target: Vec3
  up: Vec3
  /** Vertical field of view, degrees. */
  fovY: number
}

export interface ScreenPoint {
  x: number
  y: number
  iz: number
}

export interface Camera {
  width: number
  height: number
  eye: Vec3
  project(p: Vec3): ScreenPoint
  /** Pixels per metre at depth `iz` (for discs and line widths). */
  pixelsPerMetre(iz: number): number
}

export function makeCamera(spec: CameraSpec, width: number, height: number): Camera {
  const f = normalize(sub(spec.target, spec.eye))
  const r = normalize(cross(f, spec.up))
  const u = cross(r, f)
  const focal = height / 2 / Math.tan((spec.fovY * Math.PI) / 360)
  return {
    width,
    height,
    eye: spec.eye,
    project(p) {
      const d = sub(p, spec.eye)
      const zc = Math.max(1e-4, dot(d, f))
      return { x: width / 2 + (focal * dot(d, r)) / zc, y: height / 2 - (focal * dot(d, u)) / zc, iz: 1 / zc }
    },
    pixelsPerMetre: (iz) => focal * iz,
  }
}

/** The front/side view: a 3/4 view from in front of the table, slightly to the right. */
export const FRONT_CAMERA: CameraSpec = { eye: [0.34, -0.9, 0.64], target: [-0.01, 0.06, 0.19], up: [0, 0, 1], fovY: 41 }

/** The top view: straight down, robot at the top of the image. */
export const TOP_CAMERA: CameraSpec = { eye: [0.0, 0.06, 1.75], target: [0.0, 0.06, 0.0], up: [0, 1, 0], fovY: 30 }
