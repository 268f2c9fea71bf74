// The JSON API's actions, fed hostile JSON with a working bearer token: each
// answer is a 2xx or a 4xx in the error format, never a 500, and a refused
// request changes nothing but its token's last-used mark. FUZZ_RUNS cases per
// action, as in hostile-input.test.ts.
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { CONTROL_CHARACTER_MESSAGE } from '~/utils/forms'
import { buildFixture, MALFORMED_IDS, type Fixture } from './fixture'
import { mutate, mutation } from './hostile'
import { invoke, loadRoutes, type Route } from './routes'
import { changedTables, snapshot, type Snapshot } from './snapshot'

const RUNS = Number(process.env.FUZZ_RUNS ?? 100)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

type Json = Record<string, unknown>
type ApiSpec = {
  actor: (f: Fixture) => { id: string }
  method: string
  params?: (f: Fixture) => Record<string, string>
  /** valid bodies; the first is accepted. None: the route takes no body, so every request is a 405. */
  examples?: (f: Fixture) => Json[]
}

const FEATURE: Json = {
  name: 'Churn alerts',
  problem: 'Account owners learn that a customer left only when the invoice bounces.',
  ask: 'An alert when usage drops',
  specMode: 'count',
  specWords: 800,
  engineeringJoinedStage: 'discovery',
  question: 'what_could',
  planned: 10,
  plannedUnit: 'days',
  actual: '2',
  actualUnit: 'weeks',
  startedOn: '2026-06-01',
  shippedOn: '2026-07-01',
  shippedAs: 'as_planned',
  outcome: 'fine',
}
const DIFFERENTLY: Json = {
  shippedAs: 'differently',
  changeWhat: 'An email instead',
  changeWhy: 'Nobody opens dashboards',
  upset_product: true,
}

const SPECS: Record<string, ApiSpec> = {
  'api.v1.features': {
    actor: (f) => f.people.member,
    method: 'POST',
    examples: (f) => [
      { teamId: f.teamA.id, ...FEATURE },
      { teamId: f.teamA.id, ...FEATURE, specMode: 'paste', specText: 'As an account owner I want to see…', specWords: null },
      { teamId: f.teamA.id, ...FEATURE, ...DIFFERENTLY },
    ],
  },
  'api.v1.features.$featureId': {
    actor: (f) => f.people.member,
    method: 'PATCH',
    params: (f) => ({ featureId: f.ids.plainFeatureId }),
    examples: () => [{ name: 'Marmot search' }, { ...FEATURE, name: 'Marmot search' }, DIFFERENTLY],
  },
  'api.v1.teams': { actor: (f) => f.people.member, method: 'POST' },
  'api.v1.dashboard': { actor: (f) => f.people.otherLeader, method: 'POST' },
}

let f: Fixture
let routes: Route[]
let baseline: Snapshot

beforeAll(async () => {
  f = await buildFixture()
  routes = await loadRoutes()
  baseline = await snapshot()
})

function route(id: string) {
  const found = routes.find((r) => r.id === id)
  if (!found) throw new Error(`No route module ${id}`)
  return found
}

type Sent = { body?: string; contentType?: string | null }

/** Sends one body with the actor's token; reports the answer and which tables a refusal changed (besides the token's last-used mark). */
async function send(id: string, sent: Sent, params?: Record<string, string>) {
  const r = route(id)
  const spec = SPECS[id]
  const p = params ?? spec.params?.(f) ?? {}
  const headers = new Headers({ Authorization: `Bearer ${f.apiTokens[spec.actor(f).id]}` })
  if (sent.contentType) headers.set('Content-Type', sent.contentType)
  const request = new Request(`http://localhost${r.path(p)}`, { method: spec.method, headers, body: sent.body })
  baseline = await snapshot(baseline)
  const res = await invoke(r.module.action!, request, p)
  const after = await snapshot(baseline)
  const changed = res.status >= 400 && res.status < 500 ? changedTables(baseline, after, ['api_tokens']) : []
  baseline = after
  const text = await res.text()
  let body: { error?: { code?: unknown; message?: unknown; fields?: Record<string, string[]> } } | null = null
  try {
    body = JSON.parse(text)
  } catch {
    body = null
  }
  return { status: res.status, text, body, changed }
}

/** A 4xx in the API's error format, or a success; never a 500. */
function problem(outcome: Awaited<ReturnType<typeof send>>) {
  if (outcome.status >= 500) return `${outcome.status}: ${outcome.text}`
  if (outcome.status < 400) return null
  if (typeof outcome.body?.error?.code !== 'string' || typeof outcome.body.error.message !== 'string')
    return `not the error format: ${outcome.text}`
  return outcome.changed.length ? `changed ${outcome.changed.join(', ')}` : null
}

const json = (value: unknown): Sent => ({ body: JSON.stringify(value), contentType: 'application/json' })
const withBody = Object.keys(SPECS).filter((id) => SPECS[id].examples)
const noBody = Object.keys(SPECS).filter((id) => !SPECS[id].examples)

