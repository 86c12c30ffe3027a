import type { ReactNode } from 'react';
import type { BudgetFigures, BudgetPlan, IndicatorYear, InfrastructurePlan } from '../../api/types';
import { ScrollRegion } from '../../components/ui';
import { formatCount, formatMoney, formatPercent, formatRatio } from '../../format';
import { useI18n } from '../../i18n';
import type { Tile, TileKey } from './Tiles';

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

/** The tables behind a tile: its yearly series (and MAP by ownership), or the budget by source, task group and year. */
export function DrillDown({
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
