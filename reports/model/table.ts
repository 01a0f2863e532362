/** A table cell: plain text (escaped by each renderer), optionally with a tone for colouring. */
export type Tone = 'good' | 'bad' | 'warn' | 'muted';
export type Cell = string | { readonly text: string; readonly tone?: Tone; readonly href?: string };

export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export function cellText(cell: Cell): string {
  return typeof cell === 'string' ? cell : cell.text;
}
