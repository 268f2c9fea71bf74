// The one form reader: what kind of body it takes, how much of it, and which
// characters never reach a schema.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  CONTROL_CHARACTER_MESSAGE,
  dayField,
  hasControlCharacter,
  isCalendarDay,
  MAX_FORM_BYTES,
  noFields,
  parseForm,
  readForm,
  readFormData,
} from '~/utils/forms'

const Schema = z.object({ name: z.string({ error: 'Name is required' }).min(1, 'Name is required'), password: z.string().optional() })

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request('http://localhost/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit)
}

function form(fields: Record<string, string>) {
  const data = new FormData()
  for (const [k, v] of Object.entries(fields)) data.append(k, v)
  return data
}

async function thrown(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof Response) return { status: error.status, message: await error.text() }
    throw error
  }
  throw new Error('Expected a thrown Response')
}

describe('readFormData: the body', () => {
  it('reads url-encoded and multipart forms', async () => {
    expect((await readFormData(post(new URLSearchParams({ name: 'Ada' })))).get('name')).toBe('Ada')
    expect((await readFormData(post(form({ name: 'Grace' })))).get('name')).toBe('Grace')
  })

  it('refuses JSON, plain text and a typeless body with 415 and says what it takes', async () => {
    for (const [body, type] of [
      ['{"name":"Ada"}', 'application/json'],
      ['name=Ada', 'text/plain'],
      ['<name>Ada</name>', 'application/xml'],
    ]) {
      const refused = await thrown(readFormData(post(body, { 'Content-Type': type })))
      expect(refused.status, type).toBe(415)
      expect(refused.message).toMatch(/application\/x-www-form-urlencoded or multipart\/form-data/)
    }
    const typeless = new Request('http://localhost/x', { method: 'POST', body: new Uint8Array([110, 61, 49]) })
    expect(typeless.headers.get('Content-Type')).toBeNull()
    expect((await thrown(readFormData(typeless))).status).toBe(415)
  })

  it('reads a bare POST with no type and no body as an empty form', async () => {
    const data = await readFormData(new Request('http://localhost/x', { method: 'POST' }))
    expect([...data.keys()]).toEqual([])
  })

  it('refuses a declared Content-Length over the limit before reading anything', async () => {
    const refused = await thrown(
      readFormData(post('name=Ada', { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(MAX_FORM_BYTES + 1) })),
    )
    expect(refused).toEqual({
      status: 413,
      message: 'A form can hold at most 1 MB. Shorten the longest text (a pasted spec, say) and send it again.',
    })
  })

  function stream(total: number) {
    const state = { pulled: 0, cancelled: false, finished: false }
    const chunk = new TextEncoder().encode('a'.repeat(64 * 1024))
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('name='))
      },
      pull(controller) {
        if (state.pulled >= total) {
          state.finished = true
          controller.close()
          return
        }
        state.pulled += chunk.byteLength
        controller.enqueue(chunk)
      },
      cancel() {
        state.cancelled = true
      },
    })
    return { body, state }
  }

  it('refuses a streamed body without a Content-Length once it passes the limit, keeping none of it', async () => {
    // Just over: the rest is read and dropped, so the client can read the answer.
    const over = stream(MAX_FORM_BYTES + 200_000)
    expect((await thrown(readFormData(post(over.body, { 'Content-Type': 'application/x-www-form-urlencoded' })))).status).toBe(413)
    expect(over.state).toMatchObject({ finished: true, cancelled: false })
    // Endless: reading stops at a bound and the stream is cancelled.
    const endless = stream(Number.POSITIVE_INFINITY)
    expect((await thrown(readFormData(post(endless.body, { 'Content-Type': 'application/x-www-form-urlencoded' })))).status).toBe(413)
    expect(endless.state.cancelled).toBe(true)
    expect(endless.state.pulled).toBeLessThan(17 * MAX_FORM_BYTES)
  })

  it('takes a form just under the limit', async () => {
    const big = 'a'.repeat(MAX_FORM_BYTES - 10)
    expect((await readFormData(post(`name=${big}`, { 'Content-Type': 'application/x-www-form-urlencoded' }))).get('name')).toHaveLength(
      big.length,
    )
  })

  it('refuses file uploads with 415 and an unreadable multipart body with 400', async () => {
    const withFile = form({ name: 'Ada' })
    withFile.append('upload', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt')
    expect(await thrown(readFormData(post(withFile)))).toEqual({ status: 415, message: 'This form does not take file uploads.' })
    const broken = await thrown(readFormData(post('--x\r\nnot a part', { 'Content-Type': 'multipart/form-data; boundary=y' })))
    expect(broken.status).toBe(400)
  })
})

