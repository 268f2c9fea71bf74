// The token pages' one form schema, shared by the personal and the workspace
// page: create (name, scopes, expiry) or revoke.
import { z } from 'zod'
import { EXPIRY_CHOICES, SCOPE_KEYS, type ExpiryChoice } from '~/domain/api-tokens'
import { text } from '~/utils/forms'

const EXPIRY_KEYS = Object.keys(EXPIRY_CHOICES) as [ExpiryChoice, ...ExpiryChoice[]]

export const TokenFormSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('create'),
    name: text('Name', { max: 80 }),
    // One value per ticked box; none ticked sends no field at all.
    scopes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.enum(SCOPE_KEYS, { error: 'Choose from the scopes listed' })).min(1, 'Choose at least one scope')),
    expiresIn: z.enum(EXPIRY_KEYS, { error: 'Choose when the token expires' }),
  }),
  z.object({ intent: z.literal('revoke'), tokenId: z.string({ error: 'Choose a token to revoke' }) }),
])

export const EXPIRY_OPTIONS: { value: ExpiryChoice; label: string }[] = [
  { value: '30', label: 'In 30 days' },
  { value: '90', label: 'In 90 days' },
  { value: '365', label: 'In a year' },
  { value: 'never', label: 'Never (revoke it by hand)' },
]
