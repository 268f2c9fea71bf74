import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '../../db/client.server'
import { surveyItems } from '../../db/schema'
import { BUILT_IN_ITEMS } from '~/domain/instrument'
import { getWorkspaceTemplate, listActiveItems } from '~/models/pulse/template.server'
import { action, loader } from '~/routes/admin.template'
import { createMember, createTeam, createUser, createWorkspace, request, settle } from '../factories'

const ctx = { context: {}, params: {} }

describe('template editor', () => {
  it('is for admins only', async () => {
    const ws = await createWorkspace()
    const member = await createMember(await createTeam(ws.id), 'facilitator')
    expect((await settle(async () => loader({ ...ctx, request: await request('/admin/template', { user: member }) }))).status).toBe(403)
    expect(
      (
        await settle(async () =>
          action({
            ...ctx,
            request: await request('/admin/template', { user: member, form: { intent: 'retire', itemId: crypto.randomUUID() } }),
          }),
        )
      ).status,
    ).toBe(403)
  })

  it('rewords an item as a new version and keeps the old one for past rounds', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const template = await getWorkspaceTemplate(ws.id)
    const before = await listActiveItems(ws.id, template.id)
    expect(before).toHaveLength(BUILT_IN_ITEMS.length)
    const target = before[0]
    const res = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', {
          user: admin,
          form: { intent: 'reword', itemId: target.id, wording: 'Engineers are asked what could be built before anyone picks a solution.' },
        }),
      }),
    )
    expect(res.status).toBe(302)
    const db = await getDb()
    const versions = await db
      .select()
      .from(surveyItems)
      .where(and(eq(surveyItems.templateId, template.id), eq(surveyItems.itemKey, target.itemKey)))
    expect(versions.map((v) => [v.version, Boolean(v.retiredAt)]).sort()).toEqual([
      [1, true],
      [2, false],
    ])
    const after = await listActiveItems(ws.id, template.id)
    expect(after).toHaveLength(before.length)
    expect(after.find((i) => i.itemKey === target.itemKey)?.wording).toMatch(/before anyone picks/)
    // Rewording a retired version is a conflict, not a silent fork.
    const again = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', {
          user: admin,
          form: { intent: 'reword', itemId: target.id, wording: 'Another wording that is long enough.' },
        }),
      }),
    )
    expect(again.status).toBe(409)
  })

  it('adds and retires items, never leaving a dimension empty', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const template = await getWorkspaceTemplate(ws.id)
    const add = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', {
          user: admin,
          form: { intent: 'add', dimension: 'shared_outcomes', wording: 'We celebrate outcomes for users, not features shipped.' },
        }),
      }),
    )
    expect(add.status).toBe(302)
    const db = await getDb()
    const shared = await db
      .select()
      .from(surveyItems)
      .where(and(eq(surveyItems.templateId, template.id), eq(surveyItems.dimension, 'shared_outcomes'), isNull(surveyItems.retiredAt)))
    for (const item of shared.slice(0, -1)) {
      const r = await settle(async () =>
        action({ ...ctx, request: await request('/admin/template', { user: admin, form: { intent: 'retire', itemId: item.id } }) }),
      )
      expect(r.status).toBe(302)
    }
    const last = shared[shared.length - 1]
    const blocked = await settle(async () =>
      action({ ...ctx, request: await request('/admin/template', { user: admin, form: { intent: 'retire', itemId: last.id } }) }),
    )
    expect(blocked.status).toBe(409)
    expect((await blocked.json()).formError).toMatch(/at least one item/)
  })

  it('validates input and 404s unknown items', async () => {
    const ws = await createWorkspace()
    const admin = await createUser(ws.id, { isAdmin: true })
    const short = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', {
          user: admin,
          form: { intent: 'add', dimension: 'shared_outcomes', wording: 'Too short' },
        }),
      }),
    )
    expect(short.status).toBe(422)
    expect((await short.json()).errors.wording[0]).toMatch(/at least 10/)
    const badDim = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', {
          user: admin,
          form: { intent: 'add', dimension: 'vibes', wording: 'A long enough wording here.' },
        }),
      }),
    )
    expect(badDim.status).toBe(422)
    const unknown = await settle(async () =>
      action({
        ...ctx,
        request: await request('/admin/template', { user: admin, form: { intent: 'retire', itemId: crypto.randomUUID() } }),
      }),
    )
    expect(unknown.status).toBe(404)
  })
})
