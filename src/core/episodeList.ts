/**
 * Episode lists as people type them on a command line: `10`, `0-9,12`, `3-5, 8`. Ranges are inclusive.
 * Returns the indices sorted and without repeats, or the reason the text is not such a list.
 */
export function parseEpisodeList(text: string): { ok: true; episodes: number[] } | { ok: false; reason: string } {
  const out = new Set<number>()
  for (const raw of text.split(',')) {
    const part = raw.trim()
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part)
    if (range !== null) {
      const a = Number(range[1])
      const b = Number(range[2])
      if (b < a) return { ok: false, reason: `'${part}' runs backwards (write ${b}-${a})` }
      if (b - a > 10_000_000) return { ok: false, reason: `'${part}' is too long a range` }
      for (let i = a; i <= b; i++) out.add(i)
    } else if (/^\d+$/.test(part)) out.add(Number(part))
    else return { ok: false, reason: `'${part}' is not an episode index or a range like 0-9` }
  }
  return { ok: true, episodes: [...out].sort((x, y) => x - y) }
}
