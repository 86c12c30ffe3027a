import { WebDashboardBudgetDocument, WebDashboardInfrastructureDocument, WebDashboardTrainingDocument } from '@metrology/sdk';
import type { EChartsCoreOption } from 'echarts/core';
import { type ReactNode, useId, useMemo, useState } from 'react';
import {
  asRequestError,
  downloadAnnualReport,
  type GraphQLRequestError,
  type PartialResult,
  requestPartial,
} from '../api/client';
import {
  type BudgetFigures,
  type BudgetPlan,
  type BudgetSummary,
  type IndicatorResult,
  type IndicatorStatus,
  type IndicatorYear,
  type InfrastructurePlan,
  PLAN_CODE,
  type PlanTarget,
  type TrainingPlan,
} from '../api/types';
import { useAuth } from '../auth';
import { Chart } from '../components/Chart';
import { Badge, ErrorMessage, Loading, Notice, PageTitle, ScrollRegion } from '../components/ui';
import { formatCount, formatDate, formatMoney, formatMoneyShort, formatPercent, formatRatio, todayInVietnam } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import type { Messages } from '../messages';

/** Tile colours by status; the status is also written on the tile. */
const STATUS_TONE: Record<IndicatorStatus, string> = {
  ACHIEVED: 'achieved',
  ON_TRACK: 'on-track',
  AT_RISK: 'at-risk',
  OFF_TRACK: 'off-track',
  MISSED: 'missed',
  NOT_STARTED: 'not-started',
};

/** Chart colours with enough contrast on white, told apart by position and legend as well. */
const COLOURS = { primary: '#1f5fa8', secondary: '#2e7d32', tertiary: '#b26a00', target: '#b3261e' };

/** Who may read the budget (funding) and the annual report (gateway): others are not offered them. */
const MONEY_READERS = ['viewer', 'admin', 'finance'];
const REPORT_READERS = ['viewer', 'admin'];

const INFRASTRUCTURE_TILES = ['standards', 'map', 'labs', 'capacity'] as const;
type InfrastructureTile = (typeof INFRASTRUCTURE_TILES)[number];
type TileKey = 'trainingYear' | 'trainingPhase' | InfrastructureTile | 'budget';

interface Tile {
  key: TileKey;
  label: string;
  result: IndicatorResult | null;
  /** A target without figures (the indicator is not counted by this deployment yet). */
  target: PlanTarget | null;
}

function settle<T>(load: Promise<PartialResult<T>>): Promise<PartialResult<T>> {
  return load.catch((error: unknown) => ({ data: null, errors: [asRequestError(error)] }));
}

