import { pdfBytes, registerPdfFonts } from '@metrology/kit/pdf';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { CONTENT_BOTTOM, type Column, heading, MARGIN, TEXT_WIDTH, table } from '../src/layout';

interface Drawn {
  page: number;
  text: string;
  y: number;
}

/** An A4 document whose text calls are recorded with the page they land on. */
function recordingDocument(): { doc: PDFKit.PDFDocument; drawn: Drawn[]; done: Promise<Buffer> } {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true });
  const done = pdfBytes(doc);
  registerPdfFonts(doc);
  const drawn: Drawn[] = [];
  let page = 1;
  doc.on('pageAdded', () => {
    page++;
  });
  const text = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  doc.text = ((value: string, x?: number, y?: number, options?: object) => {
    drawn.push({ page, text: String(value), y: y ?? doc.y });
    return text(value, x, y, options);
  }) as PDFKit.PDFDocument['text'];
  return { doc, drawn, done };
}

const COLUMNS: Column[] = [
  { header: 'Khóa học', width: 200 },
  { header: 'Ngày bắt đầu', width: 100 },
  { header: 'Số học viên', width: TEXT_WIDTH - 300, align: 'right' },
];
const HEADER = COLUMNS.map((column) => column.header);
const rowsOf = (count: number) =>
  Array.from({ length: count }, (_, i) => [`Đo lường khối lượng, lớp ${i + 1}`, '01/03/2026', String(i + 1)]);

describe('reports layout: blocks and tables flow across A4 pages', () => {
  it('continues a table longer than a page on the next pages, the header row first on each, every row once and none below the content bottom', async () => {
    const { doc, drawn, done } = recordingDocument();
    const rows = rowsOf(120);
    table(doc, COLUMNS, rows);
    doc.end();
    await done;
    const pages = [...new Set(drawn.map((cell) => cell.page))];
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) {
      expect(
        drawn
          .filter((cell) => cell.page === page)
          .slice(0, 3)
          .map((cell) => cell.text),
      ).toEqual(HEADER);
      expect(drawn.filter((cell) => cell.page === page && cell.text === HEADER[0])).toHaveLength(1);
    }
    expect(drawn.filter((cell) => cell.text.startsWith('Đo lường')).map((cell) => cell.text)).toEqual(rows.map((row) => row[0]));
    expect(Math.max(...drawn.map((cell) => cell.y))).toBeLessThan(CONTENT_BOTTOM);
  });

  it('starts a table on a new page when its header and first row do not fit at the foot of the page', async () => {
    const { doc, drawn, done } = recordingDocument();
    doc.y = CONTENT_BOTTOM - 20;
    table(doc, COLUMNS, rowsOf(2));
    doc.end();
    await done;
    expect(drawn.filter((cell) => cell.page === 1)).toEqual([]);
    expect(drawn.filter((cell) => cell.page === 2).map((cell) => cell.text)).toEqual([...HEADER, ...rowsOf(2).flat()]);
  });

  it('keeps a table that fits on the page where it starts', async () => {
    const { doc, drawn, done } = recordingDocument();
    doc.y = MARGIN + 100;
    table(doc, COLUMNS, rowsOf(5));
    doc.end();
    await done;
    expect(new Set(drawn.map((cell) => cell.page))).toEqual(new Set([1]));
  });

  it('moves a heading left at the foot of a page to the next page, with room for what follows it', async () => {
    const { doc, drawn, done } = recordingDocument();
    doc.y = CONTENT_BOTTOM - 40;
    heading(doc, 'II. TÌNH HÌNH THỰC HIỆN KINH PHÍ');
    doc.end();
    await done;
    expect(drawn).toMatchObject([{ page: 2, text: 'II. TÌNH HÌNH THỰC HIỆN KINH PHÍ' }]);
  });
});
