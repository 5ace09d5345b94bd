import type React from 'react';
import type { ReactNode } from 'react';
import { Alert, Card, Flex, Form, Input, InputNumber, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Label, SchemeIssue } from './api';
import { labelOf } from './api';
import { issuesAt, issuesUnder, pathString, type Path } from './schemeSource';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

export interface SchemeFormProps {
  doc: Obj;
  issues: SchemeIssue[];
  readOnly: boolean;
  /** Sets the value at path (undefined removes it). */
  onSet: (path: Path, value: unknown) => void;
}

interface Ctx {
  issues: SchemeIssue[];
  readOnly: boolean;
  onSet: SchemeFormProps['onSet'];
  locale: string;
  t: (k: string, o?: Record<string, unknown>) => string;
}

/** One number of the scheme: shows the problem the validator found at its path, if any. */
function NumberField({ c, path, value, optional = false, width = 110, placeholder }: { c: Ctx; path: Path; value: number | null; optional?: boolean; width?: number; placeholder?: string }) {
  const problems = issuesAt(c.issues, path);
  const field = (
    <InputNumber
      size="small"
      value={value}
      disabled={c.readOnly}
      status={problems.length ? 'error' : undefined}
      placeholder={placeholder ?? (optional ? c.t('points.form.none') : undefined)}
      style={{ width }}
      data-testid={`scheme-field-${pathString(path)}`}
      onChange={(v) => {
        if (typeof v === 'number') c.onSet(path, v);
        else if (optional) c.onSet(path, undefined);
      }}
    />
  );
  return problems.length ? (
    <Tooltip title={problems.map((p) => (c.locale === 'en-US' ? p.en : p.zh)).join('；')} open={undefined}>
      <span data-issue="true">{field}</span>
    </Tooltip>
  ) : (
    field
  );
}

function TextField({ c, path, value, width = 160, optional = false }: { c: Ctx; path: Path; value: string; width?: number; optional?: boolean }) {
  const problems = issuesAt(c.issues, path);
  return (
    <Input
      size="small"
      value={value}
      disabled={c.readOnly}
      status={problems.length ? 'error' : undefined}
      style={{ width }}
      data-testid={`scheme-field-${pathString(path)}`}
      onChange={(e) => {
        const v = e.target.value.trim();
        if (v) c.onSet(path, v);
        else if (optional) c.onSet(path, undefined);
        else c.onSet(path, e.target.value);
      }}
    />
  );
}

function IssueList({ c, path, exact = false }: { c: Ctx; path: Path; exact?: boolean }) {
  const list = exact ? issuesAt(c.issues, path) : issuesUnder(c.issues, path);
  if (!list.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 8 }}
      title={
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {list.map((i) => (
            <li key={`${i.path}|${i.code}|${i.zh}`}>
              <Typography.Text code>{i.path || '—'}</Typography.Text> {c.locale === 'en-US' ? i.en : i.zh}
            </li>
          ))}
        </ul>
      }
    />
  );
}

/** A row the validator points into is tinted red. */
const rowIssue = (c: Ctx, path: Path) => ({ style: issuesUnder(c.issues, path).length ? { background: '#fff1f0' } : undefined, 'data-issue': issuesUnder(c.issues, path).length ? 'true' : undefined });
const NESTED: React.CSSProperties = { borderInlineStart: '2px solid #e6eaf0', paddingInlineStart: 10 };

function Labeled({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <Flex align="center" gap={6}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </Flex>
  );
}

