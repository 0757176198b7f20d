import type { Rect } from './template';

/**
 * The NUCC print grid of the CMS-1500 (02/12): billing programs print on it at 10 characters
 * per inch and 6 lines per inch, with line 1 at the top of the letter sheet and column 1 a
 * quarter inch in from its left edge. Folio's reference space for the form is that sheet at
 * 300 dpi, so a column is 30 units wide and a line 50 units tall.
 */
export const PRINT_GRID = {
  dpi: 300,
  pageWidth: 2550,
  pageHeight: 3300,
  columnWidth: 30,
  lineHeight: 50,
  /** Left edge of column 1. */
  left: 75,
} as const;

/** Left edge of a 1-based print column. */
export function columnX(column: number): number {
  return PRINT_GRID.left + (column - 1) * PRINT_GRID.columnWidth;
}

/** Top edge of a 1-based print line. */
export function lineTop(line: number): number {
  return (line - 1) * PRINT_GRID.lineHeight;
}

/** The cells a value of `length` characters occupies from (line, column). */
export function gridCells(line: number, column: number, length: number): Rect {
  return { x: columnX(column), y: lineTop(line), width: length * PRINT_GRID.columnWidth, height: PRINT_GRID.lineHeight };
}
