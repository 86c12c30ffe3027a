import { identityOf, startTestSubgraph, type TestSubgraph } from '@metrology/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labsSubgraph } from '../src';
import { readCsv } from '../src/modules/criteria/criteria.csv';
import { CriteriaSet, Criterion } from '../src/modules/criteria/criteria.entity';
import { SampleCriteriaSetSeeder } from '../src/seeders/criteria.seeder';
import { assessor, errorCode, newCode, run, viewer } from './fixtures';

const IMPORT = /* GraphQL */ `
  mutation($format: CriteriaSetFormat!, $content: String!) {
    importCriteriaSet(format: $format, content: $content) {
      code version title effectiveDate passThreshold totalMaxScore
      criteria { position code group title maxScore minimumScore mandatory fields }
    }
  }
`;

interface Document {
  code: string;
  version: number;
  title: string;
  effectiveDate: string;
  passThreshold: number;
  criteria: Record<string, unknown>[];
}

function document(overrides: Partial<Document> = {}): Document {
  return {
    code: newCode('TEST-SET'),
    version: 1,
    title: 'Bộ tiêu chí thử',
    effectiveDate: '2020-01-01',
    passThreshold: 10,
    criteria: [
      { code: '1', group: 'Chung', title: 'Pháp lý', maxScore: 5, mandatory: true },
      { code: '2', group: 'Chung', title: 'Quản lý', maxScore: 10, minimumScore: 4, mandatory: true, fields: [] },
      { code: '3', group: 'Kỹ thuật', title: 'Chuẩn khối lượng', maxScore: 5, mandatory: false, fields: ['MASS'] },
    ],
    ...overrides,
  };
}

const CSV_HEADER =
  'set_code,set_version,set_title,effective_date,pass_threshold,code,group,title,max_score,minimum_score,mandatory,fields';