/** The scorecard, charts, drill-down tables and annual report of the plan, for leaders and officers. */
export function DashboardPage() {
  const { t, language } = useI18n();
  const { session } = useAuth();
  const today = todayInVietnam();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const [selected, setSelected] = useState<TileKey | null>(null);
  const yearId = useId();
  const roles = session?.roles ?? [];
  const readsMoney = roles.some((role) => MONEY_READERS.includes(role));
  const readsReport = roles.some((role) => REPORT_READERS.includes(role));

  const training = useLoad(`dashboard-training:${year}:${session?.subject}`, () =>
    settle(requestPartial(WebDashboardTrainingDocument, { code: PLAN_CODE, year })),
  );
  const infrastructure = useLoad(`dashboard-infrastructure:${session?.subject}`, () =>
    settle(requestPartial(WebDashboardInfrastructureDocument, { code: PLAN_CODE })),
  );
  const budget = useLoad(`dashboard-budget:${readsMoney}:${session?.subject}`, () =>
    readsMoney
      ? settle(requestPartial(WebDashboardBudgetDocument, { code: PLAN_CODE }))
      : Promise.resolve<PartialResult<{ plan: BudgetPlan }>>({ data: null, errors: [] }),
  );

  const plan = training.data?.data?.plan ?? null;
  const infra = infrastructure.data?.data?.plan ?? null;
  const budgetAnswer = budget.data?.data?.plan ?? null;
  // A summary that could not be served comes back null with its error (listed below): no tile.
  const money: BudgetPlan | null = budgetAnswer?.budgetSummary
    ? { ...budgetAnswer, budgetSummary: budgetAnswer.budgetSummary }
    : null;
  const errors = [training, infrastructure, budget].flatMap((part) => [
    ...(part.error ? [part.error] : []),
    ...(part.data?.errors ?? []),
  ]);

  const phaseNow = plan?.phases.find((phase) => phase.startDate <= today && today <= phase.endDate)?.number ?? null;
  const tiles = useMemo(() => buildTiles(t, plan, infra, phaseNow, year), [t, plan, infra, phaseNow, year]);
  const years = plan ? yearRange(plan.phases) : [year];

  if (!plan && (training.loading || infrastructure.loading)) {
    return (
      <section className="page">
        <PageTitle>{t.dashboardTitle}</PageTitle>
        <Loading />
      </section>
    );
  }

  return (
    <section className="page dashboard">
      <PageTitle>{t.dashboardTitle}</PageTitle>
      <div className="dashboard-bar">
        <p className="meta">
          <span>{plan?.title ?? PLAN_CODE}</span>
          <span>{t.asOf(formatDate(today))}</span>
        </p>
        <div className="field-inline">
          <label htmlFor={yearId}>{t.reportYear}</label>
          <select id={yearId} value={year} onChange={(event) => setYear(Number(event.target.value))}>
            {years.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors.length > 0 ? <PartialErrors errors={errors} /> : null}

      <h2 className="visually-hidden">{t.scorecard}</h2>
      <ul className="tiles" data-testid="scorecard">
        {tiles.map((tile) => (
          <li key={tile.key}>
            <ScoreTile
              tile={tile}
              expanded={selected === tile.key}
              onToggle={() => setSelected(selected === tile.key ? null : tile.key)}
            />
          </li>
        ))}
        {money ? (
          <li>
            <BudgetTile
              summary={money.budgetSummary}
              envelope={money.budgetTotal}
              expanded={selected === 'budget'}
              onToggle={() => setSelected(selected === 'budget' ? null : 'budget')}
            />
          </li>
        ) : null}
      </ul>

      <div id="drilldown" aria-live="polite">
        {selected ? (
          <DrillDown
            tile={selected}
            tiles={tiles}
            participations={plan?.trainingIndicator?.participationsByYear ?? []}
            infrastructure={infra}
            money={money}
            language={language}
          />
        ) : null}
      </div>

      <div className="charts">
        <TrainingCharts plan={plan} />
        {money ? <BudgetChart summary={money.budgetSummary} /> : null}
        <InfrastructureChart tiles={tiles} />
      </div>

      {readsReport && plan ? <AnnualReport year={year} /> : null}
    </section>
  );
}

