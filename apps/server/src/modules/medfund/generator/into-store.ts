import type { ClaimsStore } from '../claims/claims-store';
import type { GeneratorManifest } from '../claims/manifest';
import { CLAIMS_TABLE_NAMES, columnNames, type ClaimsTableName } from '../claims/tables';
import { generateDistrictYear, type GenerateOptions } from './generate';

/**
 * Generates a district-year straight into a claims store (the demo, the tests): rows are held per
 * table and appended at the end, so this is for small scales; large ones go through the CLI's
 * files and the import. `loadId` stamps every row.
 */
export async function generateIntoStore(store: ClaimsStore, loadId: number, opts: GenerateOptions = {}): Promise<GeneratorManifest> {
  const rows = new Map<ClaimsTableName, unknown[][]>(CLAIMS_TABLE_NAMES.map((t) => [t, []]));
  const manifest = generateDistrictYear(
    {
      row: (table, values) => {
        values[values.length - 1] = loadId;
        rows.get(table)!.push(values);
      },
    },
    opts,
  );
  await store.transaction(async (tx) => {
    for (const t of CLAIMS_TABLE_NAMES) await tx.append(t, columnNames(t), rows.get(t)!);
  });
  return manifest;
}