describe('labs subgraph: criteria sets as versioned data', () => {
  let subgraph: TestSubgraph;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(labsSubgraph);
  });
  afterAll(() => subgraph?.stop());

  it('seeds one clearly labelled sample set shaped like TCVN 13187:2020: three groups, 13 criteria, threshold ≤ total', async () => {
    const data = await run<{ criteriaSet: Record<string, unknown> & { criteria: { group: string; maxScore: number }[] } }>(
      subgraph,
      `{ criteriaSet(code: "TCVN-13187-MAU") { code version title note passThreshold totalMaxScore criteria { code group maxScore mandatory fields } } }`,
      {},
      viewer,
    );
    const set = data.criteriaSet;
    expect(set).toMatchObject({ code: 'TCVN-13187-MAU', version: 1, passThreshold: 70, totalMaxScore: 100 });
    expect(set.title).toContain('(mẫu minh họa — không phải văn bản chính thức)');
    expect([...new Set(set.criteria.map((criterion) => criterion.group))]).toEqual([
      'A. Tiêu chí chung',
      'B. Cơ sở hạ tầng kỹ thuật đo lường',
      'C. Tiêu chí đối với chuyên gia đánh giá, kiểm định viên',
    ]);
    expect(set.criteria).toHaveLength(13);
    expect(set.criteria.reduce((sum, criterion) => sum + criterion.maxScore, 0)).toBe(100);
  });

  it('seeds idempotently: running the seeder again adds nothing', async () => {
    await subgraph.database.orm.getSeeder().seed(SampleCriteriaSetSeeder);
    const em = subgraph.database.orm.em.fork();
    expect(await em.count(CriteriaSet, { code: 'TCVN-13187-MAU' })).toBe(1);
    expect(await em.count(Criterion, { criteriaSet: { code: 'TCVN-13187-MAU' } })).toBe(13);
  });

  it('imports a JSON set as a new version with its criteria in order', async () => {
    const values = document();
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(values) } },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.importCriteriaSet).toMatchObject({
      code: values.code,
      version: 1,
      passThreshold: 10,
      totalMaxScore: 20,
      criteria: [
        { position: 1, code: '1', minimumScore: null, mandatory: true, fields: [] },
        { position: 2, code: '2', minimumScore: 4, mandatory: true, fields: [] },
        { position: 3, code: '3', mandatory: false, fields: ['MASS'] },
      ],
    });
    const second = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify({ ...values, version: 2, passThreshold: 15 }) } },
      assessor,
    );
    expect(second.errors).toBeUndefined();
    const versions = await run<{ criteriaSets: { version: number }[]; criteriaSet: { version: number } }>(
      subgraph,
      `query($code: String!) { criteriaSets(code: $code) { version } criteriaSet(code: $code) { version } }`,
      { code: values.code },
      viewer,
    );
    expect(versions).toEqual({ criteriaSets: [{ version: 2 }, { version: 1 }], criteriaSet: { version: 2 } });
  });

  it('imports a CSV set (BOM, CRLF, quoted commas and quotes, fields separated by ";")', async () => {
    const code = newCode('CSV-SET');
    const rows = [
      CSV_HEADER,
      `${code},1,"Bộ tiêu chí, nhập từ CSV",2021-01-01,8,A.1,Chung,"Pháp lý ""đầy đủ""",5,,có,`,
      `${code},1,"Bộ tiêu chí, nhập từ CSV",2021-01-01,8,B.1,Kỹ thuật,Nhiệt độ và độ ẩm,5,3,x,TEMPERATURE;humidity`,
    ];
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'CSV', content: `\uFEFF${rows.join('\r\n')}\r\n` } },
      assessor,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.importCriteriaSet).toMatchObject({
      code,
      title: 'Bộ tiêu chí, nhập từ CSV',
      effectiveDate: '2021-01-01',
      criteria: [
        { code: 'A.1', title: 'Pháp lý "đầy đủ"', maxScore: 5, minimumScore: null, mandatory: true, fields: [] },
        { code: 'B.1', maxScore: 5, minimumScore: 3, mandatory: true, fields: ['TEMPERATURE', 'HUMIDITY'] },
      ],
    });
  });

  it('refuses a duplicate criterion code with BAD_USER_INPUT naming the criterion, and writes nothing', async () => {
    const values = document();
    values.criteria.push({ code: '2', group: 'Chung', title: 'Trùng', maxScore: 1, mandatory: false });
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(values) } },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'content',
      criterion: '2',
      index: 4,
      property: 'code',
    });
    expect(result.errors?.[0]?.message).toContain('Tiêu chí thứ 4 "2"');
    expect(await subgraph.database.orm.em.fork().count(CriteriaSet, { code: values.code })).toBe(0);
  });

  it('refuses a CSV row with a maximum score not above 0 with BAD_USER_INPUT naming the row', async () => {
    const code = newCode('CSV-BAD');
    const rows = [
      CSV_HEADER,
      `${code},1,T,2021-01-01,0,A.1,Chung,Pháp lý,5,,true,`,
      `${code},1,T,2021-01-01,0,A.2,Chung,Quản lý,0,,false,`,
    ];
    const result = await subgraph.execute({ query: IMPORT, variables: { format: 'CSV', content: rows.join('\n') } }, assessor);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'content',
      row: 3,
      criterion: 'A.2',
      property: 'maxScore',
    });
    expect(result.errors?.[0]?.message).toMatch(/^Dòng 3/);
  });

  it('refuses a threshold above the total maximum score with BAD_USER_INPUT', async () => {
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(document({ passThreshold: 21 })) } },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content', property: 'passThreshold' });
    expect(result.errors?.[0]?.extensions?.messageEn).toContain('exceeds the total maximum score 20');
  });

  it.each([
    [
      'a minimum above the maximum',
      { criteria: [{ code: '1', group: 'G', title: 'T', maxScore: 5, minimumScore: 6, mandatory: true }] },
      'minimumScore',
    ],
    [
      'an unknown metrology field',
      { criteria: [{ code: '1', group: 'G', title: 'T', maxScore: 5, mandatory: true, fields: ['GRAVITY'] }] },
      'fields',
    ],
    [
      'a fractional maximum score',
      { criteria: [{ code: '1', group: 'G', title: 'T', maxScore: 2.5, mandatory: true }] },
      'maxScore',
    ],
    ['a criterion without a group', { criteria: [{ code: '1', title: 'T', maxScore: 5, mandatory: true }] }, 'group'],
    ['no criteria at all', { criteria: [] }, 'criteria'],
    ['a bad effective date', { effectiveDate: '2021-02-30' }, 'effectiveDate'],
  ])('refuses %s with BAD_USER_INPUT naming the property', async (_name, overrides, property) => {
    const values = { ...document({ passThreshold: 0 }), ...overrides };
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(values) } },
      assessor,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content', property });
  });

  it('refuses content that is not JSON, and a CSV whose rows disagree on the set, with BAD_USER_INPUT', async () => {
    const notJson = await subgraph.execute({ query: IMPORT, variables: { format: 'JSON', content: '{"code": ' } }, assessor);
    expect(notJson.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const code = newCode('CSV-MIX');
    const rows = [CSV_HEADER, `${code},1,T,2021-01-01,0,A.1,G,T,5,,true,`, `${code},2,T,2021-01-01,0,A.2,G,T,5,,true,`];
    const mixed = await subgraph.execute({ query: IMPORT, variables: { format: 'CSV', content: rows.join('\n') } }, assessor);
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', row: 3, property: 'set_version' });
    const missingColumn = await subgraph.execute(
      { query: IMPORT, variables: { format: 'CSV', content: 'code,title\nA,B' } },
      assessor,
    );
    expect(missingColumn.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', row: 1, property: 'set_code' });
  });

  it('refuses importing a code and version that exist with CONFLICT', async () => {
    const values = document();
    await run(subgraph, IMPORT, { format: 'JSON', content: JSON.stringify(values) });
    const again = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(values) } },
      assessor,
    );
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('lets only assessors and administrators import (finance: FORBIDDEN)', async () => {
    const result = await subgraph.execute(
      { query: IMPORT, variables: { format: 'JSON', content: JSON.stringify(document()) } },
      identityOf('finance'),
    );
    expect(errorCode(result)).toBe('FORBIDDEN');
  });

  it('answers NOT_FOUND for an unknown set or version', async () => {
    const result = await subgraph.execute({ query: `{ criteriaSet(code: "TCVN-13187-MAU", version: 9) { code } }` }, viewer);
    expect(errorCode(result)).toBe('NOT_FOUND');
  });
});

describe('CSV reader', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, reporting the line each record starts on', () => {
    expect(readCsv('a,b\n"x, y","say ""hi""\nthere"\n\nlast,\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"\nthere'] },
      { line: 5, cells: ['last', ''] },
    ]);
  });

  it('refuses an unterminated quote, naming its line', () => {
    expect(() => readCsv('a\n"open')).toThrow(/line 2/);
  });
});
