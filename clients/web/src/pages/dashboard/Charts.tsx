import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import type { BudgetSummary, IndicatorResult, TrainingPlan } from '../../api/types';
import { Chart } from '../../components/Chart';
import { formatMoney, formatMoneyShort } from '../../format';
import { useI18n } from '../../i18n';
import { INFRASTRUCTURE_TILES, type InfrastructureTile, type Tile, type TileKey } from './Tiles';

/** Chart colours with enough contrast on white, told apart by position and legend as well. */
const COLOURS = { primary: '#1f5fa8', secondary: '#2e7d32', tertiary: '#b26a00', target: '#b3261e' };

/** Participations per year against the yearly target, and the phase's running total against its target. */
export function TrainingCharts({ plan }: { plan: TrainingPlan | null }) {
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

/** Envelope, allocated and disbursed per funding source. */
export function BudgetChart({ summary }: { summary: BudgetSummary }) {
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

/** Actual against target of each infrastructure indicator measured. */
export function InfrastructureChart({ tiles }: { tiles: Tile[] }) {
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
