import type { ClaimsTableName } from '../claims/tables';
import { ageOn, dayText, timeText, yuan } from './calendar';
import type { CatalogueEntry, DiagnosisSpec, ProviderSpec } from './catalogue';

/** Where generated rows go (CSV files, the claims store): arrays in the column order of tables.ts. */
export interface RowSink {
  row(table: ClaimsTableName, values: unknown[]): void;
}

export interface Person {
  psnNo: string;
  certno: string;
  name: string;
  gend: '1' | '2';
  birth: number;
  insutype: '310' | '390';
  dieDay: number | null;
}

export interface LineSpec {
  item: CatalogueEntry;
  day: number;
  minute: number;
  cnt?: number;
  /** Price in fen when it is not the catalogue price. */
  priceFen?: number;
  prdDays?: number;
}

export interface VisitSpec {
  person: Person;
  provider: ProviderSpec;
  medType: '11' | '14' | '21' | '41';
  beginDay: number;
  beginMinute: number;
  endDay: number;
  endMinute: number;
  diag: DiagnosisSpec;
  secondDiag?: DiagnosisSpec;
  lines: LineSpec[];
  dscgWay?: string;
  reflOldMdtrtId?: string;
  invono?: string;
  /** A cancelled (作废) settlement: vali_flag '0'. */
  cancelled?: boolean;
  /** When the settlement is made (default: the end, 30 minutes later). */
  setlDay?: number;
  setlMinute?: number;
}

export interface VisitResult {
  mdtrtId: string;
  setlId: string;
  lineIds: string[];
  medfeeFen: number;
  fundFen: number;
  spec: VisitSpec;
}

/** The fund's share by insurance type and visit type (职工 / 居民; 门诊 / 住院 / 药店). */
export function fundRatio(insutype: string, medType: string): number {
  const inpatient = medType === '21';
  if (insutype === '310') return inpatient ? 0.85 : 0.7;
  return inpatient ? 0.7 : 0.5;
}

/**
 * Turns visits into rows of mdtrt_d, setl_d, fee_list_d and setl_list_diag_d with consistent ids
 * and amounts (money in fen internally, yuan in the rows).
 */
export class ClaimsBuilder {
  private setlSeq = 0;
  private mdtrtSeq = 0;
  private lineSeq = 0;
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly sink: RowSink,
    private readonly idPrefix: string,
    private readonly loadId = 0,
    start: { visit?: number; settlement?: number; line?: number } = {},
  ) {
    this.mdtrtSeq = start.visit ?? 0;
    this.setlSeq = start.settlement ?? 0;
    this.lineSeq = start.line ?? 0;
  }

  /** The last visit, settlement and fee line numbers used. */
  lastIds(): { visit: number; settlement: number; line: number } {
    return { visit: this.mdtrtSeq, settlement: this.setlSeq, line: this.lineSeq };
  }

  emit(table: ClaimsTableName, values: unknown[]): void {
    this.counts[table] = (this.counts[table] ?? 0) + 1;
    this.sink.row(table, values);
  }

  person(p: Person, admdvs: string): void {
    this.emit('psn_info', [p.psnNo, p.certno, p.name, p.gend, dayText(p.birth), p.insutype, p.dieDay === null ? null : dayText(p.dieDay), admdvs, this.loadId]);
  }

  age(p: Person, day: number): number {
    return ageOn(p.birth, day);
  }

  visit(v: VisitSpec): VisitResult {
    const mdtrtId = `M${this.idPrefix}${String(++this.mdtrtSeq).padStart(9, '0')}`;
    const setlId = `S${this.idPrefix}${String(++this.setlSeq).padStart(9, '0')}`;
    const p = v.person;
    const ratio = fundRatio(p.insutype, v.medType);
    const lineIds: string[] = [];
    let medfee = 0;
    let fund = 0;
    this.emit('mdtrt_d', [
      mdtrtId, p.psnNo, p.certno, v.provider.code, v.medType,
      timeText(v.beginDay, v.beginMinute), timeText(v.endDay, v.endMinute),
      v.diag.code, v.diag.name, v.medType === '21' ? (v.dscgWay ?? '1') : null, v.reflOldMdtrtId ?? null, this.loadId,
    ]);
    for (const l of v.lines) {
      const id = `F${this.idPrefix}${String(++this.lineSeq).padStart(11, '0')}`;
      const cnt = l.cnt ?? 1;
      const price = l.priceFen ?? l.item.priceFen;
      const amount = Math.round(price * cnt);
      const lineFund = Math.round(amount * ratio);
      medfee += amount;
      fund += lineFund;
      lineIds.push(id);
      this.emit('fee_list_d', [
        id, mdtrtId, setlId, p.psnNo, v.provider.code, timeText(l.day, l.minute), l.item.code, l.item.name, l.item.listType,
        String(cnt), yuan(price), yuan(amount), yuan(amount), yuan(lineFund), l.prdDays ?? null, this.loadId,
      ]);
    }
    const psnPay = medfee - fund;
    const acct = p.insutype === '310' ? Math.floor(psnPay / 2) : 0;
    this.emit('setl_d', [
      setlId, mdtrtId, p.psnNo, p.certno, v.provider.code, p.insutype, v.medType, dayText(v.beginDay), dayText(v.endDay),
      timeText(v.setlDay ?? v.endDay, v.setlMinute ?? Math.min(1439, v.endMinute + 30)),
      yuan(medfee), '0.00', yuan(medfee), yuan(fund), yuan(fund), yuan(psnPay), yuan(acct), yuan(psnPay - acct),
      v.invono ?? null, '0', v.cancelled ? '0' : '1', null, this.loadId,
    ]);
    this.emit('setl_list_diag_d', [mdtrtId, setlId, '1', v.diag.code, v.diag.name, '1', this.loadId]);
    if (v.secondDiag) this.emit('setl_list_diag_d', [mdtrtId, setlId, '1', v.secondDiag.code, v.secondDiag.name, '0', this.loadId]);
    return { mdtrtId, setlId, lineIds, medfeeFen: medfee, fundFen: fund, spec: v };
  }

  /** A refund (冲销) row reversing `of` in full, on `day`. */
  refund(of: VisitResult, day: number, minute: number): string {
    const id = `${of.setlId}R`;
    const p = of.spec.person;
    const psnPay = of.medfeeFen - of.fundFen;
    const acct = p.insutype === '310' ? Math.floor(psnPay / 2) : 0;
    this.emit('setl_d', [
      id, of.mdtrtId, p.psnNo, p.certno, of.spec.provider.code, p.insutype, of.spec.medType,
      dayText(of.spec.beginDay), dayText(of.spec.endDay), timeText(day, minute),
      yuan(-of.medfeeFen), '0.00', yuan(-of.medfeeFen), yuan(-of.fundFen), yuan(-of.fundFen), yuan(-psnPay), yuan(-acct), yuan(-(psnPay - acct)),
      null, '1', '1', of.setlId, this.loadId,
    ]);
    return id;
  }
}
