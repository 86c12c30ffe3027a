/**
 * The flow layout of the reports on A4 pages, over pdfkit: headings, paragraphs and ruled tables
 * that flow down the page and onto the next one, a table's header row repeated on each new page.
 * A report lays out blocks in order and never computes page breaks itself; `test/layout.test.ts`
 * proves where the breaks fall. Fonts come from the kit (`@metrology/kit/pdf`, one font object per
 * document, Vietnamese glyphs included; docs/ARCHITECTURE.md, "Reports").
 */
import { PDF_FONT } from '@metrology/kit/pdf';

export type Doc = PDFKit.PDFDocument;

// A4 in points.
export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN = 50;
export const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Lowest line content may reach; the page number sits below it. */
export const CONTENT_BOTTOM = PAGE_HEIGHT - 60;
export const INK = '#1a1a1a';
export const MUTED = '#555555';
const RULE = '#9a9a9a';
const HEADER_FILL = '#e8edf3';

export const { regular: REGULAR, bold: BOLD } = PDF_FONT;

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
  /** Shrinks the text to stay on one line (amounts: "16.925.000.000 ₫" must never wrap). */
  oneLine?: boolean;
}

const CELL_PADDING = 3;
const TABLE_FONT_SIZE = 8;

/** Starts a new page when fewer than `height` points are left on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > CONTENT_BOTTOM) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

/** The largest size up to `size` at which `text` fits `width` on one line. */
export function fittingSize(doc: Doc, text: string, font: string, size: number, width: number): number {
  let fitted = size;
  doc.font(font);
  while (fitted > 5 && doc.fontSize(fitted).widthOfString(text) > width) fitted -= 0.25;
  return fitted;
}

/** A section heading, kept with at least a few lines of what follows it. */
export function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(11.5).fillColor(INK).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
  doc.moveDown(0.3);
}

export function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 50);
  doc.moveDown(0.3);
  doc.font(BOLD).fontSize(10).fillColor(INK).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
  doc.moveDown(0.2);
}

export function paragraph(doc: Doc, text: string, size = 9.5, color = INK): void {
  ensureSpace(doc, 20);
  doc.font(REGULAR).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
}

function cellHeight(doc: Doc, text: string, column: Column, font: string): number {
  if (column.oneLine) return doc.font(font).fontSize(TABLE_FONT_SIZE).currentLineHeight(true);
  return doc
    .font(font)
    .fontSize(TABLE_FONT_SIZE)
    .heightOfString(text, { width: column.width - 2 * CELL_PADDING });
}

function rowHeight(doc: Doc, columns: Column[], cells: string[], font: string): number {
  return Math.max(...cells.map((cell, i) => cellHeight(doc, cell, columns[i], font))) + 2 * CELL_PADDING;
}

function drawRow(doc: Doc, columns: Column[], cells: string[], font: string, fill?: string): void {
  const height = rowHeight(doc, columns, cells, font);
  const top = doc.y;
  if (fill) doc.rect(MARGIN, top, TEXT_WIDTH, height).fill(fill);
  let x = MARGIN;
  for (const [i, column] of columns.entries()) {
    const text = cells[i];
    const width = column.width - 2 * CELL_PADDING;
    const size = column.oneLine ? fittingSize(doc, text, font, TABLE_FONT_SIZE, width) : TABLE_FONT_SIZE;
    doc
      .font(font)
      .fontSize(size)
      .fillColor(INK)
      .text(text, x + CELL_PADDING, top + CELL_PADDING, { width, align: column.align ?? 'left', lineBreak: !column.oneLine });
    x += column.width;
  }
  doc.lineWidth(0.5).strokeColor(RULE);
  doc.rect(MARGIN, top, TEXT_WIDTH, height).stroke();
  x = MARGIN;
  for (const column of columns.slice(0, -1)) {
    x += column.width;
    doc
      .moveTo(x, top)
      .lineTo(x, top + height)
      .stroke();
  }
  doc.y = top + height;
}

/**
 * A ruled table whose column widths add up to the text width. A row is never split: one that does
 * not fit goes to a new page, under a repeat of the header row; the header is never left alone at
 * the foot of a page (it starts a new page unless its first row fits under it).
 */
export function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const header = columns.map((column) => column.header);
  const headerHeight = rowHeight(doc, columns, header, BOLD);
  const firstRowHeight = rows.length > 0 ? rowHeight(doc, columns, rows[0], REGULAR) : 0;
  ensureSpace(doc, headerHeight + firstRowHeight);
  drawRow(doc, columns, header, BOLD, HEADER_FILL);
  for (const row of rows) {
    if (doc.y + rowHeight(doc, columns, row, REGULAR) > CONTENT_BOTTOM) {
      doc.addPage();
      doc.y = MARGIN;
      drawRow(doc, columns, header, BOLD, HEADER_FILL);
    }
    drawRow(doc, columns, row, REGULAR);
  }
  doc.x = MARGIN;
  doc.moveDown(0.4);
}
