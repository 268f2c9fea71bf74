// A stand-in origin: a candidate is resolved against it, exactly as a browser
// would resolve a Location header against ours. `.invalid` never resolves.
const BASE = 'https://tandem.invalid'

function sameOrigin(candidate: string): URL | null {
  try {
    const url = new URL(candidate, BASE)
    return url.origin === BASE ? url : null
  } catch {
    return null
  }
}

/**
 * A path on this site to send someone to after sign-in, or `fallback`.
 *
 * Browsers strip tabs and newlines from URLs and read `\` as `/`, so a value
 * such as "/\t/evil.example" becomes "//evil.example", another site. Rather
 * than guess every trick, the value goes through the same URL parser a browser
 * uses and is kept only if it stays on our origin. What is returned is the
 * parser's normalised path, checked once more, so what the browser receives
 * is exactly what was checked.
 */
export function safeRedirect(to: unknown, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/')) return fallback
  const url = sameOrigin(to)
  if (!url) return fallback
  const path = url.pathname + url.search + url.hash
  // "/.//evil" normalises to "//evil", which on its own would leave the site.
  if (!path.startsWith('/') || path.startsWith('//') || !sameOrigin(path)) return fallback
  return path
}
