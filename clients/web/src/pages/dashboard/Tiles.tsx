import type {
  BudgetSummary,
  IndicatorResult,
  IndicatorStatus,
  InfrastructurePlan,
  PlanTarget,
  TrainingPlan,
} from '../../api/types';
import { Badge } from '../../components/ui';
import { formatCount, formatDate, formatMoney, formatPercent, formatRatio } from '../../format';
import { useI18n } from '../../i18n';
import type { Messages } from '../../messages';

/* The scorecard's tiles: one per indicator measured (or only targeted), and the budget's. */

/** Tile colours by status; the status is also written on the tile. */
const STATUS_TONE: Record<IndicatorStatus, string> = {
  ACHIEVED: 'achieved',
  ON_TRACK: 'on-track',
  AT_RISK: 'at-risk',
  OFF_TRACK: 'off-track',
  MISSED: 'missed',
  NOT_STARTED: 'not-started',
};

export const INFRASTRUCTURE_TILES = ['standards', 'map', 'labs', 'capacity'] as const;
export type InfrastructureTile = (typeof INFRASTRUCTURE_TILES)[number];
export type TileKey = 'trainingYear' | 'trainingPhase' | InfrastructureTile | 'budget';

export interface Tile {
  key: TileKey;
  label: string;
  result: IndicatorResult | null;
  /** A target without figures (the indicator is not counted by this deployment yet). */
  target: PlanTarget | null;
}

/** The tiles of the scorecard: training for the year and the phase, then each infrastructure indicator measured or targeted. */
export function buildTiles(
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

/** An indicator's tile: actual of target, status, pace, forecast, gap and window; a button that opens its drill-down. */
export function ScoreTile({ tile, expanded, onToggle }: { tile: Tile; expanded: boolean; onToggle(): void }) {
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

/** The budget's tile: disbursed, envelope and execution rate. */
export function BudgetTile({
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
