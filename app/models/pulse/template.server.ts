import { and, asc, eq, isNull, max, sql } from 'drizzle-orm'
import { getDb, type Database } from '../../../db/client.server'
import { surveyItems, surveyTemplates } from '../../../db/schema'
import { refuse } from '~/domain/refusal'
import { BUILT_IN_ITEMS, getDimension, TEMPLATE_NAME, type DimensionKey } from '~/domain/instrument'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

/** Every workspace starts with the built-in "Mutual respect pulse"; returns its id. */
export async function ensureBuiltInTemplate(workspaceId: string, tx?: Tx | Database): Promise<string> {
  const db = tx ?? (await getDb())
  const [existing] = await db
    .select({ id: surveyTemplates.id })
    .from(surveyTemplates)
    // A module's template (such as generative culture) is never the workspace's pulse.
    .where(and(eq(surveyTemplates.workspaceId, workspaceId), isNull(surveyTemplates.module)))
    .orderBy(asc(surveyTemplates.createdAt))
    .limit(1)
  if (existing) return existing.id
  const [template] = await db.insert(surveyTemplates).values({ workspaceId, name: TEMPLATE_NAME }).returning()
  await db.insert(surveyItems).values(
    BUILT_IN_ITEMS.map((item, index) => ({
      workspaceId,
      templateId: template.id,
      itemKey: item.key,
      version: 1,
      dimension: item.dimension,
      direction: item.direction,
      wording: item.wording,
      reverseScored: item.reverseScored,
      position: index + 1,
    })),
  )
  return template.id
}

export async function getWorkspaceTemplate(workspaceId: string) {
  const db = await getDb()
  const id = await ensureBuiltInTemplate(workspaceId, db)
  const [template] = await db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id))
  return template
}

/** The items new rounds will ask, in order. Retired rows and old versions are excluded. */
export async function listActiveItems(workspaceId: string, templateId: string) {
  const db = await getDb()
  return db
    .select()
    .from(surveyItems)
    .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.templateId, templateId), isNull(surveyItems.retiredAt)))
    .orderBy(asc(surveyItems.position))
}

/** Every version of every item, for the editor's history. */
export async function listAllItems(workspaceId: string, templateId: string) {
  const db = await getDb()
  return db
    .select()
    .from(surveyItems)
    .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.templateId, templateId)))
    .orderBy(asc(surveyItems.position), asc(surveyItems.version))
}

export async function addItem(
  workspaceId: string,
  templateId: string,
  input: { dimension: DimensionKey; wording: string; reverseScored: boolean },
) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [{ last }] = await tx
      .select({ last: max(surveyItems.position) })
      .from(surveyItems)
      .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.templateId, templateId)))
    const [row] = await tx
      .insert(surveyItems)
      .values({
        workspaceId,
        templateId,
        itemKey: `custom_${crypto.randomUUID().slice(0, 8)}`,
        version: 1,
        dimension: input.dimension,
        direction: getDimension(input.dimension).direction,
        wording: input.wording,
        reverseScored: input.reverseScored,
        position: (last ?? 0) + 1,
      })
      .returning()
    return row
  })
}

/**
 * Rewording retires the current row and adds version + 1 with the same key, in
 * one transaction: past rounds keep the words they asked, and a per-item trend
 * never mixes two wordings.
 */
export async function rewordItem(workspaceId: string, itemId: string, input: { wording: string; reverseScored: boolean }) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(surveyItems)
      .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.id, itemId)))
      .for('update')
    if (!current) refuse(404, 'Item not found.')
    if (current.retiredAt) refuse(409, 'This item is retired or was already reworded; edit its current version.')
    if (current.wording === input.wording && current.reverseScored === input.reverseScored) {
      refuse(409, 'Nothing changed: the new wording is the same as the current one.')
    }
    await tx
      .update(surveyItems)
      .set({ retiredAt: sql`now()` })
      .where(eq(surveyItems.id, current.id))
    const [next] = await tx
      .insert(surveyItems)
      .values({
        workspaceId,
        templateId: current.templateId,
        itemKey: current.itemKey,
        version: current.version + 1,
        dimension: current.dimension,
        direction: current.direction,
        wording: input.wording,
        reverseScored: input.reverseScored,
        position: current.position,
      })
      .returning()
    return next
  })
}

export async function retireItem(workspaceId: string, itemId: string) {
  const db = await getDb()
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(surveyItems)
      .where(and(eq(surveyItems.workspaceId, workspaceId), eq(surveyItems.id, itemId)))
      .for('update')
    if (!current) refuse(404, 'Item not found.')
    if (current.retiredAt) refuse(409, 'This item is already retired.')
    const [{ active }] = await tx
      .select({ active: sql<number>`count(*)::int` })
      .from(surveyItems)
      .where(
        and(eq(surveyItems.templateId, current.templateId), eq(surveyItems.dimension, current.dimension), isNull(surveyItems.retiredAt)),
      )
    if (active <= 1) refuse(409, 'Each dimension needs at least one item; add another before retiring this one.')
    const [row] = await tx
      .update(surveyItems)
      .set({ retiredAt: sql`now()` })
      .where(eq(surveyItems.id, current.id))
      .returning()
    return row
  })
}
