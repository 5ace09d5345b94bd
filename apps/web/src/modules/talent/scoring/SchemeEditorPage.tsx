import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Card, Descriptions, Empty, Flex, Input, Table, Tabs, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { PageHeader } from '../../../ui/PageHeader';
import { PageLoading } from '../../../ui/PageLoading';
import { LoadError } from '../../../ui/StatusResult';
import { formatDateTime } from '../../../ui/format';
import { useLeaveGuard } from '../../../ui/useLeaveGuard';
import {
  deleteScheme, getScheme, labelOf, pointsKeys, retireScheme, startWhatIf, updateScheme, useScheme, useSchemeDiff, useSchemes, useWhatIfRuns, validateScheme,
  type SchemeDetail, type SchemeIssue, type SchemeValidation,
} from './api';
import { NewDraftModal } from './NewDraftModal';
import { PublishModal } from './PublishModal';
import { SchemeForm } from './SchemeForm';
import { StatusTag } from './StatusTag';
import { parseSource, setInSource, showValue, type Path } from './schemeSource';

const VALIDATE_DELAY_MS = 400;

/** Validation as you type: the text is sent to POST /schemes/validate once typing pauses. */
function useLiveValidation(source: string | null) {
  const [state, setState] = useState<{ result: SchemeValidation | null; pending: boolean; error: unknown }>({ result: null, pending: false, error: null });
  useEffect(() => {
    if (source === null) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      validateScheme(source, ctl.signal)
        .then((result) => setState({ result, pending: false, error: null }))
        .catch((error: unknown) => {
          if ((error as Error).name !== 'AbortError') setState((s) => ({ ...s, pending: false, error }));
        });
    }, VALIDATE_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
  }, [source]);
  return state;
}

/** The scheme editor: form, raw text, live validation, diff against the published version, save, what-if, publish. */
export function SchemeEditorPage() {
  const { id = '' } = useParams();
  const scheme = useScheme(id);
  if (scheme.isPending) return <PageLoading />;
  if (scheme.error) return <LoadError error={scheme.error} onRetry={() => void scheme.refetch()} />;
  return <Editor key={scheme.data.id} detail={scheme.data} />;
}

