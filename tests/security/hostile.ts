// fast-check arbitraries for what an attacker (or a confused client) posts:
// strings that break parsers, databases and pages, ids that belong elsewhere,
// and bodies that are not forms at all.
import fc from 'fast-check'
import { randomUUID } from 'node:crypto'
import type { Body } from './routes'

const SQL = ["' OR '1'='1", '1; DROP TABLE users; --', "'; select pg_sleep(5); --", '$$; select 1; $$', "\\'", '%', '_', "admin'--"]
const HTML = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '</textarea><b>',
  '&lt;&amp;',
]
const UNICODE = [
  '\u202eevil\u202c',
  '\u202dltr',
  'مرحبا بالعالم',
  '😀'.repeat(12),
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̴̡̢a̷l̸g̵o̶',
  '\u200b',
  '\ufeffBOM',
  '\ufffd',
  '\uffff',
  'e\u0301',
  'ﬁ',
  'İ',
  'ß',
  '\u2028\u2029',
]
const CONTROL = ['\u0000', 'a\u0000b', '\u0007bell', '\u001b[31mred', '\u007f', '\u0085', '\u009b', 'tab\there', 'line\r\nbreak', '\r']
const NUMBERISH = [
  '-1',
  '0',
  '-0',
  '1e309',
  '1e-400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
  '9'.repeat(40),
  '3.5',
  '1,5',
  ' 7 ',
  '007',
  '+1',
  '1 2',
]
const DATEISH = [
  '2026-02-30',
  '2026-02-29',
  '2028-02-29',
  '0000-01-01',
  '9999-12-31',
  '2026-13-01',
  '20260101',
  '2026-01-01T00:00:00Z',
  '-001-01-01',
  '275760-09-13',
]
// Days that look right to a pattern or to JavaScript's Date but not to a calendar or to PostgreSQL.
const DAYS = [
  ...DATEISH,
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '2026-04-31',
  '2026-06-31',
  '2026-1-1',
  ' 2026-01-01',
  '2026-01-01 ',
  '+002026-01-01',
  '2999-12-31',
  '3000-01-01',
  '1970-01-01',
]
// Numbers at and past the edges of the columns they end up in (smallint, integer, numeric(7,1)).
const NUMBERS = [
  ...NUMBERISH,
  '5000',
  '5000.01',
  '4999.95',
  '0.05',
  '0.04',
  '1e3',
  '1.5e2',
  '32767',
  '32768',
  '-32769',
  '2147483648',
  '99999999',
  '0.1',
  '14',
  '15',
  '1',
  '7',
  '8',
  '23',
  '24',
  '100',
  '101',
]
const MISC = [
  '',
  ' ',
  '   ',
  'true',
  'false',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'on',
  'yes',
  '../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  'a'.repeat(201),
]
const IDS = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
  '1',
  '-1',
  '00000000-0000-0000-0000-00000000000g',
]
const HUGE = [1_001, 5_001, 20_001, 100_001, 1_048_577]

/** Unpaired UTF-16 halves (they turn into U+FFFD on the way through a form body). */
const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 4,
})

/** Plausible text with a control character somewhere inside. */
const controlInText = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.integer({ min: 0, max: 0x9f }).filter((c) => c < 0x20 || c >= 0x7f),
    fc.string({ maxLength: 10 }),
  )
  .map(([a, c, b]) => a + String.fromCharCode(c) + b)

const huge = fc
  .tuple(fc.constantFrom(...HUGE), fc.constantFrom('a', 'é', '😀', '<', ' '))
  .map(([n, c]) => c.repeat(Math.ceil(n / c.length)))

function hostileString(extraIds: readonly string[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...SQL, ...HTML, ...UNICODE, ...CONTROL, ...NUMBERISH, ...DATEISH, ...MISC) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: loneSurrogates },
    { weight: 1, arbitrary: controlInText },
    { weight: 1, arbitrary: forgedId(extraIds) },
    { weight: 1, arbitrary: huge },
  )
}

/** Ids that are not the caller's: the other workspace's records, nobody's, or not ids at all. */
function forgedId(foreignIds: readonly string[]) {
  return fc.oneof(
    fc.constantFrom(...foreignIds, ...IDS),
    fc.constant(null).map(() => randomUUID()),
  )
}

const hostileKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'intent',
    'password',
    'id',
    'workspaceId',
    'isAdmin',
    'name[]',
    'name.0',
    '$where',
    'k'.repeat(1000),
    '\u0000',
    'a\u0001b',
    '',
  ),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

export type Mutation =
  | { op: 'retype'; index: number; pick: number }
  | { op: 'drop'; index: number }
  | { op: 'replace'; index: number; value: string }
  | { op: 'duplicate'; index: number; value: string }
  | { op: 'add'; key: string; value: string }
  | { op: 'intent'; value: string }
  | { op: 'forge'; index: number; value: string }

export function mutation(foreignIds: readonly string[]): fc.Arbitrary<Mutation> {
  const value = hostileString(foreignIds)
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('retype' as const), index: fc.nat(), pick: fc.nat() }) },
    fc.record({ op: fc.constant('drop' as const), index: fc.nat() }),
    fc.record({ op: fc.constant('replace' as const), index: fc.nat(), value }),
    fc.record({ op: fc.constant('duplicate' as const), index: fc.nat(), value }),
    fc.record({ op: fc.constant('add' as const), key: hostileKey, value }),
    fc.record({
      op: fc.constant('intent' as const),
      value: fc.oneof(fc.constantFrom('delete', 'drop-table', 'INVITE', ' invite', 'publish ', '__proto__', 'constructor', ''), value),
    }),
    fc.record({ op: fc.constant('forge' as const), index: fc.nat(), value: forgedId(foreignIds) }),
  )
}

const TEXTS = [...SQL, ...HTML, ...UNICODE, ...MISC, ...HUGE.slice(0, 4).map((n) => 'é'.repeat(n))]

/**
 * A value of the same shape as the one it replaces, at or past the edges a
 * schema has to catch: dates for a date, numbers for a number, other ids for
 * an id, odd text for text.
 */
function sameShape(original: string, pick: number, foreignIds: readonly string[]) {
  const pool = /^\d{4}-\d{2}-\d{2}$/.test(original)
    ? DAYS
    : /^-?\d+(\.\d+)?$/.test(original)
      ? NUMBERS
      : /^[0-9a-f]{8}-/.test(original)
        ? [...foreignIds, ...IDS]
        : TEXTS
  return pool[pick % pool.length]
}

/** Applies mutations to a form's entries; an index picks an entry modulo their number. */
export function mutate(entries: [string, string][], mutations: readonly Mutation[], foreignIds: readonly string[]): [string, string][] {
  let out = [...entries]
  for (const m of mutations) {
    const at = out.length ? (m.op === 'add' || m.op === 'intent' ? 0 : m.index % out.length) : -1
    switch (m.op) {
      case 'retype':
        if (at >= 0) out[at] = [out[at][0], sameShape(out[at][1], m.pick, foreignIds)]
        break
      case 'drop':
        if (at >= 0) out.splice(at, 1)
        break
      case 'replace':
      case 'forge':
        if (at >= 0) out[at] = [out[at][0], m.value]
        break
      case 'duplicate':
        if (at >= 0) out.push([out[at][0], m.value])
        break
      case 'add':
        out.push([m.key, m.value])
        break
      case 'intent':
        out = [...out.filter(([k]) => k !== 'intent'), ['intent', m.value]]
        break
    }
  }
  return out
}

export const ENCODINGS = [
  'urlencoded',
  'urlencoded',
  'urlencoded',
  'multipart',
  'multipart',
  'json',
  'text',
  'typeless',
  'bodiless',
  'file',
] as const
export type Encoding = (typeof ENCODINGS)[number]

/** The same fields sent as a form, or as something that is not a form. */
export function encode(fields: [string, string][], encoding: Encoding): Body {
  switch (encoding) {
    case 'urlencoded':
    case 'multipart':
      return { kind: encoding, fields }
    case 'json':
      return { kind: 'raw', body: JSON.stringify(Object.fromEntries(fields)), contentType: 'application/json' }
    case 'text':
      return { kind: 'raw', body: fields.map(([k, v]) => `${k}=${v}`).join('\n'), contentType: 'text/plain;charset=UTF-8' }
    case 'typeless':
      return { kind: 'raw', body: new TextEncoder().encode(new URLSearchParams(fields).toString()), contentType: null }
    case 'bodiless':
      return { kind: 'none' }
    case 'file':
      return { kind: 'multipart-file', fields }
  }
}
