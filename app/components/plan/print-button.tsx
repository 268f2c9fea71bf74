/** Prints the plan: the print stylesheet keeps the prompts and actions and drops the forms and navigation. */
export function PrintButton() {
  return (
    <button type="button" className="secondary no-print" onClick={() => window.print()}>
      Print the prompts
    </button>
  )
}
