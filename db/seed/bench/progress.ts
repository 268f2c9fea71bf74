// A one-line progress bar with an ETA on stderr, redrawn at most five times a second.
export function progressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = performance.now()
  let last = 0
  const draw = (done: number, note: string) => {
    const elapsed = (performance.now() - started) / 1000
    const share = total ? done / total : 1
    const width = 30
    const filled = Math.round(share * width)
    const eta = done > 0 && done < total ? ` ETA ${duration((elapsed / done) * (total - done))}` : ''
    stream.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${done}/${total} ${note}${eta}   `,
    )
  }
  return {
    update(done: number, note = '') {
      const now = performance.now()
      if (now - last < 200 && done < total) return
      last = now
      draw(done, note)
    },
    finish(note = '') {
      draw(total, note)
      stream.write('\n')
    },
  }
}

export function duration(seconds: number) {
  if (seconds < 60) return `${Math.round(seconds)}s`
  const m = Math.floor(seconds / 60)
  return m < 60 ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}
