// SQL files are bundled as text (Vite's `?raw`), so the CLI bundle and the tests carry the same migrations.
declare module '*.sql?raw' {
  const sql: string
  export default sql
}
