/**
 * H.264 access units as mp4 stores them (NAL units, each behind a big-endian length of 1, 2 or 4 bytes, the size
 * the `avcC` box declares): which pictures are disposable. A picture whose slices all have `nal_ref_idc` 0 is
 * never used to decode another one (H.264 §7.4.1), so a decoder heading for a later frame may skip it; x264's
 * default B-pyramid makes two of every four frames such pictures.
 */

/** The NAL length size an `avcC` box declares (`lengthSizeMinusOne + 1`), or undefined when it is not one. */
export function avcLengthSize(avcC: Uint8Array): number | undefined {
  // configurationVersion (1), profile, compatibility, level, then 6 reserved bits and lengthSizeMinusOne.
  if (avcC.length < 5 || avcC[0] !== 1) return undefined
  const size = ((avcC[4] ?? 0) & 0x03) + 1
  return size === 3 ? undefined : size
}

/** Whether every slice of the access unit is a non-reference slice; malformed or slice-less units are not. */
export function isNonReferencePicture(unit: Uint8Array, lengthSize: number): boolean {
  let slices = 0
  let i = 0
  while (i < unit.length) {
    if (i + lengthSize > unit.length) return false
    let n = 0
    for (let k = 0; k < lengthSize; k++) n = n * 256 + (unit[i + k] ?? 0)
    i += lengthSize
    if (n === 0 || i + n > unit.length) return false
    const header = unit[i] ?? 0
    const type = header & 0x1f
    // Coded slices: non-IDR (1), data partitions A–C (2–4), IDR (5).
    if (type >= 1 && type <= 5) {
      if ((header & 0x60) !== 0) return false
      slices += 1
    }
    i += n
  }
  return slices > 0
}
