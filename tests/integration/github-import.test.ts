import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { features } from '../../db/schema'
import { action, loader } from '~/routes/teams.$teamId.features.import-github'
import { createMember, createTeam, createUser, addMember, createWorkspace, request, settle } from '../factories'
import { RATE_RESET, startGithub, type FakeGithub } from '../support/github-api'

const ctx = { context: {} }
let github: FakeGithub

const ISSUES = [
  // newest first, as GitHub lists them
  { number: 7, title: 'Onboarding checklist', user: 'pia-pm', created_at: '2026-03-10T09:00:00Z', closed_at: '2026-03-18T09:00:00Z' },
  {
    number: 6,
    title: 'Bump deps',
    user: 'ana-dev',
    created_at: '2026-03-09T09:00:00Z',
    closed_at: '2026-03-09T10:00:00Z',
    pull_request: true,
  },
  {
    number: 5,
    title: 'Offline mode',
    user: 'pia-pm',
    created_at: '2026-03-08T09:00:00Z',
    closed_at: '2026-03-09T09:00:00Z',
    state_reason: 'not_planned' as const,
  },
  { number: 4, title: 'Dark mode', user: 'pia-pm', created_at: '2026-03-07T09:00:00Z' },
  {
    number: 3,
    title: 'CSV export',
    user: 'ana-dev',
    body: 'Finance wants the ledger in a spreadsheet.',
    created_at: '2026-03-03T09:00:00Z',
    closed_at: '2026-03-06T09:00:00Z',
  },
  {
    number: 1,
    title: 'Weekly usage email',
    user: 'pia-pm',
    created_at: '2026-03-02T09:00:00Z',
    closed_at: '2026-03-16T09:00:00Z',
    comments: [
      { user: 'pia-pm', created_at: '2026-03-02T10:00:00Z' },
      { user: 'ana-dev', created_at: '2026-03-09T09:00:00Z' },
    ],
    assigned: [{ assignee: 'ana-dev', created_at: '2026-03-10T09:00:00Z' }],
  },
]

beforeAll(async () => {
  github = await startGithub({ 'acme/app': ISSUES })
  process.env.GITHUB_API_URL = github.url
})
afterAll(async () => {
  await github.close()
})
beforeEach(() => {
  github.mode = 'ok'
  github.requests.length = 0
})

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const facilitator = await createUser(ws.id, { name: 'Pia Lund', email: `pia.pm@${team.id.slice(0, 6)}.acme.test` })
  await addMember(team, facilitator, 'facilitator', 'product')
  const engineer = await createUser(ws.id, { name: 'Ana Dev', email: `ana-dev@${team.id.slice(0, 6)}.acme.test` })
  await addMember(team, engineer, 'member', 'engineering')
  return { ws, team, facilitator, engineer }
}

