import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Received = { headers: http.IncomingHttpHeaders; body: string; answered: number }
/** `status: 'silent'` reads the request and never answers, like a receiver that hangs. */
type Answer = { status: number | 'silent'; headers?: Record<string, string> }

/**
 * A webhook receiver on 127.0.0.1: records every POST and answers with the
 * next planned answer, or 204 once the plan runs out.
 */
export async function startReceiver(port = 0) {
  const received: Received[] = []
  const plan: Answer[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const answer = plan.shift() ?? { status: 204 }
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered: answer.status === 'silent' ? 0 : answer.status,
      })
      if (answer.status === 'silent') return
      res.writeHead(answer.status, answer.headers).end(answer.status === 204 ? undefined : 'answer body')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}/hooks`,
    received,
    /** Answers for the next requests, in order. */
    answer(...answers: Answer[]) {
      plan.push(...answers)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>

/** A loopback port with nothing listening on it: connections are refused. */
export async function closedPort() {
  const r = await startReceiver()
  await r.close()
  return r.port
}