function yearRange(phases: readonly { startDate: string; endDate: string }[]): number[] {
  if (phases.length === 0) return [];
  const first = Number(phases[0].startDate.slice(0, 4));
  const last = Number(phases[phases.length - 1].endDate.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

function buildTiles(
  t: Messages,
  plan: TrainingPlan | null,
  infra: InfrastructurePlan | null,
  phaseNow: number | null,
  year: number,
): Tile[] {
  const tiles: Tile[] = [];
  const indicator = plan?.trainingIndicator;
  if (indicator?.yearly)
    tiles.push({ key: 'trainingYear', label: t.tileTrainingYear(year), result: indicator.yearly, target: null });
  if (indicator?.phase) {
    tiles.push({
      key: 'trainingPhase',
      label: t.tileTrainingPhase(indicator.phase.phase),
      result: indicator.phase,
      target: null,
    });
  }
  if (!infra) return tiles;
  const indicators = infra.infrastructureIndicators ?? null;
  const phase = indicators?.phase ?? phaseNow;
  const targetOf = (code: PlanTarget['indicator']) =>
    (infra.infrastructureTargets ?? []).find((target) => target.indicator === code && target.phase === phase) ?? null;
  const entries: [TileKey, string, PlanTarget['indicator'], IndicatorResult | null | undefined][] = [
    ['standards', t.tileStandards, 'STANDARDS', indicators?.standards],
    ['map', t.tileMap, 'MAP', indicators?.assurance],
    ['labs', t.tileLabs, 'LABS', indicators?.laboratories],
    ['capacity', t.tileCapacity, 'CAPACITY', indicators?.capacity],
  ];
  for (const [key, label, code, result] of entries) {
    const target = targetOf(code);
    if (result || target) tiles.push({ key, label, result: result ?? null, target: result ? null : target });
  }
  return tiles;
}

function PartialErrors({ errors }: { errors: GraphQLRequestError[] }) {
  const { t, language } = useI18n();
  const messages = [...new Set(errors.map((error) => (language === 'vi' ? error.message : error.messageEn)))];
  return (
    <Notice kind="warning">
      <p>{t.partialData}</p>
      <ul>
        {messages.map((message) => (
          <li key={message}>{message}</li>
        ))}
      </ul>
    </Notice>
  );
}

function ScoreTile({ tile, expanded, onToggle }: { tile: Tile; expanded: boolean; onToggle(): void }) {
  const { t, language } = useI18n();
  const result = tile.result;
  const tone = result ? STATUS_TONE[result.status] : 'neutral';
  return (
    <button
      type="button"
      className={`tile tile-${tone}`}
      aria-expanded={expanded}
      aria-controls="drilldown"
      data-tile={tile.key}
      data-status={result?.status ?? ''}
      onClick={onToggle}
    >
      <span className="tile-label">{tile.label}</span>
      {result ? (
        <>
          <span className="tile-value">
            {t.actualOfTarget(formatCount(result.actual, language), formatCount(result.target, language), result.unit)}
          </span>
          <Badge tone={tone}>{t.indicatorStatus[result.status]}</Badge>
          <span className="tile-detail">
            {t.pace}: {formatPercent(result.pace, language, 0)} · {t.forecast}:{' '}
            {result.forecast === null ? '—' : formatCount(result.forecast, language)} · {t.gap}:{' '}
            {formatCount(result.gap, language)}
          </span>
          <span className="tile-detail">
            {t.window}: {formatDate(result.windowStart)} – {formatDate(result.windowEnd)}
          </span>
        </>
      ) : tile.target ? (
        <>
          <span className="tile-value">
            {formatCount(tile.target.value, language)} {tile.target.unit}
          </span>
          <span className="tile-detail">{t.targetOnly}</span>
        </>
      ) : null}
      <span className="tile-more">{expanded ? t.hideDetails : t.showDetails}</span>
    </button>
  );
}

function BudgetTile({
  summary,
  envelope,
  expanded,
  onToggle,
}: {
  summary: BudgetSummary;
  envelope: number | null;
  expanded: boolean;
  onToggle(): void;
}) {
  const { t, language } = useI18n();
  return (
    <button
      type="button"
      className="tile tile-neutral"
      aria-expanded={expanded}
      aria-controls="drilldown"
      data-tile="budget"
      onClick={onToggle}
    >
      <span className="tile-label">{t.tileBudget}</span>
      <span className="tile-value money">{formatMoney(summary.total.disbursed)}</span>
      <span className="tile-detail">
        {t.envelope}: <span className="money">{formatMoney(summary.total.envelope ?? envelope)}</span>
      </span>
      <span className="tile-detail">
        {t.executionRate}: {formatRatio(summary.total.executionRate, language)}
      </span>
      <span className="tile-more">{expanded ? t.hideDetails : t.showDetails}</span>
    </button>
  );
}

function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((cell, index) => (
              <th key={cell} scope="col" className={index > 0 ? 'number' : undefined}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={String(row[0])}>
              {row.map((cell, index) =>
                index === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row are positional.
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells of a row are positional.
                  <td key={index} className="number">
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function seriesRows(series: readonly IndicatorYear[], language: 'vi' | 'en'): ReactNode[][] {
  return series.map((item) => [
    item.year,
    formatCount(item.actual, language),
    formatCount(item.runningTotal, language),
    item.percentOfTarget === null ? '—' : formatPercent(item.percentOfTarget / 100, language),
  ]);
}

function moneyRow(label: ReactNode, figures: BudgetFigures, language: 'vi' | 'en'): ReactNode[] {
  return [
    label,
    formatMoney(figures.envelope),
    formatMoney(figures.allocated),
    formatMoney(figures.disbursed),
    formatMoney(figures.remaining),
    formatRatio(figures.executionRate, language),
  ];
}

function DrillDown({
  tile,
  tiles,
  participations,
  infrastructure,
  money,
  language,
}: {
  tile: TileKey;
  tiles: Tile[];
  participations: IndicatorYear[];
  infrastructure: InfrastructurePlan | null;
  money: BudgetPlan | null;
  language: 'vi' | 'en';
}) {
  const { t } = useI18n();
  const seriesHead = [t.year, t.actual, t.runningTotal, t.percentOfTarget];
  if (tile === 'budget' && money) {
    const moneyHead = [t.budgetChart, t.envelope, t.allocated, t.disbursed, t.remaining, t.executionRate];
    const groupTitle = (number: number) => money.taskGroups.find((group) => group.number === number)?.title ?? String(number);
    return (
      <section className="panel drilldown" data-testid="drilldown">
        <h2>{t.tileBudget}</h2>
        <DataTable
          caption={t.budgetChart}
          head={moneyHead}
          rows={money.budgetSummary.bySource.map((row) => moneyRow(t.fundingSource[row.source], row, language))}
        />
        <DataTable
          caption={t.budgetByTaskGroup}
          head={[t.taskGroup, ...moneyHead.slice(1)]}
          rows={money.budgetSummary.byTaskGroup.map((row) =>
            moneyRow(`${row.taskGroup}. ${groupTitle(row.taskGroup)}`, row, language),
          )}
        />
        <DataTable
          caption={t.budgetByYear}
          head={[t.year, ...moneyHead.slice(1)]}
          rows={money.budgetSummary.byYear.map((row) => moneyRow(row.year, row, language))}
        />
        <p>
          {t.contributions}: <span className="money">{formatMoney(money.budgetSummary.contributions)}</span> ·{' '}
          {t.mobilisationRatio}: {formatRatio(money.budgetSummary.mobilisationRatio, language)}
        </p>
      </section>
    );
  }
  const current = tiles.find((candidate) => candidate.key === tile);
  if (!current) return null;
  const series = tile === 'trainingYear' ? participations : (current.result?.series ?? []);
  return (
    <section className="panel drilldown" data-testid="drilldown">
      <h2>{current.label}</h2>
      {current.target ? <p>{current.target.description}</p> : null}
      {series.length > 0 ? <DataTable caption={current.label} head={seriesHead} rows={seriesRows(series, language)} /> : null}
      {tile === 'map' && infrastructure?.infrastructureIndicators ? (
        <DataTable
          caption={t.mapByOwnership}
          head={[t.mapByOwnership, t.completed]}
          rows={infrastructure.infrastructureIndicators.mapByOwnership.map((row) => [
            t.ownership[row.ownership],
            formatCount(row.completed, language),
          ])}
        />
      ) : null}
    </section>
  );
}

function TrainingCharts({ plan }: { plan: TrainingPlan | null }) {
  const { t } = useI18n();
  const indicator = plan?.trainingIndicator ?? null;
  const yearlyTarget =
    indicator?.yearly?.target ?? plan?.trainingTargets?.find((target) => target.scope === 'PER_YEAR')?.value ?? 0;
  const phase = indicator?.phase ?? null;
  const participations = indicator?.participationsByYear ?? [];

  const perYear = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [COLOURS.primary],
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: participations.map((item) => String(item.year)) },
      yAxis: { type: 'value', minInterval: 1, max: (extent: { max: number }) => Math.max(extent.max, yearlyTarget) },
      series: [
        {
          type: 'bar',
          name: t.participations,
          data: participations.map((item) => item.actual),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: COLOURS.target, width: 2 },
            label: { formatter: t.yearlyTargetLine(yearlyTarget), position: 'insideStartTop', color: COLOURS.target },
            data: [{ yAxis: yearlyTarget }],
          },
        },
      ],
    }),
    [participations, yearlyTarget, t],
  );

  const cumulative = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [COLOURS.secondary],
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (phase?.series ?? []).map((item) => String(item.year)) },
      yAxis: { type: 'value', minInterval: 1, max: (extent: { max: number }) => Math.max(extent.max, phase?.target ?? 0) },
      series: [
        {
          type: 'line',
          name: t.runningTotal,
          symbolSize: 8,
          data: (phase?.series ?? []).map((item) => item.runningTotal),
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { type: 'dashed', color: COLOURS.target, width: 2 },
            label: { formatter: t.phaseTargetLine(phase?.target ?? 0), position: 'insideStartTop', color: COLOURS.target },
            data: [{ yAxis: phase?.target ?? 0 }],
          },
        },
      ],
    }),
    [phase, t],
  );

  if (!indicator) return null;
  return (
    <>
      <Chart
        name="participations"
        title={t.participationsChart}
        description={t.participationsChartDescription(yearlyTarget)}
        option={perYear}
        points={participations.length}
      />
      {phase ? (
        <Chart
          name="cumulative"
          title={t.cumulativeChart}
          description={t.cumulativeChartDescription(phase.target)}
          option={cumulative}
          points={phase.series.length}
        />
      ) : null}
    </>
  );
}

