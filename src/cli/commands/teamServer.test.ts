import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NO_POSTGRES } from '@/test/teamServer'

// The command as a user runs it: the bin (which rebuilds the CLI bundle when it is stale).
const bin = ['src/cli/proclens.js', 'team-server']

describe('proclens team-server', () => {
  it('needs exactly one of --data and --database', () => {
    const r = spawnSync(process.execPath, bin, { encoding: 'utf8' })
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/give exactly one of --data DIR and --database URL/)
    const port = spawnSync(process.execPath, [...bin, '--data', 'x', '--port', 'http'], { encoding: 'utf8' })
    expect(port.status).toBe(2)
    expect(port.stderr).toMatch(/--port: expected a port number, got 'http'/)
  }, 120_000)

  it.skipIf(NO_POSTGRES)('a database it cannot reach, or (as root) a folder PostgreSQL\'s user cannot reach, is told, exit 1', () => {
    const r = spawnSync(process.execPath, [...bin, '--database', 'postgres://nobody:x@127.0.0.1:1/none', '--port', '0'], { encoding: 'utf8' })
    expect([r.status, r.stderr]).toEqual([1, expect.stringMatching(/^proclens team-server: .*ECONNREFUSED/) as string])
    if (process.getuid?.() !== 0) return
    const dir = mkdtempSync(join(tmpdir(), 'proclens-team-private-')) // 0700, root's
    try {
      const p = spawnSync(process.execPath, [...bin, '--data', join(dir, 'team'), '--port', '0'], { encoding: 'utf8' })
      expect(p.status).toBe(1)
      expect(p.stderr).toMatch(/running as root, PostgreSQL runs as the user \w+, who cannot reach .*team: a parent folder is private to root/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it.skipIf(NO_POSTGRES)('--data DIR: initialises and starts a cluster, serves, prints the URL and the sign-in hint; Ctrl+C stops both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proclens-team-cli-'))
    // Run as root, PostgreSQL runs as `postgres`, which must be able to walk into the folder.
    chmodSync(dir, 0o755)
    try {
      const child = spawn(process.execPath, [...bin, '--data', join(dir, 'team'), '--port', '0'])
      let out = ''
      child.stderr.on('data', (c: Buffer) => void (out += c.toString()))
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString()
          const m = /team server: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
          if (m?.[1] !== undefined && out.includes('Ctrl+C')) resolve(m[1])
        })
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)))
      })
      expect(out).toMatch(/Sign in \(development\): curl -s -X POST http:\/\/127\.0\.0\.1:\d+\/auth\/dev-token/)
      expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, version: 2 })
      expect(existsSync(join(dir, 'team', 'pgdata', 'postmaster.pid'))).toBe(true)
      const code = await new Promise<number | null>((resolve) => {
        child.once('exit', resolve)
        child.kill('SIGINT')
      })
      expect(code).toBe(0)
      // PostgreSQL removes its pid file when it has shut down.
      expect(existsSync(join(dir, 'team', 'pgdata', 'postmaster.pid'))).toBe(false)
      await expect(fetch(`${url}/api/health`)).rejects.toThrow()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 180_000)
})
