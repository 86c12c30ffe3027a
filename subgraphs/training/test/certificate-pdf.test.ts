import { inflateSync } from 'node:zlib';
import { formatDate, todayInVietnam } from '@metrology/kit';
import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { create as createQrCode } from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { completedEnrolment, type IssuedCertificate, issueAsTrainer, pdfText, storedCertificate } from './certificate.fixtures';
import { createCourse } from './fixtures';

/** The page content streams of a PDF, inflated (pdfkit compresses them with Flate). */
function contentStreams(pdf: Buffer): string[] {
  const latin1 = pdf.toString('latin1');
  const streams: string[] = [];
  for (const match of latin1.matchAll(/(?<!end)stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = latin1.indexOf('endstream', start);
    if (end < 0) break;
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a Flate stream (pdfkit leaves some objects uncompressed).
    }
  }
  return streams.filter((stream) => stream.includes(' Tf'));
}

/** The dark modules drawn as rectangles, as "row,column" keys, read back from the page's `re` operators. */
function drawnQrModules(content: string): Set<string> {
  const rects = [...content.matchAll(/^(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re$/gm)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) }))
    .filter((rect) => rect.w < 200 && rect.h < 200);
  const cell = rects[0].h;
  const left = Math.min(...rects.map((rect) => rect.x));
  const top = Math.min(...rects.map((rect) => rect.y));
  const dark = new Set<string>();
  for (const rect of rects) {
    const row = Math.round((rect.y - top) / cell);
    const first = Math.round((rect.x - left) / cell);
    for (let col = first; col < first + Math.round(rect.w / cell); col++) dark.add(`${row},${col}`);
  }
  return dark;
}

/** Words repeated up to exactly `length` characters (ending on a whole word). */
function longText(words: string[], length: number): string {
  let text = words[0];
  for (let i = 1; text.length + 1 + words[i % words.length].length <= length; i++) text += ` ${words[i % words.length]}`;
  return text.padEnd(length, 'a');
}

/** The page's text items with their baseline (from the bottom of the page) and font height, in points. */
async function placedText(pdf: Uint8Array): Promise<{ str: string; baseline: number; height: number }[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: new Uint8Array(pdf) });
  const page = await (await task.promise).getPage(1);
  const items = (await page.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim() ? [{ str: item.str, baseline: item.transform[5], height: item.height }] : [],
  );
  await task.destroy();
  return items;
}

describe('certificate PDF', () => {
  let subgraph: TestSubgraph;
  let certificate: IssuedCertificate;
  let pdf: Buffer;
  let startDate: string;
  let endDate: string;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
    const { enrolment, course } = await completedEnrolment(subgraph.database.orm.em.fork());
    startDate = course.startDate;
    endDate = course.endDate;
    certificate = await issueAsTrainer(subgraph, enrolment.id, identityOf('trainer'));
    pdf = (await storedCertificate(subgraph, certificate.id)).pdf;
  });
  afterAll(() => subgraph?.stop());

  it('is one A4 page whose extractable text holds the exact holder name "Nguyễn Văn Hải" (NFC) and the serial', async () => {
    const { pages, boxes } = await pdfText(pdf);

    expect(pages).toHaveLength(1);
    expect(boxes[0]).toEqual([0, 0, 595.28, 841.89]);
    const lines = pages[0].split('\n');
    expect(lines).toContain('Nguyễn Văn Hải'.normalize('NFC'));
    expect(lines).toContain(`Số hiệu: ${certificate.serial}`);
  });

  it('carries the national heading, the issuer, the title, the snapshot, the place and date, the signer and the verification code', async () => {
    const lines = (await pdfText(pdf)).pages[0].split('\n');
    const issuedOn = todayInVietnam();

    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH LẠNG SƠN',
      'GIẤY CHỨNG NHẬN',
      'Ngày sinh: 17/05/1990',
      'Bồi dưỡng kiểm định viên đo lường khối lượng',
      `Mã khóa học: ${certificate.courseCode}`,
      `Thời gian: từ ngày ${formatDate(startDate)} đến ngày ${formatDate(endDate)}`,
      'Thời lượng: 40 giờ',
      `Lạng Sơn, ngày ${issuedOn.slice(8, 10)} tháng ${issuedOn.slice(5, 7)} năm ${issuedOn.slice(0, 4)}`,
      'GIÁM ĐỐC',
      'Nguyễn Văn A (mẫu)',
      `Mã xác thực: ${certificate.verificationCode}`,
      `Tra cứu tại: ${certificate.verificationUrl}`,
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('draws the QR code of the verification URL as vector squares, module for module', () => {
    const [content] = contentStreams(pdf);
    const expected = createQrCode(certificate.verificationUrl, { errorCorrectionLevel: 'M' }).modules;
    const wanted = new Set<string>();
    for (let row = 0; row < expected.size; row++) {
      for (let col = 0; col < expected.size; col++) if (expected.get(row, col)) wanted.add(`${row},${col}`);
    }

    expect(drawnQrModules(content)).toEqual(wanted);
  });

  it('records the issue time as the PDF creation date, so that the same content gives the same bytes', async () => {
    const issuedAt = (await storedCertificate(subgraph, certificate.id)).issuedAt;
    const stamp = issuedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);

    // pdfkit writes the info dictionary's dates as indirect string objects.
    expect(pdf.toString('latin1')).toContain(`(D:${stamp}Z)`);
  });

  it('prints the longest valid holder name (200 characters) and course title (500) whole, in type of at least 8 pt, above the place, date and QR code', async () => {
    const holderName = longText(['Nguyễn', 'Hoàng', 'Phương', 'Thị', 'Ngọc', 'Trường', 'Giang'], 200);
    const title = longText(
      ['Bồi', 'dưỡng', 'kiểm', 'định', 'hiệu', 'chuẩn', 'phương', 'tiện', 'đo', 'lường', 'khối', 'lượng'],
      500,
    );
    const em = subgraph.database.orm.em.fork();
    const course = await createCourse(em, { title });
    const { enrolment } = await completedEnrolment(em, { course, trainee: { fullName: holderName } });
    const long = await issueAsTrainer(subgraph, enrolment.id, identityOf('trainer'));
    const longPdf = (await storedCertificate(subgraph, long.id)).pdf;

    const items = await placedText(longPdf);
    const flat = items
      .map((item) => item.str)
      .join(' ')
      .replace(/\s+/g, ' ');
    expect(flat).toContain(`Chứng nhận Ông/Bà ${holderName} Ngày sinh:`);
    expect(flat).toContain(`Đã hoàn thành khóa bồi dưỡng ${title} Mã khóa học:`);
    const first = items.findIndex((item) => item.str === 'Chứng nhận Ông/Bà');
    const last = items.findIndex((item) => item.str.startsWith('Thời lượng:'));
    const place = items.find((item) => item.str.startsWith('Lạng Sơn, ngày'));
    const upper = items.slice(first + 1, last + 1);
    // The QR code's top is level with the top of the place and date line (the block's top).
    const blockTop = (place?.baseline ?? 0) + (place?.height ?? 0);
    for (const item of upper) {
      expect(item.height).toBeGreaterThanOrEqual(8);
      expect(item.baseline - 0.25 * item.height).toBeGreaterThan(blockTop);
    }
  });
});
