// An autopsy's edit history as sentences. Events are stored with their before
// and after as JSON; reading them back, nothing about their shape is trusted.
import { ACTION_STATUSES, ACTION_STATUS_LABELS } from './autopsy-lifecycle'

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' && key in value ? Reflect.get(value, key) : undefined
}

function statusLabel(value: unknown): string {
  const status = ACTION_STATUSES.find((s) => s === value)
  return status ? ACTION_STATUS_LABELS[status] : String(value)
}

const GATE_TEXT: Record<string, string> = {
  deficit: 'in respect deficit',
  healthy: 'with no respect deficit',
  unknown: 'without enough pulse data to know',
}

/**
 * One history entry as a sentence. `verdictVisible` is false when the round
 * behind the gate's verdict is hidden from the reader: then the verdict is not
 * repeated.
 */
export function describeEvent(action: string, before: unknown, after: unknown, { verdictVisible = true } = {}): string {
  switch (action) {
    case 'opened':
      return 'Opened the autopsy as a draft.'
    case 'collecting_started': {
      const asked = field(after, 'asked')
      return typeof asked === 'number'
        ? `Started collecting perspectives and asked ${asked} ${asked === 1 ? 'person' : 'people'} to write theirs.`
        : 'Started collecting perspectives and asked the team to write theirs.'
    }
    case 'perspective_requested':
      return `Asked ${String(field(after, 'name') ?? 'someone')} for a perspective.`
    case 'perspective_unrequested':
      return `Stopped asking ${String(field(before, 'name') ?? 'someone')} for a perspective.`
    case 'revealed': {
      const asked = field(after, 'asked')
      const of = typeof asked === 'number' ? ` (of ${asked} asked)` : ''
      return `Revealed ${String(field(after, 'perspectives') ?? 'all')} perspectives${of} at once.`
    }
    case 'names_shown':
      return 'Chose to show names with the perspectives.'
    case 'names_hidden':
      return 'Hid names on the perspectives again.'
    case 'gate_overridden':
      return `Overrode the respect-first gate: “${String(field(after, 'overrideReason') ?? '')}”`
    case 'published':
      return verdictVisible ? `Published, ${GATE_TEXT[String(field(after, 'gateState'))] ?? 'gate state unknown'}.` : 'Published.'
    case 'action_status':
      return `Action “${String(field(after, 'title') ?? '')}”: ${statusLabel(field(before, 'status'))} → ${statusLabel(field(after, 'status'))}.`
    default:
      return `${action}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`
  }
}
