import { addDays, MetrologyField, searchKey, todayInVietnam, toNfc, yearOf } from '@metrology/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import {
  Assessment,
  AssessmentKind,
  AssessmentOutcome,
  AssessmentStatus,
  CorrectiveAction,
  CriterionScore,
  Finding,
  FindingSeverity,
} from '../modules/assessment/assessment.entity';
import { appliesTo, defaultRecognitionEnd, evaluate } from '../modules/assessment/assessment.rules';
import { CapacityArea, CapacityProject } from '../modules/capacity/capacity.entity';
import { CriteriaSet, Criterion } from '../modules/criteria/criteria.entity';
import { AssuranceEngagement, AssuranceService, EngagementStatus } from '../modules/engagement/engagement.entity';
import { Accreditation, Laboratory, LaboratoryService, RegistrationCertificate } from '../modules/laboratory/laboratory.entity';
import { Organization, OrganizationKind, Ownership, PrioritySector } from '../modules/organization/organization.entity';
import { Recognition, RecognitionStatus } from '../modules/recognition/recognition.entity';
import { MeasurementStandard, StandardKind, StandardStatus, Traceability } from '../modules/standard/standard.entity';
import sample from './data/criteria-set-sample-tcvn-13187.json';

/**
 * The labs demo data set of a development start (SEED_DEMO=true), clearly labelled: names start
 * with "[DEMO]" and end with "(dữ liệu mẫu)", codes with "DEMO-". Dates follow today, so that the
 * demo always looks current. Added once: if the demo laboratory or any demo organisation is
 * there already, nothing changes.
 *
 * - the organisations employing the training demo trainees (4900100001 to 4900100004-001) and a
 *   state-owned enterprise, one of each ownership;
 * - one laboratory recognised after a passed initial assessment against the sample criteria set
 *   (its accreditation ends within 90 days: it shows on the expiring list);
 * - four standards of three kinds, one overdue for calibration;
 * - six completed MAP engagements across the four ownerships;
 * - one completed capacity project.
 */
const LABORATORY_CODE = 'DEMO-PTN-01';

const ORGANIZATIONS: {
  taxCode: string;
  name: string;
  kind: OrganizationKind;
  ownership: Ownership;
  sector: PrioritySector;
  address: string;
}[] = [
  {
    taxCode: '4900100001',
    name: '[DEMO] Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Xứ Lạng (dữ liệu mẫu)',
    kind: OrganizationKind.SERVICE_PROVIDER,
    ownership: Ownership.STATE,
    sector: PrioritySector.OTHER,
    address: 'Phường Vĩnh Trại, TP. Lạng Sơn (dữ liệu mẫu)',
  },
  {
    taxCode: '4900100002',
    name: '[DEMO] Công ty TNHH Cân điện tử Kỳ Lừa (dữ liệu mẫu)',
    kind: OrganizationKind.ENTERPRISE,
    ownership: Ownership.PRIVATE,
    sector: PrioritySector.ELECTRONICS,
    address: 'Phường Hoàng Văn Thụ, TP. Lạng Sơn (dữ liệu mẫu)',
  },
  {
    taxCode: '4900100003',
    name: '[DEMO] Công ty TNHH Logistics Cửa khẩu Đồng Đăng (dữ liệu mẫu)',
    kind: OrganizationKind.ENTERPRISE,
    ownership: Ownership.FOREIGN_INVESTED,
    sector: PrioritySector.LOGISTICS,
    address: 'Thị trấn Đồng Đăng, huyện Cao Lộc (dữ liệu mẫu)',
  },
  {
    taxCode: '4900100004-001',
    name: '[DEMO] Hợp tác xã Nông nghiệp công nghệ cao Mẫu Sơn – Chi nhánh Lộc Bình (dữ liệu mẫu)',
    kind: OrganizationKind.ENTERPRISE,
    ownership: Ownership.COLLECTIVE,
    sector: PrioritySector.HIGH_TECH_AGRICULTURE,
    address: 'Thị trấn Lộc Bình, huyện Lộc Bình (dữ liệu mẫu)',
  },
  {
    taxCode: '4900100005',
    name: '[DEMO] Công ty TNHH MTV Nước sạch Xứ Lạng (dữ liệu mẫu)',
    kind: OrganizationKind.ENTERPRISE,
    ownership: Ownership.STATE,
    sector: PrioritySector.OTHER,
    address: 'Phường Chi Lăng, TP. Lạng Sơn (dữ liệu mẫu)',
  },
];

