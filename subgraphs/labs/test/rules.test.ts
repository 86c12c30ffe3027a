import { MetrologyField } from '@metrology/kit';
import { describe, expect, it } from 'vitest';
import { AssessmentKind, FindingSeverity } from '../src/modules/assessment/assessment.entity';
import {
  appliesTo,
  blocksPass,
  defaultRecognitionEnd,
  evaluate,
  findingOpen,
  grantsRecognition,
  mandatoryMet,
} from '../src/modules/assessment/assessment.rules';
import { EngagementStatus } from '../src/modules/engagement/engagement.entity';
import { canMoveEngagement } from '../src/modules/engagement/engagement.rules';
import { RecognitionEffectiveStatus, RecognitionStatus } from '../src/modules/recognition/recognition.entity';
import { effectiveStatusAt, RecognitionAction, recognitionMove } from '../src/modules/recognition/recognition.rules';

const { MASS, PRESSURE } = MetrologyField;

describe('assessment rules', () => {
  const criteria = [
    { code: 'A', maxScore: 10, minimumScore: 6, mandatory: true, fields: [] },
    { code: 'B', maxScore: 5, minimumScore: null, mandatory: true, fields: [MASS] },
    { code: 'C', maxScore: 5, minimumScore: null, mandatory: true, fields: [PRESSURE] },
  ];

  it('applies a criterion naming no field to every laboratory, and one naming fields to laboratories sharing one', () => {
    expect(appliesTo({ fields: [] }, [PRESSURE])).toBe(true);
    expect(appliesTo({ fields: [MASS, PRESSURE] }, [PRESSURE])).toBe(true);
    expect(appliesTo({ fields: [MASS] }, [PRESSURE])).toBe(false);
  });

  it('meets a mandatory criterion at its minimum, or above 0 without one', () => {
    expect(mandatoryMet({ minimumScore: 6 }, 6)).toBe(true);
    expect(mandatoryMet({ minimumScore: 6 }, 5)).toBe(false);
    expect(mandatoryMet({ minimumScore: null }, 1)).toBe(true);
    expect(mandatoryMet({ minimumScore: null }, 0)).toBe(false);
    expect(mandatoryMet({ minimumScore: null }, undefined)).toBe(false);
  });

  it('passes on the applicable criteria only, ignoring scores of the others', () => {
    const evaluation = evaluate({
      criteria,
      fields: [MASS],
      scores: new Map([
        ['A', 6],
        ['B', 1],
        ['C', 0],
      ]),
      passThreshold: 7,
      openMajorFindings: 0,
    });
    expect(evaluation).toMatchObject({
      applicableCriteria: ['A', 'B'],
      totalScore: 7,
      maxScore: 15,
      passRuleHolds: true,
      outcome: 'PASSED',
    });
  });

  it('gives no outcome while scores are missing, and NOT_PASSED with an open major finding', () => {
    expect(
      evaluate({ criteria, fields: [MASS], scores: new Map([['A', 10]]), passThreshold: 0, openMajorFindings: 0 }),
    ).toMatchObject({
      missingCriteria: ['B'],
      outcome: null,
    });
    expect(
      evaluate({
        criteria,
        fields: [MASS],
        scores: new Map([
          ['A', 10],
          ['B', 5],
        ]),
        passThreshold: 0,
        openMajorFindings: 1,
      }),
    ).toMatchObject({ passRuleHolds: true, outcome: 'NOT_PASSED' });
  });

  it('keeps a finding open until it has corrective actions and all are closed; only major ones block a pass', () => {
    expect(findingOpen([])).toBe(true);
    expect(findingOpen([{ closedOn: '2025-01-01' }, { closedOn: null }])).toBe(true);
    expect(findingOpen([{ closedOn: '2025-01-01' }])).toBe(false);
    expect(blocksPass(FindingSeverity.MINOR, [])).toBe(false);
    expect(blocksPass(FindingSeverity.MAJOR, [])).toBe(true);
  });

  it('grants recognitions for initial assessments and reassessments only', () => {
    expect(Object.values(AssessmentKind).filter(grantsRecognition)).toEqual([
      AssessmentKind.INITIAL,
      AssessmentKind.REASSESSMENT,
    ]);
  });

  it('ends a default recognition the day before its third anniversary, also from 29 February', () => {
    expect(defaultRecognitionEnd('2025-03-10')).toBe('2028-03-09');
    expect(defaultRecognitionEnd('2024-02-29')).toBe('2027-02-28');
    expect(defaultRecognitionEnd('2025-01-01')).toBe('2027-12-31');
  });
});

describe('recognition rules', () => {
  it('allows ACTIVE ⇄ SUSPENDED and either → WITHDRAWN, nothing after WITHDRAWN', () => {
    expect(recognitionMove(RecognitionStatus.ACTIVE, RecognitionAction.SUSPEND)).toBe(RecognitionStatus.SUSPENDED);
    expect(recognitionMove(RecognitionStatus.SUSPENDED, RecognitionAction.REINSTATE)).toBe(RecognitionStatus.ACTIVE);
    expect(recognitionMove(RecognitionStatus.SUSPENDED, RecognitionAction.WITHDRAW)).toBe(RecognitionStatus.WITHDRAWN);
    expect(recognitionMove(RecognitionStatus.ACTIVE, RecognitionAction.REINSTATE)).toBeNull();
    expect(recognitionMove(RecognitionStatus.WITHDRAWN, RecognitionAction.REINSTATE)).toBeNull();
  });

  it('reads EXPIRED past "valid until" unless withdrawn', () => {
    const validity = { validFrom: '2025-01-01', validUntil: '2025-12-31' };
    const suspended = [{ toStatus: RecognitionStatus.SUSPENDED, effectiveOn: '2025-06-01' }];
    expect(effectiveStatusAt(validity, suspended, '2025-05-31')).toBe(RecognitionEffectiveStatus.ACTIVE);
    expect(effectiveStatusAt(validity, suspended, '2025-06-01')).toBe(RecognitionEffectiveStatus.SUSPENDED);
    expect(effectiveStatusAt(validity, suspended, '2026-01-01')).toBe(RecognitionEffectiveStatus.EXPIRED);
    const withdrawn = [{ toStatus: RecognitionStatus.WITHDRAWN, effectiveOn: '2025-06-01' }];
    expect(effectiveStatusAt(validity, withdrawn, '2026-01-01')).toBe(RecognitionEffectiveStatus.WITHDRAWN);
  });
});

describe('engagement rules', () => {
  it('allows PLANNED → IN_PROGRESS → COMPLETED and cancelling before completion only', () => {
    const allowed = Object.values(EngagementStatus).flatMap((from) =>
      Object.values(EngagementStatus)
        .filter((to) => canMoveEngagement(from, to))
        .map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual(['PLANNED→IN_PROGRESS', 'PLANNED→CANCELLED', 'IN_PROGRESS→COMPLETED', 'IN_PROGRESS→CANCELLED']);
  });
});