function Editor({ detail }: { detail: SchemeDetail }) {
  const { t, i18n } = useTranslation('talent');
  const locale = i18n.language;
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const isDraft = detail.status === 'draft';
  const [saved, setSaved] = useState(detail);
  const [source, setSource] = useState(detail.source);
  const [tab, setTab] = useState('form');
  const [busy, setBusy] = useState<'save' | 'whatIf' | 'delete' | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [publishing, setPublishing] = useState(false);
  const [newDraft, setNewDraft] = useState(false);
  const dirty = isDraft && source !== saved.source;
  const guard = useLeaveGuard(dirty);
  const schemes = useSchemes();
  // The version in effect has nothing to be compared with (the API would diff it against an empty document).
  const showDiff = !saved.inEffect;
  const diff = useSchemeDiff(saved.id, showDiff);
  const runs = useWhatIfRuns(saved.id, isDraft);
  const validation = useLiveValidation(isDraft ? source : null);
  const parsed = useMemo(() => parseSource(source), [source]);
  const issues: SchemeIssue[] = validation.result?.issues ?? [];
  const formRef = useRef<HTMLDivElement>(null);

  const onSet = useCallback(
    (path: Path, value: unknown) => {
      setSource((s) => {
        try {
          return setInSource(s, path, value);
        } catch {
          return s;
        }
      });
    },
    [],
  );

  /** Saves unsaved edits; throws what the API said (the publish dialog shows it in place). */
  const persist = async (): Promise<SchemeDetail> => {
    if (!dirty) return saved;
    setBusy('save');
    setSaveError(null);
    try {
      const next = await updateScheme(saved.id, source, saved.revision);
      setSaved(next);
      setSource(next.source);
      qc.setQueryData(pointsKeys.scheme(next.id), next);
      void qc.invalidateQueries({ queryKey: pointsKeys.schemes });
      void qc.invalidateQueries({ queryKey: pointsKeys.diff(next.id) });
      message.success(t('points.editor.saved'));
      return next;
    } finally {
      setBusy(null);
    }
  };
  const save = (): Promise<SchemeDetail | null> =>
    persist().catch((e: unknown) => {
      setSaveError(e);
      return null;
    });

  const whatIf = async () => {
    const s = await save();
    if (!s) return;
    setBusy('whatIf');
    try {
      const out = await startWhatIf(s.id);
      guard.release();
      navigate(`/talent/what-if/${out.run.id}`);
    } catch (e) {
      setSaveError(e);
    } finally {
      setBusy(null);
    }
  };

  const remove = () =>
    modal.confirm({
      title: t('points.editor.deleteConfirm', { version: saved.version }),
      okButtonProps: { danger: true },
      onOk: async () => {
        await deleteScheme(saved.id);
        await qc.invalidateQueries({ queryKey: pointsKeys.schemes });
        guard.release();
        navigate('/talent/schemes');
      },
    });

  const retire = () =>
    modal.confirm({
      title: t('points.editor.retireConfirm', { version: saved.version }),
      content: t('points.editor.retireHint'),
      okButtonProps: { danger: true, 'data-testid': 'retire-confirm' },
      onOk: async () => {
        try {
          await retireScheme(saved.id);
          const next = await getScheme(saved.id);
          setSaved(next);
          qc.setQueryData(pointsKeys.scheme(next.id), next);
          void qc.invalidateQueries({ queryKey: pointsKeys.all });
          message.success(t('points.editor.retired'));
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  /** Jumps to the form card (or row) an issue points at. */
  const jumpTo = (path: string) => {
    setTab('form');
    setTimeout(() => {
      const root = formRef.current;
      if (!root) return;
      let p = path;
      while (p) {
        const el = root.querySelector(`[data-testid="scheme-field-${CSS.escape(p)}"]`) ?? root.querySelector(`[data-path="${CSS.escape(p)}"]`);
        if (el) {
          el.scrollIntoView({ behavior: 'smooth', block: 'center' });
          return;
        }
        p = p.replace(/(\.[^.[\]]+|\[[^\]]*\])$/, '');
      }
    }, 50);
  };

  const summary = validation.result?.summary;
  const period = { from: summary?.effectiveFrom ?? saved.effectiveFrom, to: summary ? summary.effectiveTo : saved.effectiveTo };
  const invalid = isDraft && (validation.result ? !validation.result.ok : false);
  const latestRun = runs.data?.items[0];

  const issuesPanel = isDraft ? (
    <Card
      size="small"
      data-testid="scheme-issues"
      data-count={issues.length}
      title={
        <Flex gap={8} align="center">
          {t('points.editor.validation')}
          {validation.pending ? <Tag>{t('points.editor.checking')}</Tag> : issues.length ? <Badge count={issues.length} /> : <Tag color="green" data-testid="scheme-valid">{t('points.editor.valid')}</Tag>}
        </Flex>
      }
    >
      {validation.error ? <ErrorAlert error={validation.error} /> : null}
      {issues.length ? (
        <ul style={{ margin: 0, paddingInlineStart: 16, maxHeight: 220, overflow: 'auto' }}>
          {issues.map((i, n) => (
            <li key={n} data-testid="scheme-issue">
              <Typography.Link onClick={() => jumpTo(i.path)}>
                <Typography.Text code>{i.path || t('points.editor.document')}</Typography.Text>
              </Typography.Link>{' '}
              {locale === 'en-US' ? i.en : i.zh} <Typography.Text type="secondary">({i.code})</Typography.Text>
            </li>
          ))}
        </ul>
      ) : !validation.pending && validation.result ? (
        <Typography.Text type="secondary">
          {t('points.editor.validSummary', { items: summary?.items ?? 0, facts: summary?.facts ?? 0 })}
        </Typography.Text>
      ) : null}
    </Card>
  ) : null;

  const diffTab = (
    <div data-testid="scheme-diff">
      {diff.error ? <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} /> : null}
      {dirty ? <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('points.diff.unsaved')} /> : null}
      {diff.data ? (
        <>
          <Typography.Paragraph type="secondary">
            {diff.data.against
              ? t('points.diff.against', { version: diff.data.against.version, from: diff.data.against.effectiveFrom, to: diff.data.against.effectiveTo ?? t('points.openEnded') })
              : t('points.diff.noPublished')}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => `${r.path}|${r.change}`}
            dataSource={diff.data.changes}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('points.diff.none')} /> }}
            columns={[
              { title: t('points.diff.path'), dataIndex: 'path', render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
              { title: t('points.diff.change'), dataIndex: 'change', width: 90, render: (c: string) => <Tag color={c === 'added' ? 'green' : c === 'removed' ? 'red' : 'blue'}>{t(`points.diff.${c}`)}</Tag> },
              {
                title: t('points.diff.oldNew'),
                render: (_, r) => (
                  <span data-testid="diff-row">
                    <Typography.Text delete type="secondary">{showValue(r.before)}</Typography.Text> → <Typography.Text strong>{showValue(r.after)}</Typography.Text>
                  </span>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );

  const runsTab = (
    <Table
      size="small"
      rowKey="id"
      dataSource={runs.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t('points.whatIf.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('points.whatIf.asOf'), dataIndex: 'asOf' },
        { title: t('points.whatIf.status'), dataIndex: 'status', render: (s: string) => t(`points.whatIf.runStatus.${s}`) },
        { title: '', render: (_, r) => <Link to={`/talent/what-if/${r.id}`}>{t('points.whatIf.open')}</Link> },
      ]}
    />
  );

  return (
    <>
      <PageHeader
        title={`${labelOf(saved.name, locale)} · ${saved.version}`}
        docTitle={`${t('points.editor.title')} ${saved.version}`}
        back="/talent/schemes"
        breadcrumb={[{ title: t('points.schemes.title'), to: '/talent/schemes' }, { title: saved.version }]}
        tags={
          <>
            <StatusTag status={saved.status} inEffect={saved.inEffect} />
            <Tag>{t(`points.kind.${saved.kind}`)}</Tag>
            {dirty ? <Tag color="orange" data-testid="scheme-dirty">{t('points.editor.unsaved')}</Tag> : null}
          </>
        }
        extra={
          isDraft ? (
            <>
              <Button danger onClick={remove} loading={busy === 'delete'} data-testid="scheme-delete">
                {t('points.editor.delete')}
              </Button>
              <Button onClick={() => void save()} disabled={!dirty || invalid} loading={busy === 'save'} data-testid="scheme-save">
                {t('points.editor.save')}
              </Button>
              {saved.kind === 'evaluation_bonus' ? null : (
                <Button onClick={() => void whatIf()} disabled={invalid} loading={busy === 'whatIf'} data-testid="scheme-what-if">
                  {t('points.editor.whatIf')}
                </Button>
              )}
              <Button type="primary" onClick={() => setPublishing(true)} disabled={invalid} data-testid="scheme-publish">
                {t('points.editor.publish')}
              </Button>
            </>
          ) : (
            <>
              {saved.status === 'published' ? (
                <Button danger onClick={retire} data-testid="scheme-retire">
                  {t('points.editor.retire')}
                </Button>
              ) : null}
              <Button type="primary" onClick={() => setNewDraft(true)} data-testid="scheme-new-draft">
                {t('points.schemes.newDraft')}
              </Button>
            </>
          )
        }
      />
      <Flex vertical gap={12}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="scheme-meta">
          <Descriptions.Item label={t('points.field.code')}>{saved.code}</Descriptions.Item>
          <Descriptions.Item label={t('points.field.period')}>
            {period.from} — {period.to ?? t('points.openEnded')}
          </Descriptions.Item>
          <Descriptions.Item label={t('points.field.updatedAt')}>{formatDateTime(saved.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('points.field.publishedAt')}>{saved.publishedAt ? formatDateTime(saved.publishedAt) : '—'}</Descriptions.Item>
        </Descriptions>
        {saved.example ? <Alert type="warning" showIcon title={t('points.editor.example')} /> : null}
        {!isDraft ? <Alert type="info" showIcon title={t('points.editor.readOnly')} /> : null}
        {saveError ? (
          <ErrorAlert
            error={saveError}
            showFields
            title={isApiError(saveError) && saveError.code === 'CONFLICT' && !Object.keys(saveError.fields).length ? t('points.editor.staleRevision') : undefined}
          />
        ) : null}
        {isDraft && latestRun && latestRun.status === 'succeeded' ? (
          <Alert
            type={latestRun.draftChangedSince || dirty ? 'warning' : 'success'}
            showIcon
            title={t(latestRun.draftChangedSince || dirty ? 'points.editor.runStale' : 'points.editor.runFresh', { at: formatDateTime(latestRun.finishedAt) })}
            action={<Link to={`/talent/what-if/${latestRun.id}`}>{t('points.whatIf.open')}</Link>}
          />
        ) : null}
        {issuesPanel}
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'form',
              label: <span data-testid="scheme-tab-form">{t('points.editor.formTab')}</span>,
              children: (
                <div ref={formRef}>
                  {parsed.ok ? (
                    <SchemeForm doc={parsed.doc} issues={issues} readOnly={!isDraft} onSet={onSet} />
                  ) : (
                    <Alert type="error" showIcon title={t('points.editor.cannotParse')} description={parsed.message} />
                  )}
                </div>
              ),
            },
            {
              key: 'raw',
              label: <span data-testid="scheme-tab-raw">{t('points.editor.rawTab')}</span>,
              children: (
                <Flex vertical gap={6}>
                  <Typography.Text type="secondary">{t('points.editor.rawHint', { format: saved.sourceFormat.toUpperCase() })}</Typography.Text>
                  <Input.TextArea
                    value={source}
                    readOnly={!isDraft}
                    onChange={(e) => setSource(e.target.value)}
                    autoSize={{ minRows: 20, maxRows: 48 }}
                    spellCheck={false}
                    wrap="off"
                    style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace', fontSize: 12.5, lineHeight: 1.55 }}
                    data-testid="scheme-raw"
                  />
                </Flex>
              ),
            },
            ...(showDiff ? [{
              key: 'diff',
              label: (
                <span data-testid="scheme-tab-diff">
                  {t('points.editor.diffTab')} {diff.data ? <Badge count={diff.data.changes.length} showZero color="#1b5fd1" size="small" /> : null}
                </span>
              ),
              children: diffTab,
            }] : []),
            ...(isDraft ? [{ key: 'runs', label: <span data-testid="scheme-tab-runs">{t('points.editor.runsTab')}</span>, children: runsTab }] : []),
          ]}
        />
      </Flex>
      {publishing ? (
        <PublishModal
          draft={{ id: saved.id, kind: saved.kind, version: summary?.version ?? saved.version, effectiveFrom: period.from, effectiveTo: period.to }}
          all={schemes.data?.items ?? []}
          before={persist}
          onClose={() => setPublishing(false)}
          onDone={(jobId) => {
            setPublishing(false);
            guard.release();
            void qc.invalidateQueries({ queryKey: pointsKeys.all });
            message.success(t('points.publish.done'));
            navigate(`/talent/schemes?published=${saved.id}&job=${jobId}`);
          }}
        />
      ) : null}
      {newDraft ? <NewDraftModal from={saved} all={schemes.data?.items ?? []} onClose={() => setNewDraft(false)} /> : null}
    </>
  );
}
