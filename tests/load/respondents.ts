// Signed-in members answering pulses the way a browser does: GET the answer
// page, read its form, POST it from the page's own origin. An answer counts as
// acknowledged only when the server redirects to /pulse/<id>?done=1.
import { readFileSync } from 'node:fs'
import type { Member } from './seed'

export type Outcome = { at: number; ms: number; kind: 'get' | 'post'; status: number | 'error' }

export class Tally {
  outcomes: Outcome[] = []
  acked = new Set<string>()
  /** Answers the server said were already given (the same member again). */
  already = 0

  record(kind: Outcome['kind'], started: number, status: Outcome['status']) {
    const at = Date.now()
    this.outcomes.push({ at, ms: at - started, kind, status })
  }

  count(predicate: (o: Outcome) => boolean) {
    return this.outcomes.filter(predicate).length
  }

  statuses() {
    const counts = new Map<string, number>()
    for (const o of this.outcomes) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1)
    return Object.fromEntries([...counts].sort())
  }

  percentile(kind: Outcome['kind'], p: number) {
    const sorted = this.outcomes
      .filter((o) => o.kind === kind && o.status !== 'error' && o.status < 500)
      .map((o) => o.ms)
      .sort((a, b) => a - b)
    if (!sorted.length) return 0
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  }
}

const ITEM_FIELD = /name="(item-[0-9a-f-]{36})"/g

/** Hands each member the rounds they have not answered yet, across phases. */
export class RoundCursor {
  private next = new Map<string, number>()
  constructor(private roundIds: string[]) {}
  take(member: Member): string | null {
    const i = this.next.get(member.id) ?? 0
    if (i >= this.roundIds.length) return null
    this.next.set(member.id, i + 1)
    // Each member walks the rounds from a different starting point, so rounds fill evenly.
    const offset = Number.parseInt(member.id.slice(0, 6), 16) % this.roundIds.length
    return this.roundIds[(offset + i) % this.roundIds.length]
  }
}

type Options = { url: string; members: Member[]; cursor: RoundCursor; concurrency: number; until: () => boolean; tally: Tally }

async function timedFetch(tally: Tally, kind: Outcome['kind'], url: string, init: RequestInit) {
  const started = Date.now()
  try {
    const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(30_000) })
    const text = await res.text()
    tally.record(kind, started, res.status)
    return { status: res.status, text, location: res.headers.get('location') }
  } catch {
    tally.record(kind, started, 'error')
    return null
  }
}

/** One member answering one round until it is acknowledged (or the phase ends). */
export async function answer(
  url: string,
  member: Member,
  roundId: string,
  tally: Tally,
  until: () => boolean,
): Promise<'acked' | 'already' | 'stopped'> {
  while (!until()) {
    const page = await timedFetch(tally, 'get', `${url}/pulse/${roundId}`, { headers: { cookie: member.cookie } })
    if (!page || page.status !== 200) {
      await new Promise((r) => setTimeout(r, 200))
      continue
    }
    const items = [...new Set([...page.text.matchAll(ITEM_FIELD)].map((m) => m[1]))]
    if (!items.length) return 'already'
    // The answer counts under the member's discipline on the roster; the form has no discipline field.
    const form = new URLSearchParams()
    for (const [i, name] of items.entries()) form.set(name, String(((i + member.id.charCodeAt(0)) % 7) + 1))
    if (member.id.charCodeAt(1) % 3 === 0) form.set('comment', 'We agreed on the problem before anyone wrote a spec.')
    const post = await timedFetch(tally, 'post', `${url}/pulse/${roundId}`, {
      method: 'POST',
      headers: { cookie: member.cookie, origin: url, 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    if (post?.status === 303 && post.location?.endsWith(`/pulse/${roundId}?done=1`)) {
      tally.acked.add(`${member.id}:${roundId}`)
      return 'acked'
    }
    if (post?.status === 303) {
      tally.already++
      return 'already'
    }
    // 503 during an outage, or a cut connection: a person would try again shortly.
    await new Promise((r) => setTimeout(r, 200))
  }
  return 'stopped'
}

/** `concurrency` distinct members answering round after round until `until()` says stop. */
export async function runRespondents({ url, members, cursor, concurrency, until, tally }: Options) {
  let ranOut = 0
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      const member = members[w % members.length]
      while (!until()) {
        const roundId = cursor.take(member)
        if (!roundId) {
          ranOut++
          return
        }
        await answer(url, member, roundId, tally, until)
      }
    }),
  )
  return { ranOut }
}

/** Resident memory of a process in MB, from /proc. */
export function rssMb(pid: number) {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 1024) : 0
  } catch {
    return 0
  }
}
