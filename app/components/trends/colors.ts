// Colours of the trend charts. Lines and points need 3:1 against the white
// chart (WCAG 1.4.11) and text 4.5:1 (1.4.3); a unit test checks both. A
// low-sample point is grey and hollow and says so in words beside it, so
// colour is never the only thing that marks it.
export const TREND_BACKGROUND = '#ffffff'

/** Per direction: product → engineering, engineering → product. */
export const DIRECTION_COLORS = { product_to_engineering: '#2f5d8a', engineering_to_product: '#a14d00' } as const
export const DIRECTION_DASHES = { product_to_engineering: undefined, engineering_to_product: '6 3' } as const

/** Lines and bars, in order; the last is for "Other factors". */
export const TREND_SERIES = ['#2f5d8a', '#a14d00', '#1e7a46', '#7b3f98', '#b3261e', '#5b6675'] as const

/** A point resting on fewer than the minimum features. */
export const LOW_SAMPLE_COLOR = '#6b7280'

/** Axis and label text. */
export const TREND_TEXT = '#1c2430'
export const TREND_GRID = '#d8dde4'
