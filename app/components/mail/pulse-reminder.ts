import type { TextMail } from './layout'

export type PulseReminderMailProps = {
  teamName: string
  /** the closing day, as the workspace's calendar shows it */
  closes: string
  answerUrl: string
}

/**
 * The reminder to those on a roster who have not answered. The same words for
 * everyone, so the outbox can show the batch as one mail with a count. Plain
 * text only, and the outbox offers no HTML part to open.
 */
export const pulseReminderMail: TextMail<PulseReminderMailProps> = {
  subject: (p) => `Reminder: ${p.teamName} pulse closes soon`,
  text: (p) => `The ${p.teamName} pulse closes ${p.closes}. Answer anonymously: ${p.answerUrl}`,
}
