import { describe, expect, it } from 'vitest'
import { referenceCamera } from './referenceCamera'

describe('referenceCamera (ProcVLM §1.4)', () => {
  it.each([
    [['observation.images.wrist', 'observation.images.front'], undefined, 'observation.images.front', 'name'],
    [['observation.images.top', 'observation.images.front'], undefined, 'observation.images.front', 'name'],
    [['cam_high', 'exterior_image_1_left', 'wrist_image'], undefined, 'exterior_image_1_left', 'name'],
    [['wrist', 'GLOBAL_view'], undefined, 'GLOBAL_view', 'name'],
    [['observation.images.image_1', 'observation.images.image_0'], 'bridge_orig_lerobot', 'observation.images.image_0', 'map'],
    [['observation.images.top', 'observation.images.wrist'], undefined, 'observation.images.top', 'first'],
  ])('%j (%s) -> %s by %s', (keys, dataset, key, rule) => {
    expect(referenceCamera(keys, dataset)).toEqual({ key, rule })
  })

  it('none without cameras', () => {
    expect(referenceCamera([])).toBeUndefined()
  })
})
