// The charts' colours, with the text drawn on each fill. axe cannot check the
// contrast of SVG text, so tests/unit/palette.test.ts checks every label/fill
// pair here against WCAG AA (4.5:1). The 1–7 scale is a diverging
// red → grey → blue ramp that stays distinguishable for the common forms of
// colour blindness; every chart also has a table alternative, so colour is
// never the only carrier of meaning.

export const INK = '#1c2430'
export const WHITE = '#ffffff'
/** the muted text colour, for "no data" cells */
export const MUTED_INK = '#5b6675'
export const GRID = '#d8dde4'

// The second step is lighter than the ramp it comes from (#d6604d), whose
// labels reached 3.7:1 in white and 4.2:1 in ink.
export const SCALE_COLORS = ['#b2182b', '#e0745f', '#f4a582', '#bababa', '#92c5de', '#4393c3', '#2166ac'] as const

/** Disagree, neutral, agree: the ends and the middle of the same ramp. */
export const BAND_COLORS = ['#b2182b', '#bababa', '#2166ac'] as const

// The second series was #d9822b, 2.9:1 on white: a line needs 3:1 (WCAG 1.4.11).
export const SERIES = [
  { color: '#2f5d8a', dash: undefined },
  { color: '#c4701c', dash: '6 3' },
  { color: '#1e7a46', dash: '2 3' },
  { color: '#8e44ad', dash: '8 3 2 3' },
  { color: '#b3261e', dash: '4 4' },
] as const

/** The heatmap's cells: red below the deficit line, grey around it, blue above, each with its label colour. */
export const HEAT_STEPS = [
  { below: 40, fill: SCALE_COLORS[0], ink: WHITE },
  { below: 50, fill: SCALE_COLORS[1], ink: INK },
  { below: 60, fill: SCALE_COLORS[2], ink: INK },
  { below: 70, fill: '#d9d9d9', ink: INK },
  { below: 80, fill: SCALE_COLORS[4], ink: INK },
  { below: 90, fill: SCALE_COLORS[5], ink: INK },
  { below: Infinity, fill: SCALE_COLORS[6], ink: WHITE },
] as const

export const HEAT_HIDDEN = { fill: '#eef1f5', ink: MUTED_INK } as const

function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** WCAG contrast ratio of two #rrggbb colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

/** The label colour for text drawn on `fill`: ink or white, whichever reads better. */
export function labelOn(fill: string): string {
  return contrastRatio(fill, INK) >= contrastRatio(fill, WHITE) ? INK : WHITE
}
