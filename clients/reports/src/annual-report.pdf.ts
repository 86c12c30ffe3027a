import { pdfBytes, registerPdfFonts } from '@metrology/kit/pdf';
import PDFDocument from 'pdfkit';
import { activitiesSection, participationChart } from './annual-report.activities';
import type { AnnualReportContent } from './annual-report.data';
import { budgetSection, scorecardSection } from './annual-report.figures';
import { formatDate, longVietnameseDate } from './format';
import { BOLD, type Doc, fittingSize, INK, MARGIN, MUTED, PAGE_HEIGHT, paragraph, REGULAR, TEXT_WIDTH } from './layout';

/** The national heading and the issuer, the title, the plan and the as-of date. */
function titleBlock(doc: Doc, content: AnnualReportContent): void {
  const { scorecard } = content;
  const half = TEXT_WIDTH / 2;
  const top = MARGIN - 10;
  doc
    .font(BOLD)
    .fontSize(10)
    .fillColor(INK)
    .text(scorecard.issuer.toLocaleUpperCase('vi'), MARGIN, top, { width: half - 20, align: 'center' });
  doc
    .font(BOLD)
    .fontSize(9.5)
    .text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', MARGIN + half - 20, top, { width: half + 20, align: 'center' });
  doc
    .font(BOLD)
    .fontSize(9.5)
    .text('Độc lập - Tự do - Hạnh phúc', { width: half + 20, align: 'center' });
  doc
    .font(REGULAR)
    .fontSize(9.5)
    .text(`${scorecard.province}, ${longVietnameseDate(content.madeOn)}`, MARGIN + half - 20, doc.y + 6, {
      width: half + 20,
      align: 'center',
    });
  doc.y += 22;
  const title = `BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH ${scorecard.code} NĂM ${content.year}`;
  doc
    .font(BOLD)
    .fontSize(fittingSize(doc, title, BOLD, 14, TEXT_WIDTH))
    .fillColor(INK)
    .text(title, MARGIN, doc.y, { width: TEXT_WIDTH, align: 'center' });
  doc.moveDown(0.3);
  doc.font(REGULAR).fontSize(9.5).text(scorecard.title, MARGIN, doc.y, { width: TEXT_WIDTH, align: 'center' });
  doc.moveDown(0.5);
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      `Số liệu tính đến ngày ${formatDate(content.asOf)}; giai đoạn ${content.phase.number} ` +
        `(${formatDate(content.phase.startDate)} – ${formatDate(content.phase.endDate)}).`,
      MARGIN,
      doc.y,
      { width: TEXT_WIDTH, align: 'center' },
    );
  doc.fillColor(INK);
}

/** Page numbers, written once every page exists (the document buffers its pages). */
function pageNumbers(doc: Doc, content: AnnualReportContent): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing below the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .font(REGULAR)
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(
        `Báo cáo kết quả thực hiện kế hoạch ${content.scorecard.code} năm ${content.year} – Trang ${index - range.start + 1}/${range.count}`,
        MARGIN,
        PAGE_HEIGHT - 40,
        { width: TEXT_WIDTH, align: 'center', lineBreak: false },
      );
  }
}

/**
 * Renders the annual implementation report (báo cáo kết quả thực hiện kế hoạch) on A4 pages:
 * the scorecard, the budget execution by source and task group, the chart of participations per
 * year against the yearly target, and the year's courses, recognitions and MAP engagements.
 */
export function renderAnnualReportPdf(content: AnnualReportContent): Promise<Buffer> {
  const title = `Báo cáo kết quả thực hiện kế hoạch ${content.scorecard.code} năm ${content.year}`;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'vi-VN',
    displayTitle: true,
    bufferPages: true,
    info: { Title: title, Author: content.scorecard.issuer, Subject: content.scorecard.title },
  });
  const done = pdfBytes(doc);
  registerPdfFonts(doc);
  titleBlock(doc, content);
  scorecardSection(doc, content);
  budgetSection(doc, content);
  participationChart(doc, content);
  activitiesSection(doc, content);
  doc.moveDown(1);
  paragraph(
    doc,
    `Báo cáo được lập từ dữ liệu của hệ thống quản lý chương trình đo lường ngày ${formatDate(content.madeOn)}.`,
    8,
    MUTED,
  );
  pageNumbers(doc, content);
  doc.end();
  return done;
}
