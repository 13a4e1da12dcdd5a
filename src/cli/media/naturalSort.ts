/**
 * Natural ("human") order of file names: digit runs compare as numbers, so `ep_1_step_2.jpg` comes before
 * `ep_1_step_10.jpg`, and zero-padded names (`frame_000012.png`) keep their order.
 */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' })

/** Comparator for `Array.prototype.sort`: natural order, ties broken by plain code-unit order. */
export function compareNatural(a: string, b: string): number {
  const c = collator.compare(a, b)
  if (c !== 0) return c
  return a < b ? -1 : a > b ? 1 : 0
}
