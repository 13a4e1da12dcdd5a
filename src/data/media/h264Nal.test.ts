import { describe, expect, it } from 'vitest'
import { avcLengthSize, isNonReferencePicture } from './h264Nal'

/** An access unit of NAL units (header byte, then payload) behind `size`-byte lengths. */
function unit(size: number, ...nals: number[][]): Uint8Array {
  const out: number[] = []
  for (const nal of nals) {
    for (let k = size - 1; k >= 0; k--) out.push((nal.length >> (8 * k)) & 0xff)
    out.push(...nal)
  }
  return new Uint8Array(out)
}

// NAL header: forbidden bit, nal_ref_idc (2 bits), nal_unit_type (5 bits).
const header = (refIdc: number, type: number) => (refIdc << 5) | type
const SEI = [header(0, 6), 0x05, 0x01, 0x00]
const AUD = [header(0, 9), 0x10]

describe('isNonReferencePicture', () => {
  it.each([
    { name: 'a B slice with nal_ref_idc 0 (x264 b-frame)', unit: unit(4, AUD, [header(0, 1), 0x9a, 0x00]), disposable: true },
    { name: 'a B slice after an SEI', unit: unit(4, SEI, [header(0, 1), 0x9e]), disposable: true },
    { name: 'a reference B slice (B-pyramid middle)', unit: unit(4, [header(2, 1), 0x9a]), disposable: false },
    { name: 'a P slice', unit: unit(4, [header(2, 1), 0x9a]), disposable: false },
    { name: 'an IDR slice', unit: unit(4, [header(3, 5), 0x88]), disposable: false },
    { name: 'two slices, one of them reference', unit: unit(4, [header(0, 1), 0x9a], [header(1, 1), 0x9a]), disposable: false },
    { name: 'two non-reference slices', unit: unit(4, [header(0, 1), 0x9a], [header(0, 1), 0x9b]), disposable: true },
    { name: 'no slice at all (SEI only)', unit: unit(4, SEI), disposable: false },
    { name: '2-byte lengths', unit: unit(2, [header(0, 1), 0x9a]), size: 2, disposable: true },
    { name: '2-byte lengths read as 4', unit: unit(2, [header(0, 1), 0x9a]), disposable: false },
    { name: 'a length past the end (truncated)', unit: new Uint8Array([0, 0, 0, 9, header(0, 1), 0x9a]), disposable: false },
    { name: 'a zero length', unit: new Uint8Array([0, 0, 0, 0]), disposable: false },
    { name: 'empty', unit: new Uint8Array(0), disposable: false },
  ] as { name: string; unit: Uint8Array; size?: number; disposable: boolean }[])('$name: $disposable', ({ unit: u, size, disposable }) => {
    expect(isNonReferencePicture(u, size ?? 4)).toBe(disposable)
  })
})

describe('avcLengthSize', () => {
  it.each([
    { bytes: [1, 0x64, 0, 0x1f, 0xff], size: 4 },
    { bytes: [1, 0x64, 0, 0x1f, 0xfd], size: 2 },
    { bytes: [1, 0x64, 0, 0x1f, 0xfc], size: 1 },
    { bytes: [1, 0x64, 0, 0x1f, 0xfe], size: undefined },
    { bytes: [0, 0x64, 0, 0x1f, 0xff], size: undefined },
    { bytes: [1, 0x64], size: undefined },
  ])('$bytes: $size', ({ bytes, size }) => {
    expect(avcLengthSize(new Uint8Array(bytes))).toBe(size)
  })
})
