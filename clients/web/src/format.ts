/**
 * Display formats of the interface (docs/RULES.md, "Display formats"): the platform's one
 * vocabulary (`@metrology/kit/vocabulary`), the same functions the subgraphs, the CLI and the
 * reports use. Dates dd/mm/yyyy and money `16.925.000.000 ₫` in both languages.
 */
export {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMoneyShort,
  formatPercent,
  formatRatio,
  type Language,
  todayInVietnam,
} from '@metrology/kit/vocabulary';
