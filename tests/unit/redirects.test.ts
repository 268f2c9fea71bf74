import { describe, expect, it } from 'vitest'
import { safeRedirect } from '~/domain/redirects'

// What a browser makes of a Location header, resolved against our origin.
function whereBrowserGoes(location: string) {
  return new URL(location, 'https://tandem.example.com').origin
}

describe('safeRedirect', () => {
  it.each([
    ['/teams', '/teams'],
    ['/teams/abc?tab=rounds#now', '/teams/abc?tab=rounds#now'],
    ['/digest?week=2026-W48', '/digest?week=2026-W48'],
    ['/', '/'],
  ])('keeps the path %s', (input, expected) => {
    expect(safeRedirect(input)).toBe(expected)
  })

  const hostile = [
    '//evil.example',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '/%09/evil.example',
    '/%5C/evil.example',
    '/%2F/evil.example',
    '/.//evil.example',
    '/./\\evil.example',
    '/..//evil.example',
    'https://evil.example',
    'https:evil.example',
    'http:/evil.example',
    '//evil.example/%2F..',
    '/\u0000/evil.example',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.example',
    '',
    '   ',
  ]

  it.each(hostile)('never leaves the site for %j', (input) => {
    const result = safeRedirect(input)
    expect(whereBrowserGoes(result)).toBe('https://tandem.example.com')
    // What comes back is a clean path, with nothing a browser would strip or reinterpret.
    expect(result).toMatch(/^\/(?![/\\])/)
    expect(result).not.toMatch(/[\t\n\r\\\u0000]/)
  })

  it('falls back to the given path, and to / by default', () => {
    expect(safeRedirect('//evil.example', '/teams')).toBe('/teams')
    expect(safeRedirect(undefined)).toBe('/')
    expect(safeRedirect(null)).toBe('/')
    expect(safeRedirect(42)).toBe('/')
  })

  it('keeps an encoded slash as it is: it stays a path on this site', () => {
    expect(safeRedirect('/%2F/evil.example')).toBe('/%2F/evil.example')
  })
})
