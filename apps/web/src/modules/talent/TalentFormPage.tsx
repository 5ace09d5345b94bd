import { useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { useCurrentUser } from '../../auth/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { applyFieldErrors } from '../../ui/formErrors';
import { PageHeader } from '../../ui/PageHeader';
import { PageLoading } from '../../ui/PageLoading';
import { LoadError } from '../../ui/StatusResult';
import { EnterpriseSelect } from '../../ui/selects/EnterpriseSelect';
import { useLeaveGuard } from '../../ui/useLeaveGuard';
import { withClaimed } from './claims/api';
import {
  EDUCATION_LEVELS, RECOGNITION_LEVELS, SKILL_LEVELS, TALENT_CATEGORIES, TALENT_STATUSES, TITLE_LEVELS, idNumberCheckOk,
  talentKeys, useTalentFile, type TalentFacts, type TalentFile,
} from './api';

interface FormValues {
  idNumber?: string;
  name: string;
  phone?: string;
  enterpriseId?: string | null;
  status: 'active' | 'inactive';
  facts: Partial<Record<keyof TalentFacts, unknown>>;
}

/**
 * Facts as the API wants them: cleared inputs are left out (unknown), never sent as zero. A list
 * (awards, honours) the form shows empty because it was unknown stays unknown: an empty list
 * would say "none", a claim nobody made.
 */
function factsFromForm(v: FormValues['facts'], initial: FormValues['facts'] = {}): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(v ?? {}).filter(([k, x]) => x !== undefined && x !== null && x !== ''
      && !(Array.isArray(x) && x.length === 0 && (initial as Record<string, unknown>)[k] === undefined)),
  );
}

/**
 * The facts the form starts from: the office edits the approved facts themselves (an open claim
 * stays for it to review); an enterprise edits what it has claimed, laid over the approved ones.
 */
const shownFacts = (file: TalentFile) => (file.factsApplyDirectly ? file.facts : withClaimed(file.facts, file.pendingClaim));

const ENUM_FACTS = [
  ['education', EDUCATION_LEVELS],
  ['titleLevel', TITLE_LEVELS],
  ['skillLevel', SKILL_LEVELS],
  ['talentCategory', TALENT_CATEGORIES],
] as const;
const NUMBER_FACTS = [
  ['annualSalary', 1000],
  ['yearsInCounty', 1],
  ['socialInsuranceMonths', 1],
  ['inventionPatents', 1],
  ['utilityPatents', 1],
  ['keyProjects', 1],
] as const;

/** 登记 / 编辑人才. A person already registered by another enterprise becomes a conflict for the office. */
export function TalentFormPage() {
  const { id } = useParams();
  const file = useTalentFile(id ?? '');
  if (!id) return <TalentForm file={null} />;
  if (file.isPending) return <PageLoading />;
  if (file.error) return <LoadError error={file.error} onRetry={() => void file.refetch()} />;
  return <TalentForm file={file.data} />;
}

