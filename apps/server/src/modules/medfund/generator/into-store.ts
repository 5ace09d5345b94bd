import type { ClaimsStore } from '../claims/claims-store';
import type { GeneratorManifest } from '../claims/manifest';
import { CLAIMS_TABLE_NAMES, CLAIMS_TABLES, columnNames, type ClaimsTableName } from '../claims/tables';
import { generateDistrictYear, type GenerateOptions } from './generate';
import { storeLastIds } from './ids';

/** Reference tables a second generation shares with the first: rows whose code is stored are not added again. */
const SHARED: Partial<Record<ClaimsTableName, string[]>> = {
  hilist: ['hilist_code'],
  fixmedins: ['fixmedins_code'],
  item_excl_pair: ['main_code', 'sub_code', 'window_kind'],
};

/**
 * Generates a district-year straight into a claims store (the demo, the tests): rows are held per
 * table and appended at the end, so this is for small scales; large ones go through the CLI's
 * files and the import. `loadId` stamps every row. Into a store that already holds data, the ids
 * continue after the store's (generator/ids.ts) and the shared reference rows (catalogue,
 * providers, exclusive pairs) already stored are kept, not added twice.
 */
export async function generateIntoStore(store: ClaimsStore, loadId: number, opts: GenerateOptions = {}): Promise<GeneratorManifest> {
  const rows = new Map<ClaimsTableName, unknown[][]>(CLAIMS_TABLE_NAMES.map((t) => [t, []]));
  const after = opts.after ?? (await storeLastIds(store, opts.admdvs ?? '330110'));
  const manifest = generateDistrictYear(
    {
      row: (table, values) => {
        values[values.length - 1] = loadId;
        rows.get(table)!.push(values);
      },
    },
    { ...opts, after },
  );
  await store.transaction(async (tx) => {
    for (const t of CLAIMS_TABLE_NAMES) {
      let list = rows.get(t)!;
      const key = SHARED[t];
      if (key) {
        const names = columnNames(t);
        const at = key.map((k) => names.indexOf(k));
        const stored = new Set(
          (await tx.query<Record<string, string>>(`SELECT DISTINCT ${key.join(', ')} FROM medfund.${CLAIMS_TABLES[t].name}`)).map((r) => key.map((k) => r[k]).join('\u0001')),
        );
        list = list.filter((r) => !stored.has(at.map((i) => String(r[i])).join('\u0001')));
      }
      await tx.append(t, columnNames(t), list);
    }
  });
  return manifest;
}
