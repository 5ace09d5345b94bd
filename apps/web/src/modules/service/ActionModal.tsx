import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListPage } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import {
  actOn, RETURN_REASONS, SATISFACTION_LEVELS, serviceKeys, unitLabel, useCategories, useUnitAgents, useUnits,
  type ActionType, type AgentStrategy, type RequestDetail, type RequestSummary, type ServiceUnit,
} from './api';
import { useCurrentUser } from '../../auth/session';
import { StepFilesInput } from './AttachmentsCard';

/** Actions whose step may carry files (not the clicks: accept, sign, merge). */
const WITH_FILES: readonly ActionType[] = ['dispatch', 'return', 'respond', 'resolve', 'follow_up', 'close', 'wait_for_enterprise', 'resume', 'supervise'];

/**
 * The lead unit's service agents (助企服务员) with their open load; empty = none named, then the
 * routing rule's or the unit's strategy may pick one (the hint says which), else the one who signs.
 */
function AgentSelect({ value, onChange, unitId, strategy }: { value?: string | null; onChange?: (v: string | null) => void; unitId?: string; strategy: AgentStrategy }) {
  const { t } = useTranslation('service');
  const agents = useUnitAgents(unitId);
  return (
    <>
      <Select
        allowClear
        value={value ?? undefined}
        onChange={(v) => onChange?.(v ?? null)}
        disabled={!unitId}
        loading={agents.isFetching}
        placeholder={t(`modal.agentAuto.${strategy}`)}
        notFoundContent={t('modal.noAgents')}
        options={(agents.data ?? []).map((a) => ({ value: a.id, label: t('modal.agentOption', { name: a.name, n: a.openRequests }) }))}
        data-testid="action-agent"
      />
    </>
  );
}

/** Actions that need nothing but a click (and an optional note). */
const NOTE_ONLY: readonly ActionType[] = ['close', 'resume', 'supervise'];

/** Other open requests to merge a duplicate into, found by number or title. */
function PrimarySelect({ value, onChange, exclude }: { value?: string; onChange?: (v: string) => void; exclude: string }) {
  const { t } = useTranslation('service');
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['service', 'merge-target', q],
    queryFn: () => api.get<ListPage<RequestSummary>>('/api/service/requests', { q, pageSize: 20, status: 'submitted,accepted,dispatched,signed,returned,responded,waiting_for_enterprise' }),
    enabled: q.length > 0,
  });
  return (
    <Select
      value={value}
      onChange={onChange}
      showSearch={{ onSearch: setQ, filterOption: false }}
      placeholder={t('modal.primaryPlaceholder')}
      options={(list.data?.items ?? []).filter((r) => r.id !== exclude).map((r) => ({ value: r.id, label: `${r.number} · ${r.title} · ${r.enterpriseName}` }))}
      loading={list.isFetching}
      data-testid="action-primary"
    />
  );
}

/**
 * One lifecycle action as a small form: the fields the API needs for it, the request's version,
 * and the server's refusals under the field they concern (or above the form).
 */
