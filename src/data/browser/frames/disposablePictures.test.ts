import { describe, expect, it } from 'vitest'
import { fakeMp4Index } from '@/test/fakeMp4Index'
import type { WireSample } from './decoderProtocol'
import { disposableCheck, unaskedSamples, withoutUnasked } from './disposablePictures'
import { mapEpisodeFrames } from './frameMap'

// Ten frames, one key frame; frame k is sample k.
const map = mapEpisodeFrames(fakeMp4Index(Array.from({ length: 10 }, (_, i) => i), (s) => s === 0))
const wire = (timestamp: number, start: number): WireSample => ({ start, size: 1, timestamp, key: timestamp === 0 })

describe('unasked samples of a run', () => {
  it('are those before its last sample that show no wanted frame', () => {
    expect([...unaskedSamples(map, { first: 0, last: 6 }, new Set([4, 6]))]).toEqual([0, 1, 2, 3, 5])
  })

  it('go out when disposable, in as references only (timestamp -1 - sample) when not; asked ones untouched', () => {
    // One byte per sample: 0 marks a disposable picture.
    const data = new Uint8Array([1, 0, 1, 0, 1])
    const samples = [0, 1, 2, 3, 4].map((t) => wire(t, t))
    const out = withoutUnasked({ samples, data, unasked: new Set([0, 1, 2, 3]), disposable: (unit) => unit[0] === 0, map })
    expect(out.samples.map((w) => w.timestamp)).toEqual([-1, -3, 4])
    expect(out.notProduced).toEqual([0, 1, 2, 3])
    expect(out.left).toBe(2)
    // Without a disposable check (AV1, VP9) nothing is left out.
    expect(withoutUnasked({ samples, data, unasked: new Set([1]), disposable: undefined, map }).samples.map((w) => w.timestamp)).toEqual([0, -2, 2, 3, 4])
  })

  it('are told disposable only for H.264 with an avcC description', () => {
    const avcC = new Uint8Array([1, 0x64, 0, 0x1f, 0xff])
    expect(disposableCheck({ codec: 'avc1.64001f', description: avcC })).toBeTypeOf('function')
    expect(disposableCheck({ codec: 'avc1.64001f' })).toBeUndefined()
    expect(disposableCheck({ codec: 'av01.0.04M.08', description: avcC })).toBeUndefined()
  })
})
