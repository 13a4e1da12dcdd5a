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

export interface PaneSpace {
  /** Height shared by the cameras and the editor below them, px. */
  height: number
  /** Width of the cameras' area, px. */
  width: number
  count: number
  aspect: number
  header: number
  gap: number
  /** Padding around the grid, per axis (both sides together), px. */
  pad: number
  /** The editor's height when it gets nothing spare. */
  editor: number
  /** The most spare height the editor takes; beyond it the cameras keep the room (centred). */
  editorMaxExtra: number
}

/**
 * How the episode pane shares its height: the cameras get the room their best grid fills at this width, and
 * the editor below gets what they would leave empty (up to a limit), so two 4:3 cameras in a wide window do
 * not sit between bands of nothing while the progress plot stays cramped.
 */
export function splitPane(space: PaneSpace): { cameras: number; editorExtra: number } {
  const room = Math.max(0, space.height - space.editor)
  if (space.count === 0) return { cameras: room, editorExtra: 0 }
  const grid = bestGrid({
    width: space.width - space.pad, height: room - space.pad, count: space.count, aspect: space.aspect, header: space.header, gap: space.gap,
  })
  const rows = Math.ceil(space.count / grid.cols)
  const used = rows * grid.height + (rows - 1) * space.gap + space.pad
  const extra = Math.min(space.editorMaxExtra, Math.max(0, Math.floor(room - used)))
  return { cameras: room - extra, editorExtra: extra }
}