/** Enterprise and days before today of each completed MAP engagement. */
const ENGAGEMENTS: { taxCode: string; completedDaysAgo: number; services: AssuranceService[]; instruments: number }[] = [
  { taxCode: '4900100002', completedDaysAgo: 420, services: [AssuranceService.CALIBRATION], instruments: 12 },
  { taxCode: '4900100003', completedDaysAgo: 300, services: [AssuranceService.VERIFICATION], instruments: 30 },
  {
    taxCode: '4900100004-001',
    completedDaysAgo: 180,
    services: [AssuranceService.CALIBRATION, AssuranceService.METHOD_DEVELOPMENT],
    instruments: 8,
  },
  { taxCode: '4900100002', completedDaysAgo: 95, services: [AssuranceService.TESTING], instruments: 5 },
  { taxCode: '4900100003', completedDaysAgo: 40, services: [AssuranceService.CALIBRATION], instruments: 16 },
  { taxCode: '4900100005', completedDaysAgo: 15, services: [AssuranceService.VERIFICATION], instruments: 240 },
];

/** The demo assessor of the development sign-in (kit DEMO_USERS). */
const ASSESSOR = { subject: 'demo-assessor', name: 'Chuyên gia đánh giá Lê Minh (demo)' };

export class LabsDemoSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const taxCodes = ORGANIZATIONS.map((organization) => organization.taxCode);
    if (await em.count(Laboratory, { code: LABORATORY_CODE })) return;
    if (await em.count(Organization, { taxCode: { $in: taxCodes } })) return;
    await em.transactional(async (tx) => {
      const today = todayInVietnam();
      const year = yearOf(today);
      const organizations = new Map(
        ORGANIZATIONS.map((spec) => {
          const name = toNfc(spec.name);
          const organization = tx.create(Organization, {
            ...spec,
            name,
            searchName: searchKey(name),
            createdAt: new Date(),
            version: 1,
          });
          return [spec.taxCode, organization] as const;
        }),
      );
      const provider = organizations.get('4900100001') as Organization;
      const laboratory = this.laboratory(tx, provider, today);
      await this.recognition(tx, laboratory, today);
      this.standards(tx, provider, organizations.get('4900100002') as Organization, today, year);
      for (const spec of ENGAGEMENTS) {
        const completedOn = addDays(today, -spec.completedDaysAgo);
        tx.create(AssuranceEngagement, {
          enterprise: organizations.get(spec.taxCode) as Organization,
          provider: laboratory,
          services: spec.services,
          instrumentsCovered: spec.instruments,
          instrumentsDescription: 'Cân, bình chuẩn dung tích và áp kế trong dây chuyền (dữ liệu mẫu)',
          plannedStart: addDays(completedOn, -30),
          plannedEnd: completedOn,
          status: EngagementStatus.COMPLETED,
          startedOn: addDays(completedOn, -20),
          completedOn,
          cancelledOn: null,
          cancellationReason: null,
          createdAt: new Date(),
          version: 1,
        });
      }
      const projectCompleted = addDays(today, -150);
      tx.create(CapacityProject, {
        organization: provider,
        title: '[DEMO] Nâng cao năng lực kiểm định, hiệu chuẩn phương tiện đo khối lượng và dung tích (dữ liệu mẫu)',
        raised: [CapacityArea.EQUIPMENT, CapacityArea.STANDARDS, CapacityArea.STAFF],
        year: yearOf(projectCompleted),
        completedOn: projectCompleted,
        createdAt: new Date(),
        version: 1,
      });
    });
  }

  private laboratory(em: EntityManager, organization: Organization, today: string): Laboratory {
    const registration = Object.assign(new RegistrationCertificate(), {
      number: 'DEMO-ĐK-01',
      issuer: 'Tổng cục Tiêu chuẩn Đo lường Chất lượng (dữ liệu mẫu)',
      issuedOn: addDays(today, -600),
      validUntil: addDays(today, 1200),
    });
    const accreditation = Object.assign(new Accreditation(), {
      scheme: 'VILAS',
      number: 'VILAS DEMO-001',
      validUntil: addDays(today, 60),
    });
    const name = '[DEMO] Phòng thí nghiệm Đo lường Khối lượng – Dung tích – Áp suất (dữ liệu mẫu)';
    return em.create(Laboratory, {
      code: LABORATORY_CODE,
      name,
      searchName: searchKey(name),
      organization,
      fields: [MetrologyField.MASS, MetrologyField.VOLUME, MetrologyField.PRESSURE],
      services: [LaboratoryService.VERIFICATION, LaboratoryService.CALIBRATION, LaboratoryService.TESTING],
      registration,
      accreditation,
      createdAt: new Date(),
      version: 1,
    });
  }

  /** A passed initial assessment against the sample criteria (scores recorded, a minor finding closed) and its recognition. */
  private async recognition(em: EntityManager, laboratory: Laboratory, today: string): Promise<void> {
    const set = await em.findOneOrFail(CriteriaSet, { code: sample.code, edition: sample.version });
    const criteria = (await em.find(Criterion, { criteriaSet: set }, { orderBy: { position: 'asc' } })).filter((criterion) =>
      appliesTo(criterion, laboratory.fields),
    );
    // Full marks on mandatory criteria, one point short on the others: a plausible pass.
    const scores = new Map(
      criteria.map((criterion) => [criterion.code, criterion.mandatory ? criterion.maxScore : criterion.maxScore - 1]),
    );
    const evaluation = evaluate({
      criteria,
      fields: laboratory.fields,
      scores,
      passThreshold: set.passThreshold,
      openMajorFindings: 0,
    });
    const startDate = addDays(today, -330);
    const decidedOn = addDays(today, -320);
    const now = new Date();
    const assessment = em.create(Assessment, {
      laboratory,
      criteriaSet: set,
      kind: AssessmentKind.INITIAL,
      status: AssessmentStatus.DECIDED,
      fields: laboratory.fields,
      startDate,
      endDate: addDays(startDate, 1),
      assessors: [{ subject: ASSESSOR.subject, name: ASSESSOR.name }],
      submittedAt: now,
      outcome: evaluation.outcome ?? AssessmentOutcome.NOT_PASSED,
      decidedOn,
      decidedBy: ASSESSOR.subject,
      decidedByName: ASSESSOR.name,
      totalScore: evaluation.totalScore,
      unmetMandatoryCriteria: evaluation.unmetMandatoryCriteria,
      openMajorFindingsAtDecision: 0,
      createdAt: now,
      updatedAt: now,
      version: 4,
    });
    for (const criterion of criteria) {
      em.create(CriterionScore, {
        assessment,
        criterion,
        score: scores.get(criterion.code) ?? 0,
        note: null,
        recordedByName: ASSESSOR.name,
        recordedAt: now,
      });
    }
    const finding = em.create(Finding, {
      assessment,
      criterion: null,
      severity: FindingSeverity.MINOR,
      description: 'Hồ sơ kiểm soát điều kiện môi trường thiếu số liệu độ ẩm hai tuần (dữ liệu mẫu)',
      createdAt: now,
      version: 1,
    });
    em.create(CorrectiveAction, {
      finding,
      description: 'Bổ sung nhiệt ẩm kế tự ghi và quy định kiểm tra hằng ngày (dữ liệu mẫu)',
      dueOn: addDays(startDate, 30),
      closedOn: addDays(startDate, 20),
      evidence: 'Biên bản kiểm tra và nhật ký nhiệt độ, độ ẩm (dữ liệu mẫu)',
      createdAt: now,
      version: 2,
    });
    em.create(Recognition, {
      laboratory,
      assessment,
      validFrom: decidedOn,
      validUntil: defaultRecognitionEnd(decidedOn),
      scope: laboratory.fields,
      status: RecognitionStatus.ACTIVE,
      createdAt: now,
      version: 1,
    });
  }

  /** Four standards of three kinds; the volume standard is overdue for calibration. */
  private standards(em: EntityManager, provider: Organization, enterprise: Organization, today: string, year: number): void {
    const kind = (code: string, name: string) => em.create(StandardKind, { code, name, createdAt: new Date() });
    const weights = kind('DEMO-QC-F1', '[DEMO] Bộ quả cân chuẩn cấp chính xác F1 (dữ liệu mẫu)');
    const volume = kind('DEMO-BDC-2', '[DEMO] Bình chuẩn kim loại hạng 2 (dữ liệu mẫu)');
    const pressure = kind('DEMO-AKC', '[DEMO] Áp kế chuẩn cấp chính xác 0,05 (dữ liệu mẫu)');
    const calibration = (calibratedOn: string, dueOn: string) =>
      Object.assign(new Traceability(), {
        calibratedBy: 'Viện Đo lường Việt Nam (dữ liệu mẫu)',
        certificateNumber: `DEMO-HC-${calibratedOn}`,
        calibratedOn,
        dueOn,
      });
    const standards: [StandardKind, string, MetrologyField, Organization, number, string, Traceability | null][] = [
      [
        weights,
        '[DEMO] Bộ quả cân F1 1 mg – 20 kg',
        MetrologyField.MASS,
        provider,
        year - 2,
        'DEMO-QC-001',
        calibration(addDays(today, -200), addDays(today, 165)),
      ],
      [
        weights,
        '[DEMO] Bộ quả cân F1 1 g – 5 kg',
        MetrologyField.MASS,
        provider,
        year - 1,
        'DEMO-QC-002',
        calibration(addDays(today, -120), addDays(today, 245)),
      ],
      [
        volume,
        '[DEMO] Bình chuẩn 20 L',
        MetrologyField.VOLUME,
        provider,
        year - 1,
        'DEMO-BDC-001',
        calibration(addDays(today, -400), addDays(today, -35)),
      ],
      [pressure, '[DEMO] Áp kế chuẩn 0 – 60 bar', MetrologyField.PRESSURE, enterprise, year, 'DEMO-AKC-001', null],
    ];
    for (const [standardKind, name, field, owner, yearFirstSupported, serial, traceability] of standards) {
      em.create(MeasurementStandard, {
        kind: standardKind,
        name,
        field,
        owner,
        yearFirstSupported,
        serial,
        traceability,
        status: StandardStatus.IN_SERVICE,
        createdAt: new Date(),
        version: 1,
      });
    }
  }
}
