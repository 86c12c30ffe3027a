import { registerEnumType } from 'type-graphql';
import { CriteriaSetFormat } from './criteria.import';

registerEnumType(CriteriaSetFormat, {
  name: 'CriteriaSetFormat',
  description: 'Format of an imported criteria set.',
  valuesConfig: {
    JSON: {
      description:
        'A JSON object { code, version, title, effectiveDate, passThreshold, note?, criteria: [{ code, group, title, maxScore, minimumScore?, mandatory, fields? }] }.',
    },
    CSV: {
      description:
        'UTF-8 CSV with a header row, one row per criterion: code, group, title, max_score, minimum_score, mandatory, fields (separated by ";"), and the set columns set_code, set_version, set_title, effective_date, pass_threshold, set_note repeated on every row.',
    },
  },
});

export { CriteriaSetFormat };
