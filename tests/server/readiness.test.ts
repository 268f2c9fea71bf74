import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBuiltServer, type BuiltServer } from '../support/built-server'
import { onboard, postForm } from '../support/http'

// Readiness means "can write", not "the process answers". The embedded database
// lives on a small tmpfs here so that the disk can really fill up.

let mountPoint: string
let server: BuiltServer
let cookie: string

beforeAll(async () => {
  mountPoint = mkdtempSync(path.join(os.tmpdir(), 'tandem-small-disk-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mountPoint], { stdio: 'pipe' })
  } catch (error) {
    throw new Error(`This test mounts a 48 MB tmpfs and needs root (CI runs as root): ${String(error)}`)
  }
  const dataDir = path.join(mountPoint, 'data')
  mkdirSync(dataDir)
  server = await startBuiltServer({ dataDir })
  cookie = await onboard(server.url)
})

afterAll(async () => {
  await server?.kill()
  if (mountPoint) {
    execFileSync('umount', [mountPoint], { stdio: 'pipe' })
    rmSync(mountPoint, { recursive: true, force: true })
  }
})

function fillDisk() {
  const file = path.join(mountPoint, 'filler')
  const fd = openSync(file, 'w')
  const block = Buffer.alloc(1024 * 1024)
  try {
    for (;;) writeSync(fd, block)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
    // The last few KB, so that not even a small file fits.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512))
    } catch {
      // full
    }
  } finally {
    closeSync(fd)
  }
  return () => rmSync(file)
}

async function status(pathname: string) {
  const started = Date.now()
  const res = await fetch(`${server.url}${pathname}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) })
  await res.arrayBuffer()
  return { status: res.status, ms: Date.now() - started }
}

describe('the embedded database on a full disk', () => {
  it('is not ready, answers writes with 503, stays alive, and is ready again once there is room', async () => {
    expect((await status('/healthz')).status).toBe(200)
    const free = fillDisk()
    try {
      const healthz = await status('/healthz')
      expect(healthz.status).toBe(503)
      expect(healthz.ms).toBeLessThan(5_000)
      expect((await status('/livez')).status).toBe(200)
      const write = await postForm(server.url, '/teams?index', { name: 'On a full disk' }, { cookie })
      expect(write.status).toBe(503)
      expect(write.text).toContain('Tandem is unavailable')
    } finally {
      free()
    }
    expect((await status('/healthz')).status).toBe(200)
    const write = await postForm(server.url, '/teams?index', { name: 'After the disk emptied' }, { cookie })
    expect(write.status).toBe(302)
    expect(server.child.exitCode).toBeNull()
  })
})
