import { PDF_FONT, pdfBytes, registerPdfFonts } from '@metrology/kit/pdf';
import PDFDocument from 'pdfkit';
import type { AnnualReportContent } from './annual-report.data';
import {
  COURSE_STATUS_LABEL,
  formatCount,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatRate,
  INDICATOR_LABEL,
  longVietnameseDate,
  OWNERSHIP_LABEL,
  RECOGNITION_STATUS_LABEL,
  SERVICE_LABEL,
  SOURCE_LABEL,
  STATUS_LABEL,
  scopeLabel,
} from './format';
import type { ScorecardIndicator } from './scorecard.graphql';

// A4 in points.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 50;
const TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
/** Lowest line content may reach; the page number sits below it. */
const CONTENT_BOTTOM = PAGE_HEIGHT - 60;
const INK = '#1a1a1a';
const MUTED = '#555555';
const RULE = '#9a9a9a';
const HEADER_FILL = '#e8edf3';
const BAR = '#2f5d8a';
const BAR_OF_YEAR = '#d9822b';
const TARGET_LINE = '#b3261e';

const { regular: REGULAR, bold: BOLD } = PDF_FONT;

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
  /** Shrinks the text to stay on one line (amounts: "16.925.000.000 ₫" must never wrap). */
  oneLine?: boolean;
}

const CELL_PADDING = 3;
const TABLE_FONT_SIZE = 8;

/** Starts a new page when fewer than `height` points are left. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > CONTENT_BOTTOM) {
    doc.addPage();
    doc.y = MARGIN;
  }
}

/** The largest size up to `size` at which `text` fits `width` on one line. */
function fittingSize(doc: Doc, text: string, font: string, size: number, width: number): number {
  let fitted = size;
  doc.font(font);
  while (fitted > 5 && doc.fontSize(fitted).widthOfString(text) > width) fitted -= 0.25;
  return fitted;
}

function heading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font(BOLD).fontSize(11.5).fillColor(INK).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
  doc.moveDown(0.3);
}

function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 50);
  doc.moveDown(0.3);
  doc.font(BOLD).fontSize(10).fillColor(INK).text(text, MARGIN, doc.y, { width: TEXT_WIDTH });
  doc.moveDown(0.2);
}