/** The editable numbers of one rule, recursively (combine, list, when contain rules). */
function RuleEditor({ c, rule, path }: { c: Ctx; rule: unknown; path: Path }): ReactNode {
  if (!isObj(rule)) return null;
  const type = String(rule.type ?? '');
  const fact = (rule.fact ?? rule.field) as string | undefined;
  const head = (
    <Flex gap={8} align="center" wrap>
      <Tag color="blue">{c.t(`points.rule.${type}`, { defaultValue: type })}</Tag>
      {fact ? <Typography.Text code>{fact}</Typography.Text> : null}
      {typeof rule.policy === 'string' ? <Tag>{c.t(`points.form.policy.${rule.policy}`, { defaultValue: rule.policy })}</Tag> : null}
      {type !== 'fixed' ? (
        <Labeled label={c.t('points.form.ruleCap')}>
          <NumberField c={c} path={[...path, 'cap']} value={num(rule.cap)} optional />
        </Labeled>
      ) : null}
    </Flex>
  );
  let body: ReactNode = null;
  if (type === 'table' && Array.isArray(rule.categories)) {
    const rows = arr(rule.categories).map((r, i) => ({ key: i, r: r as Obj }));
    body = (
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(row) => rowIssue(c, [...path, 'categories', row.key]) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: c.t('points.form.value'), render: (_, row) => <Typography.Text code>{String(row.r.value)}</Typography.Text> },
          { title: c.t('points.form.points'), render: (_, row) => <NumberField c={c} path={[...path, 'categories', row.key, 'points']} value={num(row.r.points)} /> },
        ]}
      />
    );
  } else if (type === 'table' && Array.isArray(rule.bands)) {
    const rows = arr(rule.bands).map((r, i) => ({ key: i, r: r as Obj }));
    body = (
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(row) => rowIssue(c, [...path, 'bands', row.key]) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: c.t('points.form.min'), render: (_, row) => <NumberField c={c} path={[...path, 'bands', row.key, 'min']} value={num(row.r.min)} optional width={130} placeholder="−∞" /> },
          { title: c.t('points.form.max'), render: (_, row) => <NumberField c={c} path={[...path, 'bands', row.key, 'max']} value={num(row.r.max)} optional width={130} placeholder="+∞" /> },
          { title: c.t('points.form.points'), render: (_, row) => <NumberField c={c} path={[...path, 'bands', row.key, 'points']} value={num(row.r.points)} /> },
          { title: c.t('points.form.bandLabel'), render: (_, row) => (isObj(row.r.label) ? labelOf(row.r.label as unknown as Label, c.locale) : '') },
        ]}
      />
    );
  } else if (type === 'perUnit') {
    body = (
      <Flex gap={16} wrap>
        <Labeled label={c.t('points.form.perUnitPoints')}>
          <NumberField c={c} path={[...path, 'points']} value={num(rule.points)} />
        </Labeled>
        {(['unitSize', 'after', 'base', 'countDownFrom'] as const).map((k) =>
          rule[k] !== undefined ? (
            <Labeled key={k} label={c.t(`points.form.${k}`)}>
              <NumberField c={c} path={[...path, k]} value={num(rule[k])} optional />
            </Labeled>
          ) : null,
        )}
      </Flex>
    );
  } else if (type === 'fixed') {
    body = (
      <Labeled label={c.t('points.form.points')}>
        <NumberField c={c} path={[...path, 'points']} value={num(rule.points)} />
      </Labeled>
    );
  } else if (type === 'combine') {
    body = (
      <Flex vertical gap={8}>
        {arr(rule.of).map((r, i) => (
          <div key={i} style={NESTED}>
            <RuleEditor c={c} rule={r} path={[...path, 'of', i]} />
          </div>
        ))}
      </Flex>
    );
  } else if (type === 'list') {
    body = (
      <div style={NESTED}>
        <RuleEditor c={c} rule={rule.entry} path={[...path, 'entry']} />
      </div>
    );
  } else if (type === 'when') {
    body = (
      <Flex vertical gap={8}>
        {arr(rule.cases).map((cs, i) => (
          <div key={i} style={NESTED}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.t('points.form.case', { n: i + 1 })} <Typography.Text code>{JSON.stringify((cs as Obj)?.if ?? null)}</Typography.Text>
            </Typography.Text>
            <RuleEditor c={c} rule={(cs as Obj)?.then} path={[...path, 'cases', i, 'then']} />
          </div>
        ))}
        {rule.else !== undefined ? (
          <div style={NESTED}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.t('points.form.else')}
            </Typography.Text>
            <RuleEditor c={c} rule={rule.else} path={[...path, 'else']} />
          </div>
        ) : null}
      </Flex>
    );
  } else if (type === 'grid') {
    body = (
      <Flex vertical gap={4}>
        {arr(rule.points).map((row, r) => (
          <Flex key={r} gap={4}>
            {arr(row).map((v, col) => (
              <NumberField key={col} c={c} path={[...path, 'points', r, col]} value={num(v)} width={80} />
            ))}
          </Flex>
        ))}
      </Flex>
    );
  } else {
    body = <Typography.Text type="secondary">{c.t('points.form.rawOnly')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={6}>
      {head}
      {body}
    </Flex>
  );
}

/**
 * The scheme as a form: the common constructs' numbers (table rows' points and bounds, per-unit
 * points and caps, item/group/total caps, pass mark, tier thresholds) are edited in place; the
 * rest (conditions, facts, labels) is shown and edited in the raw view.
 */
