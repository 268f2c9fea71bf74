// The optional generative-culture module on the write side: its items live in
// a template of their own (module = 'generative_culture'), created the first
// time a round needs them, and a round that opens while the workspace has the
// module on asks them after the pulse's own items. Rounds opened before, or
// while it is off, never gain them.
import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Tx } from '../../../db/client.server'
import { roundItems, surveyItems, surveyTemplates, workspaces } from '../../../db/schema'
import { GENERATIVE_CULTURE, GENERATIVE_CULTURE_NAME, GENERATIVE_ITEMS, MODULE_POSITION_OFFSET } from '~/domain/generative-culture'

/** The module's template in a workspace, created with its items when missing; returns its id. */
export async function ensureGenerativeTemplate(tx: Tx, workspaceId: string): Promise<string> {
  const [existing] = await tx
    .select({ id: surveyTemplates.id })
    .from(surveyTemplates)
    .where(and(eq(surveyTemplates.workspaceId, workspaceId), eq(surveyTemplates.module, GENERATIVE_CULTURE)))
    .limit(1)
  if (existing) return existing.id
  const [template] = await tx
    .insert(surveyTemplates)
    .values({ workspaceId, name: GENERATIVE_CULTURE_NAME, module: GENERATIVE_CULTURE })
    .returning({ id: surveyTemplates.id })
  await tx.insert(surveyItems).values(
    GENERATIVE_ITEMS.map((item, i) => ({
      workspaceId,
      templateId: template.id,
      itemKey: item.key,
      version: 1,
      dimension: GENERATIVE_CULTURE,
      direction: null,
      wording: item.wording,
      reverseScored: false,
      position: i + 1,
    })),
  )
  return template.id
}

/** Called as a round opens, in its transaction: adds the module's items when the workspace has it on. */
export async function addModuleItems(tx: Tx, round: { id: string; workspaceId: string }) {
  const [workspace] = await tx.select({ on: workspaces.generativeCulture }).from(workspaces).where(eq(workspaces.id, round.workspaceId))
  if (!workspace?.on) return
  const templateId = await ensureGenerativeTemplate(tx, round.workspaceId)
  const items = await tx
    .select({ id: surveyItems.id, position: surveyItems.position })
    .from(surveyItems)
    .where(and(eq(surveyItems.templateId, templateId), isNull(surveyItems.retiredAt)))
    .orderBy(asc(surveyItems.position))
  if (!items.length) return
  await tx
    .insert(roundItems)
    .values(
      items.map((i) => ({
        workspaceId: round.workspaceId,
        roundId: round.id,
        itemId: i.id,
        position: MODULE_POSITION_OFFSET + i.position,
      })),
    )
    .onConflictDoNothing()
}
