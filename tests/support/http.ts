import http from 'node:http'

export type Answer = { status: number; headers: Headers; text: string; location: string | null }

/** A form POST as a browser on `url`'s own page sends it (same Origin), unless headers say otherwise. */
export async function postForm(
  url: string,
  path: string,
  fields: Record<string, string>,
  { cookie, headers = {} }: { cookie?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(new URL(path, url), {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}), ...headers },
    body: new URLSearchParams(fields).toString(),
    signal: AbortSignal.timeout(20_000),
  })
  return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') }
}

function cookieOf(answer: Answer) {
  return answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
}

/** Creates the workspace and its owner on an empty install and returns the owner's session cookie. */
export async function onboard(url: string) {
  const answer = await postForm(url, '/onboarding', {
    workspaceName: 'Acme',
    timeZone: 'Europe/Berlin',
    name: 'Ann Owner',
    email: 'ann@example.com',
    password: 'correct-horse-battery',
  })
  if (answer.status !== 302 && answer.status !== 303) throw new Error(`onboarding answered ${answer.status}: ${answer.text.slice(0, 300)}`)
  return cookieOf(answer)
}

/**
 * A raw request whose body is sent slowly, in `parts` pieces `gapMs` apart:
 * to have a request in flight at a chosen moment. Resolves with the answer,
 * or rejects if the connection is cut.
 */
export function slowPost(
  url: string,
  path: string,
  body: string,
  { parts = 5, gapMs = 300, onStarted }: { parts?: number; gapMs?: number; onStarted?: () => void } = {},
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const target = new URL(path, url)
    const req = http.request(target, {
      method: 'POST',
      headers: { Origin: url, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
    })
    req.on('response', (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
      res.on('error', reject)
    })
    req.on('error', reject)
    const size = Math.ceil(body.length / parts)
    let i = 0
    const next = () => {
      const chunk = body.slice(i * size, (i + 1) * size)
      i++
      if (i >= parts) return void req.end(chunk)
      req.write(chunk)
      // Once the first piece has had time to arrive, the server is handling this request.
      if (i === 1) setTimeout(() => onStarted?.(), gapMs / 2)
      setTimeout(next, gapMs)
    }
    req.flushHeaders()
    next()
  })
}
