// Response headers every page, data request and resource route gets.

export function contentSecurityPolicy(nonce: string, { development = false } = {}) {
  return [
    "default-src 'self'",
    // Scripts only from us, and inline ones (Remix's hydration data) only with this response's nonce.
    `script-src 'self' 'nonce-${nonce}'`,
    // recharts positions chart parts with style attributes, which only 'unsafe-inline' allows.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // The dev server's live reload talks over a websocket on another port.
    development ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()'

export function securityHeaders({
  nonce,
  https,
  development,
}: {
  nonce: string
  https: boolean
  development: boolean
}): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(nonce, { development }),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cross-Origin-Opener-Policy': 'same-origin',
  }
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains'
  return headers
}
