/**
 * @metrology/reports: the annual implementation report, a client of the gateway's API through the
 * SDK (docs/ARCHITECTURE.md, "Reports"), and the scorecard document the dashboards, tests and
 * benchmark share.
 */
export { type AnnualReportContent, loadAnnualReport, ReportError, reportAsOf } from './annual-report.data';
export { renderAnnualReportPdf } from './annual-report.pdf';
export { ANNUAL_REPORT_PATH, type AnnualReportRequest, serveAnnualReport } from './annual-report.route';
export { loadReportsConfig, type ReportsConfig } from './config';
export {
  type PlanScorecard,
  SCORECARD_FRAGMENTS,
  SCORECARD_QUERY,
  type ScorecardData,
  type ScorecardIndicator,
  type ScorecardVariables,
} from './scorecard';
export { type RunningReports, startReportsService } from './server';
