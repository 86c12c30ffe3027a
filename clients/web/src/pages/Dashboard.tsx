import { WebDashboardBudgetDocument, WebDashboardInfrastructureDocument, WebDashboardTrainingDocument } from '@metrology/sdk';
import { useId, useMemo, useState } from 'react';
import {
  asRequestError,
  downloadAnnualReport,
  type GraphQLRequestError,
  type PartialResult,
  requestPartial,
} from '../api/client';
import { type BudgetPlan, PLAN_CODE } from '../api/types';
import { useAuth } from '../auth';
import { ErrorMessage, Loading, Notice, PageTitle } from '../components/ui';
import { formatDate, todayInVietnam } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { BudgetChart, InfrastructureChart, TrainingCharts } from './dashboard/Charts';
import { DrillDown } from './dashboard/DrillDown';
import { BudgetTile, buildTiles, ScoreTile, type TileKey } from './dashboard/Tiles';

/*
 * The dashboard page: it loads the plan's three parts and lays them out. Its pieces live in
 * `dashboard/`: the scorecard's tiles (`Tiles.tsx`), the drill-down tables (`DrillDown.tsx`) and
 * the charts (`Charts.tsx`).
 */

/** Who may read the budget (funding) and the annual report (gateway): others are not offered them. */
const MONEY_READERS = ['viewer', 'admin', 'finance'];
const REPORT_READERS = ['viewer', 'admin'];

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
