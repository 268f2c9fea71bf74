// The one place an action's assignment is announced to its owner. It writes
// an in-app notification today; when per-person notification preferences
// arrive, this call is what changes.
import type { Database } from '../../../db/client.server'
import { formatDay } from '~/domain/format'
import { notify } from '../notification.server'

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0]

export async function announceAssignment(
  tx: Tx,
  input: { workspaceId: string; userId: string; title: string; dueOn: string; href: string },
) {
  await notify(
    [
      {
        workspaceId: input.workspaceId,
        userId: input.userId,
        message: `You own a new action, due ${formatDay(input.dueOn)}: ${input.title}`,
        href: input.href,
      },
    ],
    tx,
  )
}
