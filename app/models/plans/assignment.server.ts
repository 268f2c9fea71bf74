// A plan action's assignment is announced as an autopsy's is: one notice
// (in-app, and mail when the owner wants it), through the nudges model.
import type { Tx } from '../../../db/client.server'
import { tellActionAssigned } from '../nudges/autopsy-notices.server'

export async function announceAssignment(
  tx: Tx,
  input: { workspaceId: string; actionId: string; ownerId: string; actorId: string; title: string; dueOn: string; href: string },
) {
  await tellActionAssigned(tx, input)
}
