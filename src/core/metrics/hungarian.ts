/**
 * Minimum-cost rectangular assignment (the linear sum assignment problem), as SciPy's
 * `scipy.optimize.linear_sum_assignment` solves it: the shortest-augmenting-path method of Crouse (2016),
 * one row at a time, with Dijkstra-like column scans.
 *
 * Why not any textbook Hungarian: BF1@5 keeps only matched pairs whose error is within a tolerance, so when
 * several assignments share the minimum total cost the *choice* changes the score. Following SciPy's scan
 * order and tie rules (columns scanned from the last one; among equal path costs, prefer a free column;
 * a tall matrix is solved transposed) makes those ties come out as they do in ProcVLM's evaluation.
 */

/** Row and column indices of the chosen pairs, sorted by row; `min(rows, cols)` pairs in all. */
export interface Assignment {
  rows: number[]
  cols: number[]
}

/**
 * Solve a wide-or-square problem (`nr <= nc`) on a row-major cost array; returns the column of each row.
 * Returns undefined when no finite-cost assignment exists.
 */
function solveWide(cost: Float64Array, nr: number, nc: number): Int32Array | undefined {
  const u = new Float64Array(nr)
  const v = new Float64Array(nc)
  const shortest = new Float64Array(nc)
  const path = new Int32Array(nc).fill(-1)
  const col4row = new Int32Array(nr).fill(-1)
  const row4col = new Int32Array(nc).fill(-1)
  const rowSeen = new Uint8Array(nr)
  const colSeen = new Uint8Array(nc)
  const remaining = new Int32Array(nc)

  for (let curRow = 0; curRow < nr; curRow++) {
    // Reverse order: a constant matrix then yields the identity assignment, as in SciPy.
    for (let it = 0; it < nc; it++) remaining[it] = nc - it - 1
    let numRemaining = nc
    rowSeen.fill(0)
    colSeen.fill(0)
    shortest.fill(Infinity)

    let minVal = 0
    let i = curRow
    let sink = -1
    while (sink === -1) {
      let index = -1
      let lowest = Infinity
      rowSeen[i] = 1
      for (let it = 0; it < numRemaining; it++) {
        const j = remaining[it] as number
        const r = minVal + (cost[i * nc + j] as number) - (u[i] as number) - (v[j] as number)
        if (r < (shortest[j] as number)) {
          path[j] = i
          shortest[j] = r
        }
        const sj = shortest[j] as number
        // Among equal costs prefer a free column: it ends the search (matters for integer costs).
        if (sj < lowest || (sj === lowest && row4col[j] === -1)) {
          lowest = sj
          index = it
        }
      }
      minVal = lowest
      if (minVal === Infinity || index === -1) return undefined
      const j = remaining[index] as number
      if (row4col[j] === -1) sink = j
      else i = row4col[j] as number
      colSeen[j] = 1
      numRemaining--
      remaining[index] = remaining[numRemaining] as number
    }

    u[curRow] = (u[curRow] as number) + minVal
    for (let r = 0; r < nr; r++) {
      if (rowSeen[r] === 1 && r !== curRow) {
        u[r] = (u[r] as number) + minVal - (shortest[col4row[r] as number] as number)
      }
    }
    for (let c = 0; c < nc; c++) {
      if (colSeen[c] === 1) v[c] = (v[c] as number) - (minVal - (shortest[c] as number))
    }

    // Flip the alternating path back to curRow.
    let j = sink
    for (;;) {
      const r = path[j] as number
      row4col[j] = r
      const previous = col4row[r] as number
      col4row[r] = j
      j = previous
      if (r === curRow) break
    }
  }
  return col4row
}

/**
 * Minimum-cost assignment of rows to columns of a rectangular cost matrix (`cost[row][col]`, all rows the
 * same length). Every row is matched when rows ≤ columns, every column otherwise. Entries must not be NaN or
 * -Infinity; +Infinity marks a forbidden pair. Returns empty arrays for an empty matrix, and undefined when
 * the input is invalid or no finite assignment exists.
 */
export function linearSumAssignment(cost: readonly (readonly number[])[]): Assignment | undefined {
  const nRows = cost.length
  const nCols = cost[0]?.length ?? 0
  if (nRows === 0 || nCols === 0) return { rows: [], cols: [] }
  if (cost.some((row) => row.length !== nCols)) return undefined
  const transpose = nCols < nRows
  const nr = transpose ? nCols : nRows
  const nc = transpose ? nRows : nCols
  const flat = new Float64Array(nr * nc)
  for (let r = 0; r < nRows; r++) {
    const row = cost[r] as readonly number[]
    for (let c = 0; c < nCols; c++) {
      const x = row[c] as number
      if (Number.isNaN(x) || x === -Infinity) return undefined
      if (transpose) flat[c * nc + r] = x
      else flat[r * nc + c] = x
    }
  }
  const col4row = solveWide(flat, nr, nc)
  if (col4row === undefined) return undefined
  if (!transpose) return { rows: Array.from({ length: nr }, (_, r) => r), cols: Array.from(col4row) }
  // Transposed: the solver's rows are our columns; report pairs sorted by our row.
  const order = Array.from({ length: nr }, (_, k) => k).sort((a, b) => (col4row[a] as number) - (col4row[b] as number))
  return { rows: order.map((k) => col4row[k] as number), cols: order }
}