function paragraph(doc: Doc, text: string, size = 9.5, color = INK): void {
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

function drawRow(doc: Doc, columns: Column[], cells: string[], font: string, fill?: string): void {
  const height = Math.max(...cells.map((cell, i) => cellHeight(doc, cell, columns[i], font))) + 2 * CELL_PADDING;
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

/** A ruled table; the header row is repeated on each new page. Column widths add up to the text width. */
function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const header = () =>
    drawRow(
      doc,
      columns,
      columns.map((column) => column.header),
      BOLD,
      HEADER_FILL,
    );
  ensureSpace(doc, 40);
  header();
  for (const row of rows) {
    const height = Math.max(...row.map((cell, i) => cellHeight(doc, cell, columns[i], REGULAR))) + 2 * CELL_PADDING;
    if (doc.y + height > CONTENT_BOTTOM) {
      doc.addPage();
      doc.y = MARGIN;
      header();
    }
    drawRow(doc, columns, row, REGULAR);
  }
  doc.x = MARGIN;
  doc.moveDown(0.4);
}

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

function indicatorRow(indicator: ScorecardIndicator): string[] {
  return [
    `${INDICATOR_LABEL[indicator.indicator]} (${indicator.unit})`,
    scopeLabel(indicator),
    formatCount(indicator.target),
    formatCount(indicator.actual),
    formatCount(indicator.gap),
    formatPercent(indicator.pace),
    indicator.forecast === null ? '–' : formatDecimal(indicator.forecast, 1),
    STATUS_LABEL[indicator.status],
  ];
}

function scorecardSection(doc: Doc, content: AnnualReportContent): void {
  const { trainingIndicator: training, infrastructureIndicators: infrastructure } = content.scorecard;
  heading(doc, 'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU');
  const indicators = [
    training?.yearly,
    training?.phase,
    infrastructure?.standards,
    infrastructure?.assurance,
    infrastructure?.laboratories,
    infrastructure?.capacity,
  ].filter((indicator): indicator is ScorecardIndicator => Boolean(indicator));
  if (indicators.length === 0) {
    paragraph(doc, 'Kế hoạch không đặt chỉ tiêu cho giai đoạn này.');
    return;
  }
  table(
    doc,
    [
      { header: 'Chỉ tiêu', width: 150 },
      { header: 'Phạm vi', width: 64 },
      { header: 'Mục tiêu', width: 40, align: 'right' },
      { header: 'Thực hiện', width: 42, align: 'right' },
      { header: 'Còn thiếu', width: 40, align: 'right' },
      { header: 'Tiến độ', width: 44, align: 'right', oneLine: true },
      { header: 'Dự báo', width: 40, align: 'right' },
      { header: 'Tình trạng', width: TEXT_WIDTH - 420 },
    ],
    indicators.map(indicatorRow),
  );
  paragraph(
    doc,
    'Tiến độ = thực hiện so với mức kỳ vọng đến ngày số liệu (mục tiêu × số ngày đã qua / số ngày của kỳ); ' +
      'dự báo = thực hiện theo nhịp hiện tại đến hết kỳ.',
    8,
    MUTED,
  );
  const byOwnership = infrastructure?.mapByOwnership ?? [];
  if (infrastructure?.assurance && byOwnership.length > 0) {
    doc.moveDown(0.3);
    paragraph(
      doc,
      `Lượt doanh nghiệp được hỗ trợ đảm bảo đo lường theo loại hình sở hữu: ${byOwnership
        .map((row) => `${OWNERSHIP_LABEL[row.ownership] ?? row.ownership} ${formatCount(row.completed)}`)
        .join('; ')}.`,
      9,
    );
  }
}

function budgetSection(doc: Doc, content: AnnualReportContent): void {
  const { budgetOfYear: year, budgetToDate: toDate, taskGroups, budgetTotal } = content.scorecard;
  heading(doc, 'II. KINH PHÍ THỰC HIỆN');
  // A report is built only from a complete answer (annual-report.data.ts); kept safe regardless.
  if (year === null || toDate === null || budgetTotal === null) {
    paragraph(doc, 'Số liệu kinh phí hiện không có sẵn.');
    return;
  }
  paragraph(doc, `Tổng kinh phí của kế hoạch: ${formatMoney(budgetTotal)}.`);
  subheading(doc, `1. Theo nguồn kinh phí, năm ${content.year}`);
  const moneyColumn = (header: string, width: number): Column => ({ header, width, align: 'right', oneLine: true });
  table(
    doc,
    [
      { header: 'Nguồn kinh phí', width: 155 },
      moneyColumn('Kế hoạch', 92),
      moneyColumn('Đã phân bổ', 92),
      moneyColumn('Đã giải ngân', 92),
      { header: 'Tỷ lệ giải ngân', width: TEXT_WIDTH - 431, align: 'right' },
    ],
    [
      ...year.bySource.map((row) => [
        SOURCE_LABEL[row.source] ?? row.source,
        formatMoney(row.planned),
        formatMoney(row.allocated),
        formatMoney(row.disbursed),
        formatRate(row.executionRate),
      ]),
      [
        'Tổng cộng',
        formatMoney(year.total.planned),
        formatMoney(year.total.allocated),
        formatMoney(year.total.disbursed),
        formatRate(year.total.executionRate),
      ],
    ],
  );
  subheading(doc, `2. Theo nhóm nhiệm vụ, năm ${content.year}`);
  const titleOf = new Map(taskGroups.map((group) => [group.number, group.title]));
  table(
    doc,
    [
      { header: 'Nhóm nhiệm vụ', width: 185 },
      moneyColumn('Kế hoạch', 88),
      moneyColumn('Đã phân bổ', 88),
      moneyColumn('Đã giải ngân', 88),
      { header: 'Tỷ lệ', width: TEXT_WIDTH - 449, align: 'right' },
    ],
    year.byTaskGroup.map((row) => [
      `${row.taskGroup}. ${titleOf.get(row.taskGroup) ?? ''}`,
      formatMoney(row.planned),
      formatMoney(row.allocated),
      formatMoney(row.disbursed),
      formatRate(row.executionRate),
    ]),
  );
  subheading(doc, `3. Lũy kế từ đầu kế hoạch đến ngày ${formatDate(content.asOf)}`);
  table(
    doc,
    [
      { header: 'Nguồn kinh phí', width: 155 },
      moneyColumn('Hạn mức', 92),
      moneyColumn('Đã giải ngân', 92),
      moneyColumn('Còn lại', 92),
      { header: 'Tỷ lệ giải ngân', width: TEXT_WIDTH - 431, align: 'right' },
    ],
    [
      ...toDate.bySource.map((row) => [
        SOURCE_LABEL[row.source] ?? row.source,
        row.envelope === null ? '–' : formatMoney(row.envelope),
        formatMoney(row.disbursed),
        formatMoney(row.remaining),
        formatRate(row.executionRate),
      ]),
      [
        'Tổng cộng',
        toDate.total.envelope === null ? '–' : formatMoney(toDate.total.envelope),
        formatMoney(toDate.total.disbursed),
        formatMoney(toDate.total.remaining),
        formatRate(toDate.total.executionRate),
      ],
    ],
  );
  // One fact a line, so that no amount is split between two lines.
  const ratio = (value: string | null) => (value === null ? '–' : formatDecimal(Number(value), 4));
  paragraph(
    doc,
    `Kinh phí huy động từ doanh nghiệp và nguồn hợp pháp khác năm ${content.year}: ${formatMoney(year.contributions)}.`,
    9,
  );
  paragraph(doc, `Kinh phí huy động lũy kế từ đầu kế hoạch: ${formatMoney(toDate.contributions)}.`, 9);
  paragraph(
    doc,
    `Tỷ lệ huy động so với ngân sách nhà nước đã giải ngân (lũy kế): ${ratio(toDate.mobilisationRatio)}; theo kế hoạch: ${ratio(toDate.plannedMobilisationRatio)}.`,
    9,
  );
}

/** A step for the value axis that gives about five gridlines: 1, 2 or 5 times a power of ten. */
function niceStep(max: number): number {
  const raw = Math.max(1, max) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

/** Participations per year as bars, the yearly target as a dashed line: vector shapes only. */
function participationChart(doc: Doc, content: AnnualReportContent): void {
  const series = content.scorecard.trainingIndicator?.participationsByYear ?? [];
  heading(doc, 'III. SỐ LƯỢT NGƯỜI ĐƯỢC BỒI DƯỠNG THEO NĂM SO VỚI CHỈ TIÊU');
  if (series.length === 0) {
    paragraph(doc, 'Kế hoạch không đặt chỉ tiêu bồi dưỡng.');
    return;
  }
  const targets = new Map(content.yearlyTrainingTargets.map((row) => [row.year, row.target]));
  const targetValues = [...targets.values()].filter((value): value is number => value !== null);
  const distinctTargets = [...new Set(targetValues)];
  const caption =
    distinctTargets.length === 1
      ? `Cột: số lượt người được bồi dưỡng trong năm (năm ${content.year} tô màu cam); đường đứt nét đỏ: chỉ tiêu ${formatCount(distinctTargets[0])} lượt người mỗi năm.`
      : `Cột: số lượt người được bồi dưỡng trong năm (năm ${content.year} tô màu cam); đường đứt nét đỏ: chỉ tiêu năm của từng giai đoạn.`;
  paragraph(doc, caption, 8.5, MUTED);
  const chartHeight = 170;
  ensureSpace(doc, chartHeight + 40);
  const top = doc.y + 12;
  const left = MARGIN + 34;
  const width = TEXT_WIDTH - 44;
  const bottom = top + chartHeight;
  const step = niceStep(Math.max(...series.map((row) => row.actual), ...targetValues) * 1.1);
  const axisMax = step * Math.max(1, Math.ceil((Math.max(...series.map((row) => row.actual), ...targetValues) * 1.1) / step));
  const yOf = (value: number) => bottom - (value / axisMax) * chartHeight;

  doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
  doc.lineWidth(0.4).strokeColor('#d0d0d0');
  for (let value = 0; value <= axisMax; value += step) {
    doc
      .moveTo(left, yOf(value))
      .lineTo(left + width, yOf(value))
      .stroke();
    doc.text(formatCount(value), MARGIN - 4, yOf(value) - 3.5, { width: 34, align: 'right', lineBreak: false });
  }
  const slot = width / series.length;
  const barWidth = Math.min(36, slot * 0.6);
  const labelEvery = Math.ceil(series.length / 16);
  for (const [index, row] of series.entries()) {
    const centre = left + slot * index + slot / 2;
    const height = bottom - yOf(row.actual);
    if (height > 0)
      doc.rect(centre - barWidth / 2, yOf(row.actual), barWidth, height).fill(row.year === content.year ? BAR_OF_YEAR : BAR);
    doc
      .font(BOLD)
      .fontSize(7.5)
      .fillColor(INK)
      .text(formatCount(row.actual), centre - slot / 2, yOf(row.actual) - 10, { width: slot, align: 'center', lineBreak: false });
    if (index % labelEvery === 0) {
      doc
        .font(REGULAR)
        .fontSize(7.5)
        .fillColor(MUTED)
        .text(String(row.year), centre - slot / 2, bottom + 4, { width: slot, align: 'center', lineBreak: false });
    }
    const target = targets.get(row.year);
    if (target !== null && target !== undefined) {
      doc
        .lineWidth(1.4)
        .strokeColor(TARGET_LINE)
        .dash(4, { space: 3 })
        .moveTo(left + slot * index, yOf(target))
        .lineTo(left + slot * (index + 1), yOf(target))
        .stroke()
        .undash();
    }
  }
  const lastTarget = targets.get(series[series.length - 1].year);
  if (lastTarget !== null && lastTarget !== undefined) {
    doc
      .font(BOLD)
      .fontSize(7.5)
      .fillColor(TARGET_LINE)
      .text(`Chỉ tiêu ${formatCount(lastTarget)}`, left + width - 80, yOf(lastTarget) - 11, {
        width: 80,
        align: 'right',
        lineBreak: false,
      });
  }
  doc
    .lineWidth(0.8)
    .strokeColor(INK)
    .moveTo(left, bottom)
    .lineTo(left + width, bottom)
    .stroke();
  doc.moveTo(left, top).lineTo(left, bottom).stroke();
  doc.fillColor(INK);
  doc.x = MARGIN;
  doc.y = bottom + 22;
}

function activitiesSection(doc: Doc, content: AnnualReportContent): void {
  heading(doc, `IV. CÁC HOẠT ĐỘNG TRONG NĂM ${content.year}`);
  const yearly = content.scorecard.trainingIndicator?.participationsByYear.find((row) => row.year === content.year);
  subheading(doc, '1. Các khóa bồi dưỡng về đo lường');
  if (content.courses.length === 0) paragraph(doc, 'Không có khóa bồi dưỡng nào trong năm.');
  else {
    table(
      doc,
      [
        { header: 'Mã khóa', width: 72 },
        { header: 'Tên khóa bồi dưỡng', width: 193 },
        { header: 'Thời gian', width: 100 },
        { header: 'Số học viên', width: 50, align: 'right' },
        { header: 'Trạng thái', width: TEXT_WIDTH - 415 },
      ],
      content.courses.map((course) => [
        course.code,
        course.title,
        `${formatDate(course.startDate)} – ${formatDate(course.endDate)}`,
        formatCount(course.enrolmentCount),
        COURSE_STATUS_LABEL[course.status] ?? course.status,
      ]),
    );
  }
  if (yearly) {
    paragraph(
      doc,
      `Số lượt người được bồi dưỡng trong năm ${content.year} (đến ngày ${formatDate(content.asOf)}): ${formatCount(yearly.actual)} lượt người.`,
      9,
    );
  }

  subheading(doc, '2. Công nhận phòng thí nghiệm');
  if (content.recognitions.length === 0) paragraph(doc, 'Không có phòng thí nghiệm nào được công nhận trong năm.');
  else {
    table(
      doc,
      [
        { header: 'Phòng thí nghiệm', width: 160 },
        { header: 'Tổ chức', width: 145 },
        { header: 'Thời hạn công nhận', width: 105 },
        { header: `Tình trạng ngày ${formatDate(content.asOf)}`, width: TEXT_WIDTH - 410 },
      ],
      content.recognitions.map((recognition) => [
        `${recognition.laboratory.code} – ${recognition.laboratory.name}`,
        recognition.laboratory.organization.name,
        `${formatDate(recognition.validFrom)} – ${formatDate(recognition.validUntil)}`,
        RECOGNITION_STATUS_LABEL[recognition.effectiveStatus] ?? recognition.effectiveStatus,
      ]),
    );
  }

  subheading(doc, '3. Hỗ trợ doanh nghiệp theo chương trình đảm bảo đo lường (đã hoàn thành)');
  if (content.engagements.length === 0) paragraph(doc, 'Không có lượt hỗ trợ nào hoàn thành trong năm.');
  else {
    table(
      doc,
      [
        { header: 'Doanh nghiệp (mã số thuế)', width: 160 },
        { header: 'Đơn vị thực hiện', width: 125 },
        { header: 'Dịch vụ', width: 90 },
        { header: 'Số phương tiện đo', width: 50, align: 'right' },
        { header: 'Ngày hoàn thành', width: TEXT_WIDTH - 425 },
      ],
      content.engagements.map((engagement) => [
        `${engagement.enterprise.name} (${engagement.enterprise.taxCode})`,
        engagement.provider.name,
        engagement.services.map((service) => SERVICE_LABEL[service] ?? service).join(', '),
        formatCount(engagement.instrumentsCovered),
        engagement.completedOn ? formatDate(engagement.completedOn) : '',
      ]),
    );
  }
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