function BudgetChart({ summary }: { summary: BudgetSummary }) {
  const { t, language } = useI18n();
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [COLOURS.primary, COLOURS.tertiary, COLOURS.secondary],
      tooltip: { trigger: 'axis', renderMode: 'richText', valueFormatter: (value: number) => formatMoney(value) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: summary.bySource.map((row) => t.fundingSource[row.source]),
        axisLabel: { interval: 0, width: 90, overflow: 'break', lineHeight: 14 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatMoneyShort(value, language) } },
      series: [
        { type: 'bar', name: t.envelope, data: summary.bySource.map((row) => row.envelope ?? 0) },
        { type: 'bar', name: t.allocated, data: summary.bySource.map((row) => row.allocated) },
        { type: 'bar', name: t.disbursed, data: summary.bySource.map((row) => row.disbursed) },
      ],
    }),
    [summary, t, language],
  );
  return (
    <Chart
      name="budget"
      title={t.budgetChart}
      description={t.budgetChartDescription}
      option={option}
      points={summary.bySource.length * 3}
    />
  );
}

function InfrastructureChart({ tiles }: { tiles: Tile[] }) {
  const { t } = useI18n();
  const measured = useMemo(
    () =>
      tiles.filter((tile): tile is Tile & { key: InfrastructureTile; result: IndicatorResult } =>
        Boolean(tile.result && (INFRASTRUCTURE_TILES as readonly TileKey[]).includes(tile.key)),
      ),
    [tiles],
  );
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      color: [COLOURS.primary, COLOURS.target],
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: measured.map((tile) => t.chartLabels[tile.key]),
        axisLabel: { interval: 0, width: 90, overflow: 'break', lineHeight: 14 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t.actual, data: measured.map((tile) => tile.result.actual) },
        { type: 'bar', name: t.target, data: measured.map((tile) => tile.result.target) },
      ],
    }),
    [measured, t],
  );
  if (measured.length === 0) return null;
  return (
    <Chart
      name="infrastructure"
      title={t.infrastructureChart}
      description={t.infrastructureChartDescription}
      option={option}
      points={measured.length * 2}
    />
  );
}

function AnnualReport({ year }: { year: number }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<GraphQLRequestError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadAnnualReport(PLAN_CODE, year);
    } catch (caught) {
      setError(asRequestError(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="report-heading">
      <h2 id="report-heading">{t.annualReport}</h2>
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? t.downloading : t.downloadAnnualReport(year)}
      </button>
      <ErrorMessage error={error} />
    </section>
  );
}
