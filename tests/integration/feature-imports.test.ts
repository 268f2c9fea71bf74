import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { featureRollups, features } from '../../db/schema'
import { action as importAction, loader as importLoader } from '~/routes/teams.$teamId.features.import'
import { action as editAction, loader as editLoader } from '~/routes/teams.$teamId.features.$featureId_.edit'
import { loader as featureLoader } from '~/routes/teams.$teamId.features.$featureId'
import { cookieFor, createMember, createTeam, createWorkspace, request, settle } from '../factories'

const ctx = { context: {} }

// Headers exactly as Jira Cloud's "Export CSV (all fields)" and Linear's CSV export write them (trimmed to the usual columns).
const JIRA = [
  'Summary,Issue key,Issue id,Issue Type,Status,Priority,Resolution,Assignee,Reporter,Creator,Created,Updated,Last Viewed,Resolved,Description,Eng joined',
  'Weekly usage email,CHK-101,10101,Story,Done,Medium,Done,Ana Ruiz,Pia Lund,Pia Lund,02/Mar/26 9:15 AM,12/Mar/26 4:02 PM,,12/Mar/26 4:02 PM,"Account owners ask: ""is my team using it?""\nEvery Monday.",02/Mar/26 1:00 PM',
  'Export to PDF,CHK-102,10102,Story,Done,Low,Done,Bo Chen,Pia Lund,Pia Lund,03/Mar/26 10:00 AM,20/Mar/26 11:00 AM,,20/Mar/26 11:00 AM,,13/Mar/26 10:00 AM',
  'Dark mode,CHK-103,10103,Story,In Progress,Low,,Bo Chen,Pia Lund,Pia Lund,05/Mar/26 10:00 AM,06/Mar/26 11:00 AM,,,,',
].join('\r\n')

const LINEAR = [
  '\uFEFFID,Team,Title,Description,Status,Estimate,Priority,Project,Creator,Assignee,Labels,Cycle Number,Created,Updated,Started,Completed,Canceled,Archived',
  'ENG-12,Engineering,Faster checkout,Cart drops at the address step,Done,3,High,Checkout,pia@acme.test,ana@acme.test,,4,2026-03-02T09:00:00.000Z,2026-03-10T09:00:00.000Z,2026-03-03T09:00:00.000Z,2026-03-09T17:00:00.000Z,,',
  'ENG-13,Engineering,Saved carts,,Canceled,2,Low,Checkout,pia@acme.test,,,4,2026-03-04T09:00:00.000Z,2026-03-05T09:00:00.000Z,,,2026-03-05T09:00:00.000Z,',
].join('\n')

async function setup() {
  const ws = await createWorkspace()
  const team = await createTeam(ws.id)
  const facilitator = await createMember(team, 'facilitator', 'product')
  const member = await createMember(team, 'member', 'engineering')
  return { ws, team, facilitator, member }
}

async function upload(user: { id: string }, teamId: string, csv: string) {
  const body = new FormData()
  body.append('intent', 'upload')
  body.append('file', new Blob([csv], { type: 'text/csv' }), 'export.csv')
  const req = new Request(`http://localhost/teams/${teamId}/features/import`, {
    method: 'POST',
    headers: { Cookie: await cookieFor(user.id) },
    body,
  })
  return settle(() => importAction({ ...ctx, params: { teamId }, request: req }))
}

type Preview = {
  values: Record<string, string>
  csv: string
  rows: { key: string; stage: string; duplicate: string | null; problems: string[] }[]
}
type Counts = { counts: { ready: number; duplicates: number; problems: number; derived: number } }

/** The preview form as the page posts it back, with some fields changed. */
function mapped(preview: Preview, intent: string, changes: Record<string, string> = {}) {
  const v = preview.values
  const form: Record<string, string> = {
    intent,
    csv: preview.csv,
    source: v.source,
    linkBase: v.linkBase,
    defaultStage: v.defaultStage,
    question: v.question,
  }
  for (const f of ['key', 'title', 'created', 'resolved', 'link', 'description', 'engineeringJoined']) form[`${f}Column`] = v[f] ?? ''
  return { ...form, ...changes }
}

async function post(user: { id: string }, teamId: string, form: Record<string, string>) {
  return settle(async () =>
    importAction({ ...ctx, params: { teamId }, request: await request(`/teams/${teamId}/features/import`, { user, form }) }),
  )
}

async function teamFeatures(teamId: string) {
  const db = await getDb()
  return db.select().from(features).where(eq(features.teamId, teamId)).orderBy(features.externalKey)
}

