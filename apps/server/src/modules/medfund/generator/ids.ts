import type { ClaimsStore } from '../claims/claims-store';
import type { GeneratorIds } from '../claims/manifest';

const digits = (id: string | null | undefined, prefix: string, width: number): number => {
  if (!id || id.length !== prefix.length + width || !id.startsWith(prefix)) return 0;
  const n = Number(id.slice(prefix.length));
  return Number.isSafeInteger(n) ? n : 0;
};

/**
 * The generator ids a claims store already holds (GeneratorIds): the largest of each sequence, read
 * as the largest fixed-width text (the ids are zero-padded, so text order is number order on both
 * engines whatever the collation). A generation into a store that holds data starts after these,
 * so a second generation never collides with the first.
 */
export async function storeLastIds(store: ClaimsStore, admdvs: string): Promise<GeneratorIds> {
  const p = `P${admdvs}`;
  const [row] = await store.query<{ person: string | null; injected: string | null; visit: string | null; settlement: string | null; line: string | null }>(
    `SELECT
       (SELECT max(psn_no) FROM medfund.psn_info WHERE psn_no LIKE $1 AND length(psn_no) = $2 AND psn_no < $3) AS person,
       (SELECT max(psn_no) FROM medfund.psn_info WHERE psn_no LIKE $1 AND length(psn_no) = $2 AND psn_no >= $3) AS injected,
       (SELECT max(mdtrt_id) FROM medfund.mdtrt_d WHERE mdtrt_id LIKE 'M%' AND length(mdtrt_id) = 10) AS visit,
       (SELECT max(setl_id) FROM medfund.setl_d WHERE setl_id LIKE 'S%' AND length(setl_id) = 10) AS settlement,
       (SELECT max(feedetl_sn) FROM medfund.fee_list_d WHERE feedetl_sn LIKE 'F%' AND length(feedetl_sn) = 12) AS line`,
    [`${p}%`, p.length + 9, `${p}900000000`],
  );
  return {
    person: digits(row?.person, p, 9),
    injectedPerson: Math.max(0, digits(row?.injected, p, 9) - 900_000_000),
    visit: digits(row?.visit, 'M', 9),
    settlement: digits(row?.settlement, 'S', 9),
    line: digits(row?.line, 'F', 11),
  };
}
