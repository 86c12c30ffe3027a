import plan129 from './plan-129-kh-ubnd.json';

/**
 * The plan as data (docs/RULES.md, "The plan as data"): one document per plan, from which each
 * subgraph seeds its own share (funding: header, phases, task groups, envelopes; training and labs:
 * their targets). Amounts are strings of whole đồng so that no floating point touches them.
 */
export type IndicatorCodeValue = 'TRAINING' | 'STANDARDS' | 'MAP' | 'LABS' | 'CAPACITY';
export type TargetScopeValue = 'PER_PHASE' | 'PER_YEAR' | 'CUMULATIVE' | 'HELD';
export type FundingSourceValue = 'SCIENCE_OPERATING' | 'DEVELOPMENT_INVESTMENT' | 'ENTERPRISE_AND_OTHER';

export interface PlanDocument {
  code: string;
  title: string;
  issuer: string;
  province: string;
  signedOn: string;
  implements: string[];
  phases: { number: number; title: string; startDate: string; endDate: string }[];
  targets: {
    indicator: IndicatorCodeValue;
    phase: number;
    scope: TargetScopeValue;
    value: number;
    unit: string;
    description: string;
  }[];
  taskGroups: { number: number; title: string }[];
  envelopes: { source: FundingSourceValue; title: string; amount: string; taskGroups: number[] }[];
}

/** Plan 129/KH-UBND of the People's Committee of Lạng Sơn, 23 July 2019. */
export const PLAN_129: PlanDocument = plan129 as PlanDocument;

/** The plans seeded on first start. */
export const SEEDED_PLANS: readonly PlanDocument[] = [PLAN_129];