describe('importing a Jira export', () => {
  it('recognises the columns, previews every row, imports in one go and skips the same file the second time', async () => {
    const { team, facilitator } = await setup()
    const res = await upload(facilitator, team.id, JIRA)
    expect(res.status).toBe(200)
    const preview: Preview & Counts & { recognized: string } = await res.json()
    expect(preview.recognized).toBe('jira')
    expect(preview.values).toMatchObject({
      key: 'Issue key',
      title: 'Summary',
      created: 'Created',
      resolved: 'Resolved',
      engineeringJoined: '',
    })
    expect(preview.rows.map((r) => [r.key, r.problems])).toEqual([
      ['CHK-101', []],
      ['CHK-102', []],
      ['CHK-103', ['Not resolved yet: the log holds shipped features only.']],
    ])
    expect(preview.counts).toMatchObject({ ready: 2, problems: 1, derived: 0 })

    // The facilitator maps the engineering column and the link prefix, then previews again.
    const remapped = await post(
      facilitator,
      team.id,
      mapped(preview, 'preview', { engineeringJoinedColumn: 'Eng joined', linkBase: 'https://acme.atlassian.net/browse' }),
    )
    const second: Preview & Counts = await remapped.json()
    expect(second.rows.map((r) => r.stage)).toEqual(['spec', 'handoff', 'handoff'])
    expect(second.counts.derived).toBe(2)

    const done = await post(facilitator, team.id, mapped(second, 'import'))
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`/teams/${team.id}/features/import`)
    const rows = await teamFeatures(team.id)
    expect(
      rows.map((r) => [r.externalKey, r.name, r.startedOn, r.shippedOn, r.engineeringJoinedStage, r.classification, r.sourceUrl]),
    ).toEqual([
      ['CHK-101', 'Weekly usage email', '2026-03-02', '2026-03-12', 'spec', 'collaboration', 'https://acme.atlassian.net/browse/CHK-101'],
      ['CHK-102', 'Export to PDF', '2026-03-03', '2026-03-20', 'handoff', 'handoff', 'https://acme.atlassian.net/browse/CHK-102'],
    ])
    expect(rows[0]).toMatchObject({
      source: 'jira',
      stageDerivedFrom: 'jira',
      problem: 'Account owners ask: "is my team using it?"\nEvery Monday.',
    })
    expect(rows[0].stageEvidence).toBe('Engineering joined (per the mapped column) 4 hours after the ticket was created.')
    // The trend rollup for March counts them.
    const db = await getDb()
    const [rollup] = await db
      .select()
      .from(featureRollups)
      .where(and(eq(featureRollups.teamId, team.id), eq(featureRollups.month, '2026-03-01')))
    expect(rollup).toMatchObject({ features: 2, handoff: 1, collaboration: 1 })

    // The same file again: the preview says they are in the log, and the import creates nothing.
    const again: Preview & Counts = await (await upload(facilitator, team.id, JIRA)).json()
    expect(again.rows.slice(0, 2).map((r) => r.duplicate)).toEqual(['log', 'log'])
    expect(again.counts.ready).toBe(0)
    const repeat = await post(facilitator, team.id, mapped(again, 'import'))
    expect(repeat.status).toBe(302)
    expect(await teamFeatures(team.id)).toHaveLength(2)

    // The status line says who imported what, and what the last run skipped.
    const page = await settle(async () =>
      importLoader({
        ...ctx,
        params: { teamId: team.id },
        request: await request(`/teams/${team.id}/features/import`, { user: facilitator }),
      }),
    )
    const { status } = await page.json()
    expect(status.last).toMatchObject({ source: 'jira', created: 0, skipped: 3, byName: facilitator.name, error: null })
  })

  it('shows where an imported stage came from on the feature, and forgets it once a person corrects the stage', async () => {
    const { team, facilitator } = await setup()
    const preview: Preview = await (await upload(facilitator, team.id, JIRA)).json()
    await post(facilitator, team.id, mapped(preview, 'import', { engineeringJoinedColumn: 'Eng joined' }))
    const [feature] = await teamFeatures(team.id)
    const params = { teamId: team.id, featureId: feature.id }
    const edit = await settle(async () =>
      editLoader({ ...ctx, params, request: await request(`/teams/${team.id}/features/${feature.id}/edit`, { user: facilitator }) }),
    )
    const { stageNote, values } = await edit.json()
    expect(stageNote).toMatch(
      /^Derived from Jira on \d{1,2} \w{3} \d{4}: Engineering joined \(per the mapped column\) 4 hours after the ticket was created\.$/,
    )
    const view = await settle(async () =>
      featureLoader({ ...ctx, params, request: await request(`/teams/${team.id}/features/${feature.id}`, { user: facilitator }) }),
    )
    expect((await view.json()).feature).toMatchObject({ source: 'jira', externalKey: 'CHK-101', stageDerivedFrom: 'jira' })

    // Saving without changing the stage keeps the evidence; changing it makes the stage the person's.
    const save = async (stage: string) =>
      settle(async () =>
        editAction({
          ...ctx,
          params,
          request: await request(`/teams/${team.id}/features/${feature.id}/edit`, {
            user: facilitator,
            form: { ...values, planned: '0', actual: '9', engineeringJoinedStage: stage },
          }),
        }),
      )
    expect((await save('spec')).status).toBe(302)
    expect((await teamFeatures(team.id))[0].stageDerivedFrom).toBe('jira')
    expect((await save('build')).status).toBe(302)
    expect((await teamFeatures(team.id))[0]).toMatchObject({ engineeringJoinedStage: 'build', stageDerivedFrom: null, stageEvidence: null })
  })
})

