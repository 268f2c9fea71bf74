import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type Received = { raw: string; to: string[] }

/**
 * A real SMTP server on a local port, for delivery tests. `stop()` and
 * `start(port)` let a test take it down and bring it back on the same port.
 */
export function testSmtpServer() {
  const received: Received[] = []
  let server: SMTPServer | undefined
  const start = (onPort = 0) => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          received.push({ raw: Buffer.concat(chunks).toString('utf8'), to: session.envelope.rcptTo.map((r) => r.address) })
          callback()
        })
      },
    })
    return new Promise<number>((resolve, reject) => {
      smtp.once('error', reject)
      smtp.listen(onPort, '127.0.0.1', () => {
        server = smtp
        const address: AddressInfo | string | null = smtp.server.address()
        if (!address || typeof address === 'string') return reject(new Error('SMTP server has no port'))
        resolve(address.port)
      })
    })
  }
  const stop = () => {
    const smtp = server
    server = undefined
    return new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()))
  }
  return { received, start, stop }
}
