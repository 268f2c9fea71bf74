import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from '../../db/pglite-lock.server'

function dir() {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'tandem-lock-')), 'pglite')
}

function startTime(pid: number) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]
}

describe('the PGlite data-dir lock', () => {
  it('is taken, refused to a second opener in the same process, and released', () => {
    const d = dir()
    const release = lockDataDir(d)
    expect(JSON.parse(readFileSync(`${d}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() })
    expect(() => lockDataDir(d)).toThrow(/already open/)
    release()
    expect(existsSync(`${d}.lock`)).toBe(false)
    lockDataDir(d)()
  })

  it('refuses while another live process holds it, naming its pid', () => {
    const d = dir()
    const other = process.ppid
    writeFileSync(`${d}.lock`, JSON.stringify({ pid: other, host: os.hostname(), started: startTime(other) }))
    expect(() => lockDataDir(d)).toThrow(DataDirLockedError)
    expect(() => lockDataDir(d)).toThrow(`pid ${other}`)
  })

  it('takes over a lock whose process has exited', () => {
    const d = dir()
    const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid
    writeFileSync(`${d}.lock`, JSON.stringify({ pid: gone, host: os.hostname(), started: '1' }))
    const release = lockDataDir(d)
    expect(JSON.parse(readFileSync(`${d}.lock`, 'utf8')).pid).toBe(process.pid)
    release()
  })

  it('takes over a lock whose pid now belongs to a different, later process', () => {
    const d = dir()
    writeFileSync(`${d}.lock`, JSON.stringify({ pid: process.ppid, host: os.hostname(), started: '1' }))
    lockDataDir(d)()
  })

  it('takes over an unreadable lock file and one left by this pid in an earlier life', () => {
    const d = dir()
    writeFileSync(`${d}.lock`, '{"pid":')
    lockDataDir(d)()
    writeFileSync(`${d}.lock`, JSON.stringify({ pid: process.pid, host: os.hostname(), started: '1' }))
    lockDataDir(d)()
  })

  it('leaves a lock from another machine alone (it cannot be checked from here)', () => {
    const d = dir()
    writeFileSync(`${d}.lock`, JSON.stringify({ pid: 1, host: 'another-host', started: '1' }))
    expect(() => lockDataDir(d)).toThrow('pid 1')
  })
})
