// Colours for the 1–7 scale: a diverging red → grey → blue ramp that stays
// distinguishable for the common forms of colour blindness. Every chart also
// has a table alternative, so colour is never the only carrier of meaning.
export const SCALE_COLORS = ['#b2182b', '#d6604d', '#f4a582', '#bababa', '#92c5de', '#4393c3', '#2166ac'] as const

/** Disagree, neutral, agree: the ends and the middle of the same ramp. */
export const BAND_COLORS = ['#b2182b', '#bababa', '#2166ac'] as const

export const SERIES = [
  { color: '#2f5d8a', dash: undefined },
  { color: '#d9822b', dash: '6 3' },
  { color: '#1e7a46', dash: '2 3' },
  { color: '#8e44ad', dash: '8 3 2 3' },
  { color: '#b3261e', dash: '4 4' },
] as const

export const GRID = '#d8dde4'
export const INK = '#1c2430'
