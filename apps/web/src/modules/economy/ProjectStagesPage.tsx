import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { PlusIcon } from '../../ui/icons';
import { projectKeys, useStages, type Stage } from './chains-api';

type Draft = { stages: Omit<Stage, 'projects' | 'sortOrder'>[] };

/** 项目阶段配置: the stages in order, their target days and the milestones a project gets on entering each. */
export function ProjectStagesPage() {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canEdit = !!me?.permissions.includes('economy.invest.configure');
  const q = useStages();
  const qc = useQueryClient();
  const [form] = Form.useForm<Draft>();
  useEffect(() => { if (q.data) form.setFieldsValue({ stages: q.data }); }, [q.data, form]);
  const save = useMutation({
    mutationFn: (v: Draft) => api.put<Stage[]>('/api/economy/project-stages', v.stages),
    onSuccess: async () => { message.success(t('stages.saved')); await qc.invalidateQueries({ queryKey: projectKeys.all }); },
  });
  if (q.isLoading) return <PageLoading />;
  return (
    <div data-testid="project-stages">
      <PageHeader title={t('stages.title')} subTitle={t('stages.subTitle')} />
      <ErrorAlert error={q.error ?? save.error} showFields />
      <Form form={form} disabled={!canEdit} onFinish={(v) => save.mutate(v)}>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={(
                  <Space>
                    <Typography.Text type="secondary">{i + 1}</Typography.Text>
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}><Input style={{ width: 120 }} maxLength={20} /></Form.Item>
                    <Form.Item name={[f.name, 'nameEn']} noStyle><Input style={{ width: 180 }} maxLength={60} placeholder="English" /></Form.Item>
                    <Form.Item name={[f.name, 'code']} noStyle rules={[{ required: true }]}><Input style={{ width: 140 }} maxLength={32} placeholder="code" disabled={!!q.data?.some((s) => s.code === form.getFieldValue(['stages', f.name, 'code']))} /></Form.Item>
                    <Form.Item name={[f.name, 'targetDays']} noStyle><InputNumber min={1} max={3650} addonAfter={t('stages.days')} placeholder={t('stages.target')} /></Form.Item>
                  </Space>
                )} extra={canEdit ? (
                  <Space>
                    <Button size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>↑</Button>
                    <Button size="small" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)}>↓</Button>
                    <Button size="small" danger onClick={() => remove(f.name)}>{t('stages.remove')}</Button>
                  </Space>
                ) : null}>
                  <Form.List name={[f.name, 'milestones']}>
                    {(ms, ops) => (
                      <>
                        {ms.map((m) => (
                          <Space key={m.key} style={{ display: 'flex', marginBottom: 4 }}>
                            <Form.Item name={[m.name, 'name']} noStyle rules={[{ required: true, min: 2 }]}><Input style={{ width: 200 }} placeholder={t('stages.milestone')} /></Form.Item>
                            <Form.Item name={[m.name, 'dueDays']} noStyle rules={[{ required: true }]}><InputNumber min={0} max={3650} addonBefore={t('stages.due')} addonAfter={t('stages.days')} /></Form.Item>
                            <Form.Item name={[m.name, 'required']} noStyle valuePropName="checked"><Checkbox>{t('stages.required')}</Checkbox></Form.Item>
                            {canEdit ? <Button size="small" type="link" danger onClick={() => ops.remove(m.name)}>×</Button> : null}
                          </Space>
                        ))}
                        {canEdit ? <Button size="small" type="dashed" onClick={() => ops.add({ name: '', dueDays: 30, required: true })}>{t('stages.addMilestone')}</Button> : null}
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              {canEdit ? (
                <Space>
                  <Button icon={<PlusIcon />} onClick={() => add({ code: '', name: '', nameEn: '', targetDays: null, milestones: [] }, Math.max(0, fields.length - 1))}>{t('stages.add')}</Button>
                  <Button type="primary" htmlType="submit" loading={save.isPending}>{t('stages.save')}</Button>
                </Space>
              ) : null}
            </>
          )}
        </Form.List>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('stages.help')}</Typography.Paragraph>
    </div>
  );
}
