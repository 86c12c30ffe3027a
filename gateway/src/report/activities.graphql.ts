/**
 * The drill-down lists behind the scorecard, as the annual report reads them: a year's courses
 * (training), recognitions of laboratories and completed Measurement Assurance Programme
 * engagements (labs). Each is a page (`limit` 1 to 200, `offset`, `total`); viewers may read them.
 */

/** The phases and training targets of a plan: enough to choose the phase and draw the yearly line. */
export const REPORT_PLAN_QUERY = /* GraphQL */ `
  query AnnualReportPlan($plan: ID!) {
    plan(code: $plan) {
      code
      phases { number startDate endDate }
      trainingTargets { phase scope value unit }
    }
  }
`;

export interface ReportPlanData {
  plan: {
    code: string;
    phases: { number: number; startDate: string; endDate: string }[];
    trainingTargets: { phase: number; scope: string; value: number; unit: string }[] | null;
  };
}

/** `YearCourses($plan, $year, $limit, $offset)`: the courses counting for a plan year, latest start first. */
export const YEAR_COURSES_QUERY = /* GraphQL */ `
  query YearCourses($plan: String!, $year: Int!, $limit: Int!, $offset: Int!) {
    courses(planCode: $plan, year: $year, limit: $limit, offset: $offset) {
      total
      items { id code title startDate endDate status enrolmentCount }
    }
  }
`;

export interface ReportCourse {
  id: string;
  code: string;
  title: string;
  startDate: string;
  endDate: string;
  status: 'PLANNED' | 'OPEN' | 'RUNNING' | 'COMPLETED' | 'CANCELLED';
  enrolmentCount: number;
}

/** `Recognitions($asOf, $limit, $offset)`: recognitions of laboratories, latest first, with their status at a date. */
export const RECOGNITIONS_QUERY = /* GraphQL */ `
  query Recognitions($asOf: LocalDate, $limit: Int!, $offset: Int!) {
    recognitions(limit: $limit, offset: $offset) {
      total
      items {
        id
        validFrom
        validUntil
        effectiveStatus(asOf: $asOf)
        laboratory { code name organization { name } }
      }
    }
  }
`;

export interface ReportRecognition {
  id: string;
  validFrom: string;
  validUntil: string;
  effectiveStatus: 'ACTIVE' | 'EXPIRED' | 'NOT_YET_VALID' | 'SUSPENDED' | 'WITHDRAWN';
  laboratory: { code: string; name: string; organization: { name: string } };
}

/** `CompletedEngagements($limit, $offset)`: completed MAP engagements, latest planned start first. */
export const COMPLETED_ENGAGEMENTS_QUERY = /* GraphQL */ `
  query CompletedEngagements($limit: Int!, $offset: Int!) {
    assuranceEngagements(status: COMPLETED, limit: $limit, offset: $offset) {
      total
      items {
        id
        completedOn
        services
        instrumentsCovered
        enterprise { taxCode name }
        provider { name }
      }
    }
  }
`;

export interface ReportEngagement {
  id: string;
  completedOn: string | null;
  services: string[];
  instrumentsCovered: number;
  enterprise: { taxCode: string; name: string };
  provider: { name: string };
}

/** A page of any of the lists above. */
export interface ListPage<T> {
  total: number;
  items: T[];
}
