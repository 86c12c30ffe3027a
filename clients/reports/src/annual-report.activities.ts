/**
 * The year's activity in the annual report: participations per year against the yearly training
 * target (docs/RULES.md, "Indicators"), then the courses, recognitions and MAP engagements of the year.
 */
import type { AnnualReportContent } from './annual-report.data';
import { COURSE_STATUS_LABEL, formatCount, formatDate, RECOGNITION_STATUS_LABEL, SERVICE_LABEL } from './format';
import {
  BOLD,
  type Doc,
  ensureSpace,
  heading,
  INK,
  MARGIN,
  MUTED,
  paragraph,
  REGULAR,
  subheading,
  TEXT_WIDTH,
  table,
} from './layout';

const BAR = '#2f5d8a';
const BAR_OF_YEAR = '#d9822b';
const TARGET_LINE = '#b3261e';

function niceStep(max: number): number {
  const raw = Math.max(1, max) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= raw) ?? 10 * power;
}

/** Participations per year as bars, the yearly target as a dashed line: vector shapes only. */
export function participationChart(doc: Doc, content: AnnualReportContent): void {
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

export function activitiesSection(doc: Doc, content: AnnualReportContent): void {
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
