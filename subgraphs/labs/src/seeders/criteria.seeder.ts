import type { EntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { CriteriaSet } from '../modules/criteria/criteria.entity';
import { criteriaSetFromJsonValue } from '../modules/criteria/criteria.import';
import { storeCriteriaSet } from '../modules/criteria/criteria.service';
import sample from './data/criteria-set-sample-tcvn-13187.json';

/**
 * The SAMPLE criteria set shaped like TCVN 13187:2020, clearly labelled as not the official text
 * (its title and note say so). Read from the data file through the same checks as an import;
 * added when that code and version are absent, never overwritten.
 */
export class SampleCriteriaSetSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const document = criteriaSetFromJsonValue(sample);
    await em.transactional(async (tx) => {
      if (await tx.count(CriteriaSet, { code: document.code, edition: document.version })) return;
      await storeCriteriaSet(tx, document, null);
    });
  }
}
