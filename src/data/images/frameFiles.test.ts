import { describe, expect, it } from 'vitest'
import { frameNumber, groupFrames, isFrameFile, sortFrames } from './frameFiles'
import { imageSizeFromBytes } from './imageSize'

describe('frame files', () => {
  it.each([['000012.jpg', 12], ['ep_1_step_27.jpg', 27], ['wrist__image_00000003.webp', 3], ['frame-7.PNG', 7]])('%s is frame %i', (name, n) => {
    expect(isFrameFile(name)).toBe(true)
    expect(frameNumber(name)).toBe(n)
  })

  it.each([['episode.json'], ['cover.jpg'], ['video.mp4'], ['notes_2.txt']])('%s is not a frame', (name) => expect(isFrameFile(name)).toBe(false))

  it('sorts numerically, not lexically', () => {
    expect(sortFrames(['s_10.jpg', 's_2.jpg', 's_1.jpg', 's_0.jpg'])).toEqual(['s_0.jpg', 's_1.jpg', 's_2.jpg', 's_10.jpg'])
  })

  it('splits one folder of several cameras by name pattern', () => {
    const names = ['b__image_1.webp', 'a__image_0.webp', 'b__image_0.webp', 'a__image_1.webp', 'camera_images.json']
    expect(groupFrames(names, 'frames')).toEqual([
      { key: 'a', names: ['a__image_0.webp', 'a__image_1.webp'] }, { key: 'b', names: ['b__image_0.webp', 'b__image_1.webp'] },
    ])
    expect(groupFrames(['ep_1_step_1.jpg', 'ep_1_step_0.jpg'], 'frames')).toEqual([{ key: 'frames', names: ['ep_1_step_0.jpg', 'ep_1_step_1.jpg'] }])
  })
})

describe('imageSizeFromBytes', () => {
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAADCAYAAAC56t6BAAAADklEQVR42mNk+M9AGwYAGLIBBOVMGNAAAAAASUVORK5CYII=', 'base64')
  it('reads PNG, JPEG (SOF after other segments) and WebP (VP8, VP8L, VP8X) headers', () => {
    expect(imageSizeFromBytes(png)).toEqual({ width: 2, height: 3 })
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 88, 3, 0, 0, 0, 0, 0])
    expect(imageSizeFromBytes(jpeg)).toEqual({ width: 88, height: 50 })
    const riff = (chunk: string, body: number[]): Uint8Array =>
      Uint8Array.from([...Buffer.from('RIFF'), 0, 0, 0, 0, ...Buffer.from('WEBP'), ...Buffer.from(chunk), 0, 0, 0, 0, ...body])
    expect(imageSizeFromBytes(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 88, 0, 50, 0]))).toEqual({ width: 88, height: 50 })
    const bits = (88 - 1) | ((50 - 1) << 14)
    expect(imageSizeFromBytes(riff('VP8L', [0x2f, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255, (bits >>> 24) & 255]))).toEqual({ width: 88, height: 50 })
    expect(imageSizeFromBytes(riff('VP8X', [0, 0, 0, 0, 87, 0, 0, 49, 0, 0]))).toEqual({ width: 88, height: 50 })
    expect(imageSizeFromBytes(Uint8Array.from([1, 2, 3]))).toBeUndefined()
  })
})
