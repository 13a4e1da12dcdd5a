/**
 * The camera grid's geometry: how many columns, and how big each tile, so that the pictures are as large as
 * the area allows without letterbox bands (a 4:3 picture in a tall cell wastes most of it).
 */
export interface GridLayout {
  cols: number
  /** Tile size in px, header included. */
  width: number
  height: number
}

export interface GridSpace {
  /** Container size in px. */
  width: number
  height: number
  count: number
  /** Picture width / height. */
  aspect: number
  /** Height of a tile's header, px. */
  header: number
  gap: number
}

/** The column count and tile size that give each picture the largest area. */
export function bestGrid(space: GridSpace): GridLayout {
  const { width, height, count, aspect, header, gap } = space
  let best: GridLayout & { area: number } = { cols: 1, width: 0, height: 0, area: -1 }
  for (let cols = 1; cols <= Math.max(1, count); cols++) {
    const rows = Math.ceil(count / cols)
    let w = (width - gap * (cols - 1)) / cols
    let h = w / aspect + header
    const maxH = (height - gap * (rows - 1)) / rows
    if (h > maxH) {
      h = maxH
      w = (h - header) * aspect
    }
    const area = Math.max(0, w) * Math.max(0, h - header)
    if (area > best.area + 1e-6) best = { cols, width: Math.floor(w), height: Math.floor(h), area }
  }
  return { cols: best.cols, width: Math.max(0, best.width), height: Math.max(0, best.height) }
}