export function SchemeForm({ doc, issues, readOnly, onSet }: SchemeFormProps) {
  const { t, i18n } = useTranslation('talent');
  const c: Ctx = { issues, readOnly, onSet, locale: i18n.language, t: t as Ctx['t'] };
  const effective = isObj(doc.effective) ? doc.effective : {};
  const groups = arr(doc.groups);
  const items = arr(doc.items);
  const tiering = isObj(doc.tiering) ? doc.tiering : null;
  return (
    <Flex vertical gap={12} data-testid="scheme-form">
      <Card size="small" title={t('points.form.basics')} data-path="version">
        <IssueList c={c} path={['effective']} />
        <Form layout="inline" component="div">
          <Form.Item label={t('points.field.version')}>
            <TextField c={c} path={['version']} value={String(doc.version ?? '')} />
          </Form.Item>
          <Form.Item label={t('points.field.effectiveFrom')}>
            <TextField c={c} path={['effective', 'from']} value={String(effective.from ?? '')} width={130} />
          </Form.Item>
          <Form.Item label={t('points.field.effectiveTo')}>
            <TextField c={c} path={['effective', 'to']} value={effective.to === undefined || effective.to === null ? '' : String(effective.to)} width={130} optional />
          </Form.Item>
          <Form.Item label={t('points.form.totalCap')}>
            <NumberField c={c} path={['totalCap']} value={num(doc.totalCap)} optional />
          </Form.Item>
          <Form.Item label={t('points.form.passMark')}>
            <NumberField c={c} path={['passMark']} value={num(doc.passMark)} optional />
          </Form.Item>
        </Form>
      </Card>
      {groups.length ? (
        <Card size="small" title={t('points.form.groups')} data-path="groups">
          <IssueList c={c} path={['groups']} />
          <Table
            size="small"
            pagination={false}
            dataSource={groups.map((g, i) => ({ key: i, g: g as Obj }))}
            onRow={(row) => rowIssue(c, ['groups', row.key]) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('points.form.group'), render: (_, row) => <>{labelOf(row.g.label as Label, c.locale)} <Typography.Text type="secondary" code>{String(row.g.id)}</Typography.Text></> },
              { title: t('points.form.policyTitle'), render: (_, row) => t(`points.form.policy.${String(row.g.policy ?? 'sum')}`, { defaultValue: String(row.g.policy ?? 'sum') }) },
              { title: t('points.form.groupCap'), render: (_, row) => <NumberField c={c} path={['groups', row.key, 'cap']} value={num(row.g.cap)} optional /> },
            ]}
          />
        </Card>
      ) : null}
      {items.map((raw, i) => {
        const it = isObj(raw) ? raw : {};
        const kind = String(it.kind ?? 'bonus');
        const bad = issuesUnder(issues, ['items', i]).length > 0;
        return (
          <Card
            key={i}
            size="small"
            data-path={`items[${i}]`}
            data-testid={`scheme-item-${String(it.id ?? i)}`}
            style={bad ? { borderColor: '#ff4d4f' } : undefined}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{labelOf(it.label as Label, c.locale) || String(it.id)}</span>
                <Typography.Text type="secondary" code>
                  {String(it.id ?? '')}
                </Typography.Text>
                {kind !== 'bonus' ? <Tag color={kind === 'veto' ? 'red' : kind === 'gate' ? 'orange' : 'purple'}>{t(`points.itemKind.${kind}`, { defaultValue: kind })}</Tag> : null}
                {it.group ? <Tag>{String(it.group)}</Tag> : null}
              </Flex>
            }
            extra={
              kind === 'bonus' || kind === 'deduction' ? (
                <Labeled label={t('points.form.itemCap')}>
                  <NumberField c={c} path={['items', i, 'cap']} value={num(it.cap)} optional />
                </Labeled>
              ) : null
            }
          >
            <IssueList c={c} path={['items', i]} />
            {it.reference ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
                {t('points.form.reference')}: {String(it.reference)}
              </Typography.Paragraph>
            ) : null}
            {it.requires ? (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 6 }}>
                {t('points.form.requires')}: <Typography.Text code>{JSON.stringify(it.requires)}</Typography.Text>
              </Typography.Paragraph>
            ) : null}
            {it.rule ? (
              <RuleEditor c={c} rule={it.rule} path={['items', i, 'rule']} />
            ) : (
              <Typography.Text type="secondary">
                {t('points.form.condition')}: <Typography.Text code>{JSON.stringify(it.condition ?? null)}</Typography.Text> · {t('points.form.rawOnly')}
              </Typography.Text>
            )}
          </Card>
        );
      })}
      {tiering ? (
        <Card size="small" title={t('points.form.tiering', { method: String(tiering.method ?? '') })} data-path="tiering">
          <IssueList c={c} path={['tiering']} />
          <Table
            size="small"
            pagination={false}
            dataSource={arr(tiering.tiers).map((x, i) => ({ key: i, x: x as Obj }))}
            onRow={(row) => rowIssue(c, ['tiering', 'tiers', row.key]) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('points.form.tier'), render: (_, row) => <>{labelOf(row.x.label as Label, c.locale)} <Typography.Text type="secondary" code>{String(row.x.id)}</Typography.Text></> },
              tiering.method === 'rankShare'
                ? { title: t('points.form.share'), render: (_, row) => <NumberField c={c} path={['tiering', 'tiers', row.key, 'share']} value={num(row.x.share)} /> }
                : { title: t('points.form.tierMin'), render: (_, row) => <NumberField c={c} path={['tiering', 'tiers', row.key, 'min']} value={num(row.x.min)} /> },
            ]}
          />
        </Card>
      ) : null}
    </Flex>
  );
}
