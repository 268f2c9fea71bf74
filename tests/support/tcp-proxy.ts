import net from 'node:net'

/**
 * A TCP proxy between the app and PostgreSQL that a test can cut and restore:
 * cutting resets every open connection and refuses new ones, as a database
 * restart does, without touching the shared server.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let open = true
  let connections = 0
  const server = net.createServer((client) => {
    if (!open) return void client.resetAndDestroy()
    connections++
    const upstream = net.connect(target.port, target.host)
    sockets.add(client)
    sockets.add(upstream)
    client.pipe(upstream)
    upstream.pipe(client)
    const drop = () => {
      client.destroy()
      upstream.destroy()
      sockets.delete(client)
      sockets.delete(upstream)
    }
    client.on('error', drop)
    upstream.on('error', drop)
    client.on('close', drop)
    upstream.on('close', drop)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    port,
    /** Connections accepted so far. */
    connections: () => connections,
    /** Resets every connection and refuses new ones. */
    cut() {
      open = false
      for (const s of sockets) s.resetAndDestroy()
      sockets.clear()
    },
    restore() {
      open = true
    },
    async close() {
      this.cut()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>
