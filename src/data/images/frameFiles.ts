/**
 * Image frame files: which names are frames, their natural numeric order (`step_2` before `step_10`), and how
 * one folder holding several cameras' frames (`wrist__image_00000001.webp`, …) splits into cameras.
 */

const IMAGE = /\.(jpe?g|png|webp)$/i

/** True for jpg/jpeg/png/webp names that contain a number. */
export function isFrameFile(name: string): boolean {
  return IMAGE.test(name) && /\d/.test(name.replace(IMAGE, ''))
}

/** The frame number of a name: its last run of digits (`ep_1_step_12.jpg` → 12). */
export function frameNumber(name: string): number | undefined {
  const m = /(\d+)(?!.*\d)/.exec(name.replace(IMAGE, ''))
  return m === null ? undefined : Number(m[1])
}

/** Sorts by frame number, then by name. */
export function sortFrames(names: string[]): string[] {
  return [...names].sort((a, b) => {
    const byNumber = (frameNumber(a) ?? 0) - (frameNumber(b) ?? 0)
    return byNumber !== 0 ? byNumber : a.localeCompare(b)
  })
}

/** The name with its frame number replaced by '#': frames of one camera share it. */
function pattern(name: string): string {
  return name.replace(/(\d+)(?!.*\d)/, '#')
}

/**
 * Frame files of one folder grouped into cameras: one group per name pattern. A single group is the camera
 * `fallbackKey`; several are named by their prefix (`wrist_image_left__image_#.webp` → `wrist_image_left`).
 */
export function groupFrames(names: string[], fallbackKey: string): { key: string; names: string[] }[] {
  const groups = new Map<string, string[]>()
  for (const name of names.filter(isFrameFile)) {
    const p = pattern(name)
    const list = groups.get(p)
    if (list === undefined) groups.set(p, [name])
    else list.push(name)
  }
  if (groups.size <= 1) return [...groups.values()].map((g) => ({ key: fallbackKey, names: sortFrames(g) }))
  return [...groups.entries()]
    .map(([p, g]) => ({ key: p.split('#')[0]?.replace(/([_\-. ]+image)?[_\-. ]*$/, '') || p, names: sortFrames(g) }))
    .sort((a, b) => a.key.localeCompare(b.key))
}