export function ActionModal({ request, action, onClose }: { request: RequestDetail; action: ActionType; onClose: () => void }) {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Record<string, unknown>>();
  const categories = useCategories();
  const me = useCurrentUser();
  const asEnterprise = !!me.scope.enterpriseId;
  const units = useUnits(action === 'dispatch');
  const leadUnitId = Form.useWatch('leadUnitId', form) as string | undefined;
  const leadUnit: ServiceUnit | undefined = units.data?.find((u) => u.id === leadUnitId);
  // Which strategy would pick the agent if the dispatcher names none: the rule's (for its unit), else the unit's.
  const ruleStrategy = request.suggestedDispatch && request.suggestedDispatch.unitId === leadUnitId ? request.suggestedDispatch.agentStrategy : 'none';
  const strategy: AgentStrategy = ruleStrategy !== 'none' ? ruleStrategy : (leadUnit?.agentStrategy ?? 'none');
  const run = useMutation({
    mutationFn: (v: Record<string, unknown>) => actOn(request.id, { ...v, action, version: request.version }),
    onSuccess: (next) => {
      qc.setQueryData(serviceKeys.detail(request.id), next);
      void qc.invalidateQueries({ queryKey: serviceKeys.list });
      message.success(t('actionDone', { action: t(`action.${action}`) }));
      onClose();
    },
    onError: (e) => applyFieldErrors(form, e),
  });
  // the optional note several actions carry
  const noteField = (
    <Form.Item name="note" label={t('modal.note')}>
      <Input.TextArea rows={2} maxLength={2000} data-testid="action-note" />
    </Form.Item>
  );
  const req = (key: string) => [{ required: true, whitespace: true, message: t('modal.required', { field: t(`modal.${key}`) }) }];
  const unitOptions = (units.data ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: unitLabel(u, units.data ?? []) }));
  // Where the prefilled unit comes from: the first routing rule that matched, and on what.
  const suggested = request.suggestedDispatch;
  const suggestedUnit = suggested ? units.data?.find((u) => u.id === suggested.unitId) : undefined;
  const suggestion = suggested && suggestedUnit
    ? t('modal.suggested', {
      unit: unitLabel(suggestedUnit, units.data ?? []),
      on: [
        suggested.matched.keyword ? t('modal.suggestedOn.keyword', { v: suggested.matched.keyword }) : null,
        suggested.matched.category ? t('modal.suggestedOn.category', { v: categories.data?.find((c) => c.id === suggested.matched.category)?.name ?? suggested.matched.category }) : null,
        suggested.matched.divisionPrefix ? t('modal.suggestedOn.street') : null,
        suggested.matched.parkId ? t('modal.suggestedOn.park') : null,
      ].filter(Boolean).join(t('modal.suggestedJoin')) || t('modal.suggestedOn.any'),
    })
    : null;
  const initial: Record<string, unknown> =
    action === 'accept'
      ? { categoryId: request.categoryId ?? request.suggestedCategoryId ?? undefined }
      : action === 'dispatch'
        ? { leadUnitId: request.suggestedDispatch?.unitId ?? request.leadUnit?.id, assistingUnitIds: request.suggestedDispatch?.assistingUnitIds ?? [], agentId: null }
        : action === 'follow_up'
          ? { satisfaction: 'satisfied', solved: true }
          : {};

  return (
    <Modal
      open
      title={asEnterprise && action === 'follow_up' ? t('action.rate') : t(`action.${action}`)}
      okText={asEnterprise && action === 'follow_up' ? t('action.rate') : t(`action.${action}`)}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={run.isPending}
      okButtonProps={{ 'data-testid': 'action-submit' } as React.ComponentProps<typeof Button>}
      destroyOnHidden
    >
      {run.error ? <ErrorAlert error={run.error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => run.mutate(v)} data-testid={`action-form-${action}`}>
        {action === 'accept' ? (
          <Form.Item name="categoryId" label={t('modal.categoryId')} rules={[{ required: true, message: t('modal.required', { field: t('modal.categoryId') }) }]}>
            <Select
              options={(categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.parentId ? `— ${c.name}` : c.name }))}
              data-testid="action-category"
            />
          </Form.Item>
        ) : null}
        {action === 'dispatch' ? (
          <>
            {suggestion ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={suggestion} data-testid="action-dispatch-suggestion" /> : null}
            <Form.Item name="leadUnitId" label={t('modal.leadUnitId')} rules={[{ required: true, message: t('modal.required', { field: t('modal.leadUnitId') }) }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={unitOptions}
                loading={units.isPending}
                onChange={() => form.setFieldValue('agentId', null)}
                data-testid="action-lead-unit"
              />
            </Form.Item>
            <Form.Item name="agentId" label={t('modal.agentId')} extra={t(`modal.agentHint.${strategy}`)}>
              <AgentSelect unitId={leadUnitId} strategy={strategy} />
            </Form.Item>
            <Form.Item name="assistingUnitIds" label={t('modal.assistingUnitIds')}>
              <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={unitOptions} data-testid="action-assisting-units" />
            </Form.Item>
            {noteField}
          </>
        ) : null}
        {action === 'return' ? (
          <>
            <Form.Item name="reason" label={t('modal.reason')} rules={[{ required: true, message: t('modal.required', { field: t('modal.reason') }) }]}>
              <Radio.Group options={RETURN_REASONS.map((r) => ({ value: r, label: t(`reason.${r}`) }))} data-testid="action-reason" />
            </Form.Item>
            <Form.Item name="note" label={t('modal.returnNote')} rules={req('returnNote')}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
            </Form.Item>
          </>
        ) : null}
        {action === 'respond' ? (
          <Form.Item name="content" label={t('modal.content')} rules={req('content')}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="action-content" />
          </Form.Item>
        ) : null}
        {action === 'resolve' ? (
          <Form.Item name="summary" label={t('modal.summary')} rules={req('summary')}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="action-summary" />
          </Form.Item>
        ) : null}
        {action === 'follow_up' ? (
          <>
            {asEnterprise ? <Alert type="info" showIcon title={t('modal.rateHint')} style={{ marginBottom: 12 }} /> : null}
            <Form.Item name="solved" label={t('modal.solved')}>
              <Radio.Group options={[{ value: true, label: t('modal.solvedYes') }, { value: false, label: t('modal.solvedNo') }]} data-testid="action-solved" />
            </Form.Item>
            <Form.Item name="satisfaction" label={t('modal.satisfaction')} rules={[{ required: true }]}>
              <Radio.Group options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))} data-testid="action-satisfaction" />
            </Form.Item>
            {asEnterprise ? (
              <Form.Item name="note" label={t('modal.comment')}>
                <Input.TextArea rows={3} maxLength={2000} data-testid="action-note" />
              </Form.Item>
            ) : noteField}
          </>
        ) : null}
        {action === 'wait_for_enterprise' ? (
          <Form.Item name="reason" label={t('modal.waitReason')} rules={req('waitReason')}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="action-wait-reason" />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item name="primaryId" label={t('modal.primaryId')} rules={[{ required: true, message: t('modal.required', { field: t('modal.primaryId') }) }]}>
            <PrimarySelect exclude={request.id} />
          </Form.Item>
        ) : null}
        {NOTE_ONLY.includes(action) ? noteField : null}
        {WITH_FILES.includes(action) ? (
          <Form.Item name="attachmentIds" label={t('attachments.forStep')} extra={t('attachments.forStepHint')}>
            <StepFilesInput requestId={request.id} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
