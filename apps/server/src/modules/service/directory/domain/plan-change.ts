/** A visit plan's editable fields, as compared before and after an edit. */
export interface PlanFields {
  agentId: string;
  divisionCode: string;
  periodFrom: string;
  periodTo: string;
  enterpriseIds: readonly string[];
  note: string;
}

/**
 * What an edit changed, in words for the agent's notification (zh): the period, the street,
 * the enterprises added and taken off, the agent, the note. '' when nothing changed.
 */
export function planChangeText(before: PlanFields, after: PlanFields): string {
  const parts: string[] = [];
  if (before.periodFrom !== after.periodFrom || before.periodTo !== after.periodTo) {
    parts.push(`期间 ${before.periodFrom} ~ ${before.periodTo} 改为 ${after.periodFrom} ~ ${after.periodTo}`);
  }
  if (before.divisionCode !== after.divisionCode) parts.push(`街道 ${before.divisionCode} 改为 ${after.divisionCode}`);
  const was = new Set(before.enterpriseIds);
  const now = new Set(after.enterpriseIds);
  const added = [...now].filter((id) => !was.has(id)).length;
  const removed = [...was].filter((id) => !now.has(id)).length;
  if (added || removed) {
    parts.push(`企业${added ? `增加 ${added} 家` : ''}${added && removed ? '、' : ''}${removed ? `移除 ${removed} 家` : ''}（共 ${now.size} 家）`);
  }
  if (before.agentId !== after.agentId) parts.push('负责的服务员已更换');
  if (before.note !== after.note) parts.push('备注已修改');
  return parts.join('；');
}
