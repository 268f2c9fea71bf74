import { COMMENT_MAX_LENGTH } from './instrument'

// Characters that make text render misleadingly (bidi overrides, as in "Trojan
// Source") or are invisible control codes. Newlines and tabs are fine.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/
const BIDI = /[\u202A-\u202E\u2066-\u2069]/

/** Checks a free-text comment; returns the cleaned text or an error message a person can act on. */
export function checkComment(raw: string): { ok: true; value: string | null } | { ok: false; message: string } {
  if (!raw.isWellFormed()) return { ok: false, message: 'The comment contains broken characters. Please retype it.' }
  const value = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim()
  if (!value) return { ok: true, value: null }
  if ([...value].length > COMMENT_MAX_LENGTH) {
    return { ok: false, message: `Keep the comment under ${COMMENT_MAX_LENGTH} characters (it has ${[...value].length}).` }
  }
  if (CONTROL.test(value)) return { ok: false, message: 'The comment contains invisible control characters. Please retype it.' }
  if (BIDI.test(value)) return { ok: false, message: 'The comment contains text-direction override characters, which are not allowed.' }
  return { ok: true, value }
}
