import { formatDate, longVietnameseDate } from '@metrology/kit';
import { pdfBytes, registerPdfFonts } from '@metrology/kit/pdf';
import PDFDocument from 'pdfkit';
import { create as createQrCode } from 'qrcode';

/** What a certificate PDF shows: the snapshot taken at issue, its serial and verification code. */
export interface CertificatePdfContent {
  serial: string;
  verificationCode: string;
  verificationUrl: string;
  holderName: string;
  holderDateOfBirth: string | null;
  courseTitle: string;
  courseCode: string;
  courseHours: number;
  courseStartDate: string;
  courseEndDate: string;
  issuerName: string;
  signerName: string;
  signerTitle: string;
  issuedOn: string;
  issuedAt: Date;
}

/** The province where the issuing department sits; certificates are dated from there. */
const PLACE_OF_ISSUE = 'Lạng Sơn';

// A4 in points.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 64;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const ACCENT = '#8b1a1a';
const INK = '#1a1a1a';
/**
 * The most height the holder name (3 lines at 22 pt) and the course title (6 lines at 15 pt) may
 * take, so that the longest valid ones (200 and 500 characters) end above the signature block.
 */
const NAME_MAX_HEIGHT = 80;
const TITLE_MAX_HEIGHT = 106;
const MIN_FONT_SIZE = 8;

/** The QR code as vector squares: each row's runs of dark modules become one rectangle. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const modules = createQrCode(text, { errorCorrectionLevel: 'M' }).modules;
  const cell = side / modules.size;
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      doc.rect(x + start * cell, y + row * cell, (col - start) * cell, cell);
    }
  }
  doc.fillColor('#000000').fill();
}

function centred(doc: PDFKit.PDFDocument, text: string, font: string, size: number, color = INK): void {
  doc.font(font).fontSize(size).fillColor(color).text(text, MARGIN, doc.y, { width: TEXT_WIDTH, align: 'center' });
}

/** The largest size from `size` down, by half points, at which the centred `text` fits in `maxHeight`. */
function fittedSize(doc: PDFKit.PDFDocument, text: string, font: string, size: number, maxHeight: number): number {
  doc.font(font);
  let fitted = size;
  while (
    fitted > MIN_FONT_SIZE &&
    doc.fontSize(fitted).heightOfString(text, { width: TEXT_WIDTH, align: 'center' }) > maxHeight
  ) {
    fitted -= 0.5;
  }
  return fitted;
}

/**
 * Renders a certificate (giấy chứng nhận) on one A4 page. The creation date is the issue time, so
 * the same content gives the same bytes; the stored bytes are what is served in any case.
 */
export function renderCertificatePdf(content: CertificatePdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: `Giấy chứng nhận ${content.serial}`,
      Author: content.issuerName,
      Subject: content.courseTitle,
      CreationDate: content.issuedAt,
      ModDate: content.issuedAt,
    },
  });
  const done = pdfBytes(doc);
  // DejaVu Sans, parsed once per process by the kit, registered as 'regular' and 'bold'.
  registerPdfFonts(doc);

  // Frame.
  doc
    .lineWidth(2.5)
    .strokeColor(ACCENT)
    .rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56)
    .stroke();
  doc
    .lineWidth(0.8)
    .rect(34, 34, PAGE_WIDTH - 68, PAGE_HEIGHT - 68)
    .stroke();

  // National heading (quốc hiệu, tiêu ngữ) and the issuing authority.
  doc.y = 62;
  centred(doc, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 13);
  centred(doc, 'Độc lập - Tự do - Hạnh phúc', 'bold', 12);
  const rule = doc.y + 3;
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .moveTo(PAGE_WIDTH / 2 - 85, rule)
    .lineTo(PAGE_WIDTH / 2 + 85, rule)
    .stroke();
  doc.y = rule + 22;
  centred(doc, content.issuerName.toLocaleUpperCase('vi'), 'bold', 12);

  doc.y += 40;
  centred(doc, 'GIẤY CHỨNG NHẬN', 'bold', 30, ACCENT);
  doc.y += 26;
  centred(doc, 'Chứng nhận Ông/Bà', 'regular', 13);
  doc.y += 6;
  centred(doc, content.holderName, 'bold', fittedSize(doc, content.holderName, 'bold', 22, NAME_MAX_HEIGHT), ACCENT);
  doc.y += 6;
  if (content.holderDateOfBirth) centred(doc, `Ngày sinh: ${formatDate(content.holderDateOfBirth)}`, 'regular', 12);
  doc.y += 16;
  centred(doc, 'Đã hoàn thành khóa bồi dưỡng', 'regular', 13);
  doc.y += 6;
  centred(doc, content.courseTitle, 'bold', fittedSize(doc, content.courseTitle, 'bold', 15, TITLE_MAX_HEIGHT));
  doc.y += 12;
  centred(doc, `Mã khóa học: ${content.courseCode}`, 'regular', 12);
  centred(
    doc,
    `Thời gian: từ ngày ${formatDate(content.courseStartDate)} đến ngày ${formatDate(content.courseEndDate)}`,
    'regular',
    12,
  );
  centred(doc, `Thời lượng: ${content.courseHours} giờ`, 'regular', 12);

  // Place and date, signer (right); QR code and serial (left); code and link (foot of the page).
  const blockTop = 560;
  const right = PAGE_WIDTH / 2 - 30;
  const rightWidth = PAGE_WIDTH - MARGIN - right;
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(INK)
    .text(`${PLACE_OF_ISSUE}, ${longVietnameseDate(content.issuedOn)}`, right, blockTop, { width: rightWidth, align: 'center' });
  doc.moveDown(0.4);
  doc
    .font('bold')
    .fontSize(12)
    .text(content.signerTitle.toLocaleUpperCase('vi'), right, doc.y, { width: rightWidth, align: 'center' });
  doc.text(content.signerName, right, blockTop + 130, { width: rightWidth, align: 'center' });

  const qrSide = 112;
  drawQrCode(doc, content.verificationUrl, MARGIN, blockTop, qrSide);
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(INK)
    .text(`Số hiệu: ${content.serial}`, MARGIN, blockTop + qrSide + 10, { width: right - MARGIN - 10 });

  doc
    .fontSize(8)
    .text(`Mã xác thực: ${content.verificationCode}`, MARGIN, PAGE_HEIGHT - 92, { width: TEXT_WIDTH, align: 'center' });
  doc.text(`Tra cứu tại: ${content.verificationUrl}`, { width: TEXT_WIDTH, align: 'center' });
  doc.end();
  return done;
}
