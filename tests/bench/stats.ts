// Percentiles, timed repetitions, and the server's memory read from /proc.
import { readdirSync, readFileSync } from 'node:fs'

export type Timing = { n: number; p50: number; p95: number; p99: number; max: number }

/** Nearest-rank percentiles of `samples` (ms), rounded to 0.1 ms. */
export function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => (sorted.length ? round1(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : 0)
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) }
}

export const round1 = (x: number) => Math.round(x * 10) / 10

/**
 * Calls `once` after one unmeasured warm-up until it has `min` samples and has
 * spent `budgetMs`, or has `max` samples: slow paths get fewer samples rather
 * than an hour-long run, and the sample count is reported with the figures.
 */
export async function repeat<T>(once: () => Promise<{ ms: number; value: T }>, { min = 5, max = 30, budgetMs = 4_000 } = {}) {
  const first = await once()
  const samples: number[] = []
  const started = performance.now()
  let last = first.value
  while (samples.length < max && (samples.length < min || performance.now() - started < budgetMs)) {
    const run = await once()
    samples.push(run.ms)
    last = run.value
  }
  return { timing: timing(samples), last }
}

function statusOf(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return ''
  }
}

const kb = (status: string, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)

/** `pid` and every process below it: a server that forks workers counts them all. */
export function processTree(pid: number): number[] {
  const all = [pid]
  for (let i = 0; i < all.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${all[i]}/task`)) {
        const children = readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim()
        if (children) all.push(...children.split(/\s+/).map(Number))
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return all
}

/** Resident memory of the process tree now, in MB. */
export function rssMb(pid: number) {
  return Math.round(processTree(pid).reduce((sum, p) => sum + kb(statusOf(p), 'VmRSS'), 0) / 1024)
}

/** Samples the tree's resident memory every 100 ms; `peak()` is the highest sum seen, in MB. */
export function rssSampler(pid: number) {
  let peak = rssMb(pid)
  const timer = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100)
  timer.unref()
  return {
    peak: () => Math.max(peak, rssMb(pid)),
    reset: () => (peak = rssMb(pid)),
    stop: () => clearInterval(timer),
  }
}

/** The kernel's own high-water mark (VmHWM) of the tree, in MB: catches spikes between samples. */
export function hwmMb(pid: number) {
  return Math.round(processTree(pid).reduce((sum, p) => sum + kb(statusOf(p), 'VmHWM'), 0) / 1024)
}

/** One-minute load average and core count: the figures mean little without them. */
export function machineLoad() {
  const [one, five] = readFileSync('/proc/loadavg', 'utf8').split(' ').map(Number)
  return { load1: one, load5: five }
}