describe('importing a Linear export', () => {
  it('recognises Linear, reads its ISO dates and links by ID, and skips a cancelled issue', async () => {
    const { team, facilitator } = await setup()
    const preview: Preview & Counts & { recognized: string } = await (await upload(facilitator, team.id, LINEAR)).json()
    expect(preview.recognized).toBe('linear')
    expect(preview.values).toMatchObject({ key: 'ID', title: 'Title', resolved: 'Completed', source: 'linear' })
    expect(preview.counts).toMatchObject({ ready: 1, problems: 1 })
    const res = await post(
      facilitator,
      team.id,
      mapped(preview, 'import', { linkBase: 'https://linear.app/acme/issue', question: 'what_could', engineeringJoinedColumn: 'Started' }),
    )
    expect(res.status).toBe(302)
    const [row] = await teamFeatures(team.id)
    expect(row).toMatchObject({
      source: 'linear',
      externalKey: 'ENG-12',
      sourceUrl: 'https://linear.app/acme/issue/ENG-12',
      startedOn: '2026-03-02',
      shippedOn: '2026-03-09',
      question: 'what_could',
      engineeringJoinedStage: 'spec',
      problem: 'Cart drops at the address step',
    })
  })
})

describe('what the import refuses', () => {
  it('answers a file it cannot use with a message, never a 500, and writes nothing', async () => {
    const { team, facilitator } = await setup()
    const empty = await post(facilitator, team.id, { intent: 'upload', file: '' })
    expect(empty.status).toBe(422)
    expect((await empty.json()).formError).toBe('Choose a CSV file exported from Jira or Linear.')
    const broken = await upload(facilitator, team.id, 'Summary,Issue key\n"Open quote,ABC-1\n')
    expect(broken.status).toBe(422)
    expect((await broken.json()).formError).toMatch(/not a readable CSV/)
    const unknown: Preview & { mappingProblems: string[]; recognized: null } = await (
      await upload(facilitator, team.id, 'Name,When\nA,2026-01-01\n')
    ).json()
    expect(unknown.recognized).toBeNull()
    expect(unknown.mappingProblems).toContain('Choose the column for “Feature name”.')
    const blind = await post(facilitator, team.id, mapped(unknown, 'import'))
    expect(blind.status).toBe(422)
    const badLink = await post(facilitator, team.id, { ...mapped(unknown, 'preview'), linkBase: 'javascript:alert(1)' })
    expect(badLink.status).toBe(422)
    expect(await teamFeatures(team.id)).toHaveLength(0)
  })

  it('refuses a file over 1 MB with a 413 that says what to do', async () => {
    const { team, facilitator } = await setup()
    const big = `Summary,Issue key,Created,Resolved\n${'x'.repeat(1_100_000)},A-1,2026-01-01,2026-01-02\n`
    const res = await upload(facilitator, team.id, big)
    expect(res.status).toBe(413)
    expect(await res.text()).toContain('Tandem reads CSV exports of up to 1 MB')
  })

  it('is for facilitators: a member is refused and nothing is written', async () => {
    const { team, member } = await setup()
    const res = await upload(member, team.id, JIRA)
    expect(res.status).toBe(403)
    expect(await teamFeatures(team.id)).toHaveLength(0)
  })
})
