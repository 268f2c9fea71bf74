import { afterEach, vi } from 'vitest'

// A test fails on an unexpected console.error: it usually means a swallowed bug.
const errors: unknown[][] = []
const original = console.error
console.error = (...args: unknown[]) => {
  errors.push(args)
  original(...args)
}

afterEach(() => {
  if (errors.length) {
    const first = errors[0]
    errors.length = 0
    throw new Error(`Unexpected console.error: ${first.map(String).join(' ')}`)
  }
  vi.restoreAllMocks()
})