describe('parseForm: control characters', () => {
  it('finds C0 (but not tab, CR, LF), DEL, C1 and unpaired surrogates', () => {
    for (const bad of ['\u0000', 'a\u0001b', '\u001b[31m', '\u007f', '\u0085', '\u009f', '\ud800', 'x\udc00', '\udc00\ud800']) {
      expect(hasControlCharacter(bad), JSON.stringify(bad)).toBe(true)
    }
    for (const good of ['tab\there', 'line\r\nbreak', 'emoji 😀', '\u202eRTL override', 'mañana', '\u200b']) {
      expect(hasControlCharacter(good), JSON.stringify(good)).toBe(false)
    }
  })

  it('fails the field with a 422-style error before the schema runs, and echoes the rest', () => {
    let ran = false
    const spy = z.object({ name: z.string() }).transform((v) => {
      ran = true
      return v
    })
    const result = parseForm(form({ name: 'Ada\u0000Lovelace', other: 'kept' }), spy)
    expect(ran).toBe(false)
    expect(result).toEqual({
      ok: false,
      errors: { name: [CONTROL_CHARACTER_MESSAGE] },
      formError: undefined,
      values: { name: 'Ada\ufffdLovelace', other: 'kept' },
    })
  })

  it('never echoes a password, even when it is the field at fault', () => {
    const result = parseForm(form({ name: 'Ada', password: 'secret\u0007' }), Schema)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({ password: [CONTROL_CHARACTER_MESSAGE] })
    expect(result.values).toEqual({ name: 'Ada' })
  })

  it('refuses a control character in a field name as a form error', () => {
    const result = parseForm(form({ 'na\u0000me': 'Ada' }), noFields)
    expect(result).toMatchObject({ ok: false, formError: expect.stringMatching(/field name with a control character/) })
  })

  it('keeps parseForm as it was for everything else: field errors, typed values, duplicated keys', () => {
    const missing = parseForm(form({ password: 'hunter22222' }), Schema)
    expect(missing).toEqual({ ok: false, errors: { name: ['Name is required'] }, formError: undefined, values: {} })
    const twice = new FormData()
    twice.append('name', 'a')
    twice.append('name', 'b')
    const dup = parseForm(twice, Schema)
    expect(dup.ok).toBe(false)
    expect(parseForm(form({ name: '  Ada  ' }), Schema)).toEqual({ ok: true, data: { name: '  Ada  ' } })
  })
})

describe('readForm', () => {
  it('is readFormData then parseForm', async () => {
    expect(await readForm(post(form({ name: 'Ada' })), Schema)).toEqual({ ok: true, data: { name: 'Ada' } })
    const failed = await readForm(post(new URLSearchParams({ name: 'A\u0000' })), Schema)
    expect(failed).toMatchObject({ ok: false, errors: { name: [CONTROL_CHARACTER_MESSAGE] } })
    expect((await thrown(readForm(post('{}', { 'Content-Type': 'application/json' }), Schema))).status).toBe(415)
  })
})

describe('dates', () => {
  it('takes real calendar days in 1900–2999 only', () => {
    for (const day of ['2026-02-28', '2028-02-29', '1900-01-01', '2999-12-31']) expect(isCalendarDay(day), day).toBe(true)
    for (const day of [
      '0000-01-01',
      '1899-12-31',
      '3000-01-01',
      '2026-02-29',
      '2026-02-30',
      '2026-04-31',
      '2026-13-01',
      '2026-1-1',
      ' 2026-01-01',
      '+002026-01-01',
      '',
    ]) {
      expect(isCalendarDay(day), day).toBe(false)
    }
  })

  it('gives one clear message per problem', () => {
    const field = z.object({ due: dayField('Enter a due date') })
    expect(parseForm(form({}), field)).toMatchObject({ errors: { due: ['Enter a due date'] } })
    expect(parseForm(form({ due: '2026-02-30' }), field)).toMatchObject({ errors: { due: ['Enter a due date'] } })
    expect(parseForm(form({ due: '0000-01-01' }), field)).toMatchObject({ errors: { due: ['Enter a date between 1900 and 2999'] } })
    expect(parseForm(form({ due: '2026-12-01' }), field)).toEqual({ ok: true, data: { due: '2026-12-01' } })
  })
})

describe('every action', () => {
  it('reads its body through readForm or readFormData (or the API’s one JSON reader), never request.formData() itself', () => {
    const dir = fileURLToPath(new URL('../../app/routes', import.meta.url))
    const problems: string[] = []
    // readWebhookForm is readFormData and parseForm, echoing a multi-valued field; the API reads JSON with readJsonObject.
    const reader = /\b(readForm|readFormData|readWebhookForm|readJsonObject)\(request\b/
    for (const file of readdirSync(dir)) {
      const source = readFileSync(path.join(dir, file), 'utf8')
      if (/request\.(formData|json|text)\(\)/.test(source)) problems.push(`${file}: reads the body itself; use readForm(request, schema)`)
      // An action that takes no arguments' body (`_`) only refuses the method; it reads nothing.
      const action = /export (async )?function action\(\s*(\{|_)/.exec(source)
      if (action && action[2] === '{' && !reader.test(source))
        problems.push(`${file}: its action does not read the body with readForm(request, schema)`)
    }
    expect(problems).toEqual([])
  })
})
