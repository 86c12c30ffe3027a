import { startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingSubgraph } from '../src';
import { AttendanceMark } from '../src/modules/attendance/attendance.entity';
import { Course } from '../src/modules/course/course.entity';
import { Trainee } from '../src/modules/trainee/trainee.entity';
import { TrainingDemoSeeder } from '../src/seeders/demo.seeder';

describe('training demo data set (development start)', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(trainingSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('adds labelled demo courses, the demo trainee linked to its sign-in, and attendance; a second run adds nothing', async () => {
    const orm = subgraph.database.orm;
    await orm.getSeeder().seed(TrainingDemoSeeder);
    const em = orm.em.fork();
    const courses = await em.find(Course, {}, { orderBy: { code: 'asc' } });
    expect(courses).toHaveLength(3);
    expect(courses.every((course) => course.code.startsWith('DEMO-') && course.title.startsWith('[DEMO]'))).toBe(true);
    expect(await em.findOne(Trainee, { subject: 'demo-trainee' })).toMatchObject({ fullName: 'Nguyễn Văn Hải' });
    const marks = await em.count(AttendanceMark, {});
    expect(marks).toBeGreaterThan(300);

    await orm.getSeeder().seed(TrainingDemoSeeder);
    expect(await orm.em.fork().count(Course, {})).toBe(3);
    expect(await orm.em.fork().count(AttendanceMark, {})).toBe(marks);
  });
});
