import fs from 'node:fs';
import { openDuckdbStore } from './src/modules/medfund/claims/duckdb-store';
import { LOAD_ORDER } from './src/modules/medfund/claims/tables';
import { nationalMapping } from './src/modules/medfund/domain/mapping';
import { loadFile } from './src/modules/medfund/data/import/load-file';
import { SHIPPED_RULES } from './src/modules/medfund/rules/domain/rule-catalog';
import { ensureScreeningViews, screenRule } from './src/modules/medfund/rules/screening/screen-claims';
const dir = '/tmp/zz-bench/medfund/persons-60000';
const store = await openDuckdbStore(':memory:');
let id = 1;
for (const t of LOAD_ORDER) await loadFile(store, { loadId: id++, table: t, file: `${dir}/${t}.csv`, columns: nationalMapping(t), dateFormat: 'YYYY-MM-DD', delimiter: ',' });
await ensureScreeningViews(store);
const rule = SHIPPED_RULES.find((r: any) => r.code === 'AFTER_DEATH')!;
const found = await screenRule(store, rule as any, { from: '2025-01-01', to: '2025-12-31' } as any);
const m = JSON.parse(fs.readFileSync(`${dir}/manifest.json`, 'utf8'));
const inj = new Set((m.violations as any[]).filter((v) => v.rule === 'AFTER_DEATH').flatMap((v) => v.settlements ?? v.setlIds ?? []));
console.log('found', found.length, 'injected', inj.size);
const extra = found.filter((f: any) => !inj.has(f.setlId ?? f.setl_id));
console.log(JSON.stringify(extra.slice(0, 5), null, 1));
for (const f of extra.slice(0, 3) as any[]) {
  const s = f.setlId ?? f.setl_id;
  console.log(await store.query(`SELECT s.setl_id, s.psn_no, s.begndate, s.enddate, s.setl_time, s.med_type, s.refd_setl_flag, s.init_setl_id FROM medfund.setl_d s WHERE s.setl_id = '${s}' OR s.psn_no = (SELECT psn_no FROM medfund.setl_d WHERE setl_id='${s}') ORDER BY setl_time`));
  console.log(await store.query(`SELECT * FROM medfund.death_reg d WHERE d.certno = (SELECT certno FROM medfund.psn_info p JOIN medfund.setl_d s ON s.psn_no=p.psn_no WHERE s.setl_id='${s}')`));
}
await store.close();
