/**
 * The figures of the annual report: the scorecard's indicators (docs/RULES.md, "Indicators") and
 * the budget execution by source and task group (docs/RULES.md, "Budget summary"), as flowing tables.
 */
import type { AnnualReportContent } from './annual-report.data';
import {
  formatCount,
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatRate,
  INDICATOR_LABEL,
  OWNERSHIP_LABEL,
  SOURCE_LABEL,
  STATUS_LABEL,
  scopeLabel,
} from './format';
import { type Column, type Doc, heading, MUTED, paragraph, subheading, TEXT_WIDTH, table } from './layout';
import type { ScorecardIndicator } from './scorecard';

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

export function scorecardSection(doc: Doc, content: AnnualReportContent): void {
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

export function budgetSection(doc: Doc, content: AnnualReportContent): void {
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