describe('hostile JSON to the API', () => {
  it('has a spec for every API action in app/routes', () => {
    const actions = routes.filter((r) => r.module.action && r.id.startsWith('api.')).map((r) => r.id)
    expect(actions.filter((id) => !SPECS[id])).toEqual([])
    expect(Object.keys(SPECS).filter((id) => !actions.includes(id))).toEqual([])
  })

  it.each(noBody)('%s: takes no body, so anything sent is a 405 that writes nothing', async (id) => {
    for (const sent of [json({ name: 'x' }), { body: 'a=1', contentType: 'application/x-www-form-urlencoded' }, {}]) {
      const outcome = await send(id, sent)
      expect([outcome.status, outcome.body?.error?.code, outcome.changed]).toEqual([405, 'method_not_allowed', []])
    }
  })

  it.each(withBody)('%s: a form, plain text or typeless body is a 415; broken JSON a 400; JSON that is not an object a 422', async (id) => {
    const first = Object.entries(SPECS[id].examples!(f)[0]).map(([k, v]): [string, string] => [k, String(v)])
    const cases: [Sent, number, string][] = [
      [{ body: new URLSearchParams(first).toString(), contentType: 'application/x-www-form-urlencoded' }, 415, 'unsupported_media_type'],
      [{ body: 'name=x', contentType: 'text/plain' }, 415, 'unsupported_media_type'],
      [{ body: '{"name":"x"}', contentType: null }, 415, 'unsupported_media_type'],
      [{ body: '{"name": "x",', contentType: 'application/json' }, 400, 'invalid_json'],
      [{ body: '', contentType: 'application/json' }, 400, 'invalid_json'],
      [json([1, 2]), 422, 'invalid'],
      [json('a string'), 422, 'invalid'],
      [json(null), 422, 'invalid'],
    ]
    for (const [sent, status, code] of cases) {
      const outcome = await send(id, sent)
      expect([outcome.status, outcome.body?.error?.code, outcome.changed], `${sent.contentType} ${sent.body}`).toEqual([status, code, []])
    }
  })

  it.each(withBody)('%s: a NUL or other control character in any field is a 422 on that field, and writes nothing', async (id) => {
    const example = SPECS[id].examples!(f)[0]
    for (const [key, value] of Object.entries(example)) {
      if (typeof value !== 'string' || key === 'teamId') continue
      for (const typed of [`${value}\u0000`, `${value.slice(0, 3)}\u001b${value.slice(3)}`]) {
        const outcome = await send(id, json({ ...example, [key]: typed }))
        expect([outcome.status, outcome.body?.error?.fields?.[key], outcome.changed], `${key}=${JSON.stringify(typed)}`).toEqual([
          422,
          [CONTROL_CHARACTER_MESSAGE],
          [],
        ])
      }
    }
  })

  it.each(withBody)(
    `%s: ${RUNS} hostile bodies, ids and types`,
    async (id) => {
      const spec = SPECS[id]
      const examples = spec.examples!(f)
      const first = await send(id, json(examples[0]))
      expect(first.status, first.text).toBeLessThan(300)
      const foreignIds = Object.values(f.foreign.ids)
      const ownParams = spec.params?.(f)
      const jsonValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(1e308, -0, 0.1, -1, 2 ** 53, true, false, null, [], {}))
      const arbitrary = fc.record({
        example: fc.nat({ max: examples.length - 1 }),
        // Text mutations of the fields (as a form would get), then some values swapped for any JSON value.
        mutations: fc.array(mutation(foreignIds), { maxLength: 3 }),
        retyped: fc.array(fc.tuple(fc.nat(), jsonValue), { maxLength: 2 }),
        params: fc.constantFrom('own', 'own', 'own', 'own', 'foreign', 'malformed'),
        malformed: fc.constantFrom(...MALFORMED_IDS),
      })
      await fc.assert(
        fc.asyncProperty(arbitrary, async (c) => {
          const example = examples[c.example]
          const asText = Object.entries(example).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])
          const body: Json = Object.fromEntries(
            mutate(asText, c.mutations, foreignIds).map(([k, v]) => [k, k in example && JSON.stringify(example[k]) === v ? example[k] : v]),
          )
          const keys = Object.keys(body)
          for (const [i, value] of c.retyped) if (keys.length) body[keys[i % keys.length]] = value
          const params = !ownParams
            ? undefined
            : c.params === 'foreign'
              ? { featureId: f.foreign.ids.featureId }
              : c.params === 'malformed'
                ? { featureId: c.malformed }
                : ownParams
          const outcome = await send(id, json(body), params)
          const wrong = problem(outcome)
          if (wrong) throw new Error(`${JSON.stringify(body).slice(0, 400)} → ${wrong}`)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: false },
      )
    },
    30_000 + RUNS * 300,
  )
})