async function post(user: { id: string }, teamId: string, form: Record<string, string>) {
  return settle(async () =>
    action({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}/features/import-github`, { user, form }) }),
  )
}

type Preview = {
  issues: string
  values: { repo: string; defaultStage: string; question: string }
  mapping: { login: string; userId: string }[]
  rows: { key: string; stage: string; problems: string[]; duplicate: string | null; evidence: { sentence: string } | null }[]
  counts: { ready: number; duplicates: number; problems: number; derived: number }
}

function carried(preview: Preview, intent: string, who: Record<string, string> = {}) {
  const form: Record<string, string> = { intent, issues: preview.issues, ...preview.values }
  for (const m of preview.mapping) form[`who:${m.login}`] = who[m.login] ?? m.userId
  return form
}

const fetchIssues = (user: { id: string }, teamId: string, token = github.token, repo = 'acme/app') =>
  post(user, teamId, { intent: 'fetch', repo, token })

async function teamFeatures(teamId: string) {
  const db = await getDb()
  return db.select().from(features).where(eq(features.teamId, teamId)).orderBy(features.externalKey)
}

describe('importing GitHub issues', () => {
  it('reads every page, maps people to members, derives the stage from engineers, imports, and skips them the second time', async () => {
    const { team, facilitator, engineer } = await setup()
    const res = await fetchIssues(facilitator, team.id)
    expect(res.status).toBe(200)
    const body = await res.text()
    expect(body).not.toContain(github.token)
    const preview: Preview = JSON.parse(body)
    // Three pages of issues, then comments and events of the closed-as-completed issues only (#3 had no comments).
    expect(github.requests.filter((p) => p.startsWith('/repos/acme/app/issues?'))).toEqual([
      '/repos/acme/app/issues?state=all&per_page=100',
      '/repos/acme/app/issues?state=all&per_page=100&page=2',
      '/repos/acme/app/issues?state=all&per_page=100&page=3',
    ])
    expect(github.requests.filter((p) => /\/issues\/\d+\//.test(p)).sort()).toEqual([
      '/repos/acme/app/issues/1/comments?per_page=100',
      '/repos/acme/app/issues/1/events?per_page=100',
      '/repos/acme/app/issues/3/events?per_page=100',
      '/repos/acme/app/issues/7/events?per_page=100',
    ])
    // Most active first, matched by email name: the product facilitator's comments are not engineering's.
    expect(preview.mapping).toEqual([
      { login: 'ana-dev', userId: engineer.id },
      { login: 'pia-pm', userId: facilitator.id },
    ])
    expect(preview.rows.map((r) => [r.key, r.stage, r.problems])).toEqual([
      ['acme/app#7', 'handoff', []],
      ['acme/app#5', 'handoff', ['Closed as not planned: nothing shipped.']],
      ['acme/app#4', 'handoff', ['Not resolved yet: the log holds shipped features only.']],
      ['acme/app#3', 'spec', []],
      ['acme/app#1', 'handoff', []],
    ])
    expect(preview.rows[4].evidence?.sentence).toBe('ana-dev commented 7 days after the ticket was created.')
    expect(preview.rows[0].evidence).toBeNull()
    expect(preview.counts).toEqual({ ready: 3, duplicates: 0, problems: 2, derived: 2 })

    const done = await post(facilitator, team.id, carried(preview, 'import'))
    expect(done.status).toBe(302)
    const rows = await teamFeatures(team.id)
    expect(rows.map((r) => [r.externalKey, r.engineeringJoinedStage, r.stageDerivedFrom, r.sourceUrl])).toEqual([
      ['acme/app#1', 'handoff', 'github', 'https://github.com/acme/app/issues/1'],
      ['acme/app#3', 'spec', 'github', 'https://github.com/acme/app/issues/3'],
      ['acme/app#7', 'handoff', null, 'https://github.com/acme/app/issues/7'],
    ])
    expect(rows[1]).toMatchObject({
      problem: 'Finance wants the ledger in a spreadsheet.',
      startedOn: '2026-03-03',
      shippedOn: '2026-03-06',
    })

    const again: Preview = await (await fetchIssues(facilitator, team.id)).json()
    expect(again.counts).toMatchObject({ ready: 0, duplicates: 3 })
    expect((await post(facilitator, team.id, carried(again, 'import'))).status).toBe(302)
    expect(await teamFeatures(team.id)).toHaveLength(3)
    const page = await settle(async () =>
      loader({
        ...ctx,
        params: { teamId: team.id },
        request: await request(`/teams/${team.id}/features/import-github`, { user: facilitator }),
      }),
    )
    expect((await page.json()).status.last).toMatchObject({ source: 'github', created: 0, skipped: 5 })
  })

  it('lets the facilitator say who is who: unmapping the engineer leaves the default stage', async () => {
    const { team, facilitator } = await setup()
    const preview: Preview = await (await fetchIssues(facilitator, team.id)).json()
    const res = await post(facilitator, team.id, { ...carried(preview, 'preview', { 'ana-dev': '' }), defaultStage: 'build' })
    const remapped: Preview = await res.json()
    expect(remapped.rows.map((r) => r.stage)).toEqual(['build', 'build', 'build', 'build', 'build'])
    expect(remapped.counts.derived).toBe(0)
    // A member id from outside the team counts for nothing.
    const foreign = await post(facilitator, team.id, carried(preview, 'preview', { 'ana-dev': crypto.randomUUID() }))
    expect(((await foreign.json()) as Preview).counts.derived).toBe(0)
  })
})

describe('what GitHub refuses, said clearly', () => {
  it('a bad token: 401 becomes a message and the status line’s last error', async () => {
    const { team, facilitator } = await setup()
    const res = await fetchIssues(facilitator, team.id, 'ghp_wrong')
    expect(res.status).toBe(422)
    const body = await res.text()
    expect(JSON.parse(body).formError).toBe(
      'GitHub refused the token (401). Check it was copied whole and has not expired or been revoked.',
    )
    expect(body).not.toContain('ghp_wrong')
    const page = await settle(async () =>
      loader({
        ...ctx,
        params: { teamId: team.id },
        request: await request(`/teams/${team.id}/features/import-github`, { user: facilitator }),
      }),
    )
    expect((await page.json()).status.lastError).toMatchObject({ source: 'github', error: expect.stringContaining('401') })
  })

  it('a repository GitHub does not show, a used-up rate limit, and GitHub out of reach', async () => {
    const { team, facilitator } = await setup()
    const missing = await fetchIssues(facilitator, team.id, github.token, 'acme/nothing')
    expect(missing.status).toBe(422)
    expect((await missing.json()).formError).toBe(
      'GitHub has no repository acme/nothing that this token can see (404). Check the name, and that the token may read it.',
    )
    github.mode = 'rate-limited'
    const limited = await fetchIssues(facilitator, team.id)
    expect(limited.status).toBe(422)
    expect((await limited.json()).formError).toBe(
      `GitHub’s rate limit for this token is used up (403). It resets at ${new Date(RATE_RESET * 1000).toISOString().slice(11, 16)} UTC. Try again then.`,
    )
    github.mode = 'down'
    const down = await fetchIssues(facilitator, team.id)
    expect(down.status).toBe(422)
    expect((await down.json()).formError).toBe(`GitHub could not be reached at ${github.url}. Check the network and try again.`)
    expect(await teamFeatures(team.id)).toHaveLength(0)
  })

  it('refuses issues changed on their way through the page: evidence comes from GitHub, not from the form', async () => {
    const { team, facilitator } = await setup()
    const preview: Preview = await (await fetchIssues(facilitator, team.id)).json()
    // Move every touch to the day each issue was opened: a made-up "engineering was there from the start".
    const dot = preview.issues.indexOf('.')
    const forged = preview.issues.slice(0, dot + 1) + preview.issues.slice(dot + 1).replace(/"at":"[^"]+"/g, '"at":"2020-01-01T00:00:00Z"')
    expect(forged).not.toBe(preview.issues)
    const refused = await post(facilitator, team.id, carried({ ...preview, issues: forged }, 'import'))
    expect(refused.status).toBe(422)
    expect((await refused.json()).formError).toBe('The fetched issues were lost: fetch them from GitHub again.')
    expect(await teamFeatures(team.id)).toHaveLength(0)
  })

  it('refuses a malformed repository, lost issues, and anyone but a facilitator', async () => {
    const { team, facilitator, engineer } = await setup()
    const bad = await post(facilitator, team.id, { intent: 'fetch', repo: 'not a repo', token: 'x' })
    expect(bad.status).toBe(422)
    expect((await bad.json()).values).toEqual({ intent: 'fetch', repo: 'not a repo' })
    const lost = await post(facilitator, team.id, {
      intent: 'import',
      repo: 'acme/app',
      issues: '[{"number":1}]',
      defaultStage: 'spec',
      question: 'how_fast',
    })
    expect(lost.status).toBe(422)
    expect(github.requests).toEqual([])
    expect((await fetchIssues(engineer, team.id)).status).toBe(403)
    const other = await createMember(team, 'leader', 'product')
    expect((await fetchIssues(other, team.id)).status).toBe(403)
  })
})
