// One process per embedded database. PGlite has no postmaster to refuse a second
// opener, and two processes writing one data folder each acknowledge writes the
// other one later overwrites. The lock is a file beside the folder holding the
// owner's pid; a lock whose process is gone (or whose pid now belongs to a
// different process) is stale and taken over.
import { closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import os from 'node:os'

type Holder = { pid: number; host: string; started: string | null }

export class DataDirLockedError extends Error {
  constructor(
    readonly pid: number,
    dir: string,
  ) {
    super(`Another Tandem process (pid ${pid}) is using the embedded database in ${dir}. Stop it first, or give this one its own DATA_DIR.`)
  }
}

/** The kernel's start time of a process (Linux), to tell a reused pid from the original owner. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22; the command name (field 2) is in parentheses and may contain spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function readHolder(file: string): Holder | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'))
    if (parsed && typeof parsed === 'object' && 'pid' in parsed && typeof parsed.pid === 'number') {
      const host = 'host' in parsed && typeof parsed.host === 'string' ? parsed.host : os.hostname()
      const started = 'started' in parsed && typeof parsed.started === 'string' ? parsed.started : null
      return { pid: parsed.pid, host, started }
    }
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return null
}

const held = new Set<string>()

function isAlive(holder: Holder): boolean {
  // Another machine sharing the folder: its processes cannot be checked, so it wins.
  if (holder.host !== os.hostname()) return true
  // Our own pid in a lock we do not hold: a previous run in a container that reuses pids.
  if (holder.pid === process.pid) return false
  try {
    process.kill(holder.pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  const started = processStart(holder.pid)
  return !(holder.started && started && started !== holder.started)
}

function tryCreate(file: string): boolean {
  let fd: number
  try {
    fd = openSync(file, 'wx', 0o644)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  const holder: Holder = { pid: process.pid, host: os.hostname(), started: processStart(process.pid) }
  writeSync(fd, JSON.stringify(holder) + '\n')
  closeSync(fd)
  return true
}

/**
 * Takes the lock for `dir` or throws DataDirLockedError naming the owner's pid.
 * Returns the release function (also run on process exit).
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`
  if (held.has(file)) throw new Error(`${dir} is already open in this process`)
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(file)) break
    const holder = readHolder(file)
    if (holder && isAlive(holder)) throw new DataDirLockedError(holder.pid, dir)
    if (attempt >= 5) throw new Error(`Could not take over the stale lock ${file}`)
    takeOverStale(file, holder)
  }
  held.add(file)
  const release = () => {
    if (!held.delete(file)) return
    process.removeListener('exit', release)
    if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true })
  }
  process.on('exit', release)
  return release
}

/**
 * Two processes may find the same stale lock at once. Each renames it to a name
 * of its own (rename is atomic, so only one of them moves any given file), then
 * checks that what it moved is the stale lock it read; if it moved a fresh lock
 * that the other process had just written, it puts that one back.
 */
function takeOverStale(file: string, stale: Holder | null) {
  const aside = `${file}.${process.pid}.stale`
  try {
    renameSync(file, aside)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const moved = readHolder(aside)
  const same = moved?.pid === stale?.pid && moved?.started === stale?.started
  if (same || (moved && !isAlive(moved))) {
    rmSync(aside, { force: true })
    return
  }
  // A fresh lock: restore it unless yet another one has appeared meanwhile.
  try {
    statSync(file)
    rmSync(aside, { force: true })
  } catch {
    renameSync(aside, file)
  }
}
