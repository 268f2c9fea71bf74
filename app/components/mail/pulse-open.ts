import { textLines, type TextMail } from './layout'

export type PulseOpenMailProps = {
  teamName: string
  /** the closing day, as the workspace's calendar shows it */
  due: string
  answerUrl: string
  anonymityUrl: string
}

/**
 * The notice that a pulse is open, to everyone on its roster. Plain text only:
 * it says what the in-app notification says, with the two links.
 */
export const pulseOpenMail: TextMail<PulseOpenMailProps> = {
  subject: (p) => `Pulse open for ${p.teamName}`,
  text: (p) =>
    textLines(
      `A respect pulse is open for ${p.teamName}. It takes under a minute; answer by ${p.due}.`,
      '',
      `Answer anonymously: ${p.answerUrl}`,
      '',
      `How anonymity works: ${p.anonymityUrl}`,
    ),
}