function TalentForm({ file }: { file: TalentFile | null }) {
  const { t } = useTranslation('talent');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [dirty, setDirty] = useState(false);
  const guard = useLeaveGuard(dirty);
  const [elsewhere, setElsewhere] = useState(false);
  const editing = file !== null;

  const save = useMutation({
    mutationFn: (v: FormValues) =>
      editing
        ? api.put<TalentFile>(`/api/talent/talents/${file.id}`, {
          name: v.name, status: v.status, facts: factsFromForm(v.facts, shownFacts(file)), version: file.version, ...(v.phone ? { phone: v.phone } : {}),
        })
        : api.post<TalentFile>('/api/talent/talents', {
          idNumber: v.idNumber, name: v.name, phone: v.phone ?? '', status: v.status, facts: factsFromForm(v.facts),
          enterpriseId: me.scope.enterpriseId ? null : (v.enterpriseId ?? null),
        }),
    onSuccess: (saved) => {
      guard.release();
      setDirty(false);
      qc.setQueryData(talentKeys.file(saved.id), saved);
      void qc.invalidateQueries({ queryKey: talentKeys.list });
      message.success(editing ? t('form.saved') : t('form.created', { name: saved.name }));
      navigate(`/talent/talents/${saved.id}`, { replace: true });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'TALENT_REGISTERED_ELSEWHERE') {
        setElsewhere(true);
        return;
      }
      applyFieldErrors(form, e);
    },
  });

  const title = editing ? t('form.editTitle') : t('form.createTitle');
  const initial: FormValues = file
    ? { name: file.name, status: file.status, facts: shownFacts(file) }
    : { name: '', status: 'active', facts: {}, enterpriseId: null };

  return (
    <>
      <PageHeader
        title={title}
        back={editing ? `/talent/talents/${file.id}` : '/talent/talents'}
        breadcrumb={[{ title: t('list.title'), to: '/talent/talents' }, ...(file ? [{ title: file.name, to: `/talent/talents/${file.id}` }] : []), { title }]}
      />
      <div className="zz-card" style={{ maxWidth: 1100 }}>
        {elsewhere ? <Alert type="warning" showIcon title={t('form.elsewhere')} style={{ marginBottom: 12 }} data-testid="talent-elsewhere" /> : null}
        {save.error && !elsewhere ? <ErrorAlert error={save.error} style={{ marginBottom: 12 }} /> : null}
        {(file ? !file.factsApplyDirectly : !!me.scope.enterpriseId) ? <Alert type="info" showIcon title={t('claim.formHint')} style={{ marginBottom: 12 }} data-testid="talent-claim-hint" /> : null}
        {file?.factsApplyDirectly && file.pendingClaim ? <Alert type="warning" showIcon title={t('claim.officeFormHint')} style={{ marginBottom: 12 }} data-testid="talent-claim-office-hint" /> : null}
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => {
            setElsewhere(false);
            save.mutate(v);
          }}
          onValuesChange={() => setDirty(true)}
          scrollToFirstError
        >
          <Card size="small" title={t('file.person')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                {editing ? (
                  <Form.Item label={t('field.idNumber')}>
                    <Input value={file.idNumber} disabled />
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="idNumber"
                    label={t('field.idNumber')}
                    normalize={(v: string) => v?.toUpperCase().trim()}
                    rules={[
                      { required: true, message: t('form.idNumberRequired') },
                      { pattern: /^\d{17}[\dX]$/, message: t('form.idNumberFormat') },
                      { validator: async (_, v: string) => { if (v && /^\d{17}[\dX]$/.test(v) && !idNumberCheckOk(v)) throw new Error(t('form.idNumberCheck')); } },
                    ]}
                  >
                    <Input maxLength={18} className="zz-mono" data-testid="field-idNumber" />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="name" label={t('field.name')} rules={[{ required: true, min: 2, message: t('form.nameRequired') }]}>
                  <Input maxLength={50} data-testid="field-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="phone" label={t('field.phone')} extra={editing && file.phone ? t('form.phoneKeep', { masked: file.phone }) : undefined}>
                  <Input maxLength={20} data-testid="field-phone" />
                </Form.Item>
              </Col>
              {!editing && !me.scope.enterpriseId ? (
                <Col xs={24} md={16}>
                  <Form.Item name="enterpriseId" label={t('field.enterprise')} rules={[{ required: true, message: t('form.enterpriseRequired') }]}>
                    <EnterpriseSelect testId="field-enterpriseId" />
                  </Form.Item>
                </Col>
              ) : null}
              <Col xs={24} md={8}>
                <Form.Item name="status" label={t('field.status')}>
                  <Select options={TALENT_STATUSES.map((v) => ({ value: v, label: t(`enum.status.${v}`) }))} data-testid="field-status" />
                </Form.Item>
              </Col>
            </Row>
          </Card>
          <Card size="small" title={t('file.facts')} extra={t('file.factsHint')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              {ENUM_FACTS.map(([key, values]) => (
                <Col xs={24} md={6} key={key}>
                  <Form.Item name={['facts', key]} label={t(`fact.${key}`)}>
                    <Select allowClear placeholder={t('fact.unknown')} options={values.map((v) => ({ value: v, label: t(`enum.${key}.${v}`) }))} data-testid={`field-${key}`} />
                  </Form.Item>
                </Col>
              ))}
              {NUMBER_FACTS.map(([key, step]) => (
                <Col xs={24} md={8} key={key}>
                  <Form.Item name={['facts', key]} label={t(`fact.${key}`)}>
                    <InputNumber min={0} step={step} precision={key === 'yearsInCounty' || key === 'annualSalary' ? undefined : 0} placeholder={t('fact.unknown')} style={{ width: '100%' }} data-testid={`field-${key}`} />
                  </Form.Item>
                </Col>
              ))}
              {(['awards', 'honours'] as const).map((key) => (
                <Col xs={24} md={12} key={key}>
                  <Form.Item label={t(`fact.${key}`)}>
                    <Form.List name={['facts', key]}>
                      {(fields, { add, remove }) => (
                        <Flex vertical gap={4}>
                          {fields.map((field) => (
                            <Space key={field.key} align="baseline">
                              <Form.Item name={[field.name, 'level']} rules={[{ required: true, message: t('fact.level') }]} noStyle>
                                <Select style={{ width: 110 }} placeholder={t('fact.level')} options={RECOGNITION_LEVELS.map((v) => ({ value: v, label: t(`enum.recognitionLevel.${v}`) }))} data-testid={`field-${key}-level-${field.name}`} />
                              </Form.Item>
                              <Form.Item name={[field.name, 'year']} rules={[{ required: true, message: t('fact.year') }]} noStyle>
                                <InputNumber min={1950} max={2100} precision={0} placeholder={t('fact.year')} style={{ width: 100 }} />
                              </Form.Item>
                              <Button type="link" size="small" onClick={() => remove(field.name)}>
                                {t('common:action.delete')}
                              </Button>
                            </Space>
                          ))}
                          <Button size="small" onClick={() => add({ year: new Date().getFullYear() })} data-testid={`field-${key}-add`} style={{ alignSelf: 'flex-start' }}>
                            {t('fact.addRecognition')}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                  </Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
          <Flex gap={8} justify="end">
            <Button onClick={() => navigate(editing ? `/talent/talents/${file.id}` : '/talent/talents')}>{t('common:action.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="talent-save">
              {t('form.save')}
            </Button>
          </Flex>
        </Form>
      </div>
    </>
  );
}
