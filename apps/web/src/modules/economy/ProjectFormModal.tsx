import { App, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { IndustrySelect } from '../../ui/selects/IndustrySelect';
import { StreetSelect } from '../../ui/selects/StreetSelect';
import { projectKeys, useAllChainLinks, useStages, type Project } from './chains-api';

interface Draft {
  name: string; investor: string; investorOrigin: string; industryCode: string; chainLinkId: string | null; totalInvestmentWan: number; receivedInvestmentWan: number;
  divisionCode: string; address: string; constructionPercent: number; description: string; stage?: string;
  /** GCJ-02, both or neither (sent as `location`). */
  lat?: number | null; lng?: number | null;
}

const locationOf = (v: Draft) => (v.lat === null || v.lat === undefined || v.lng === null || v.lng === undefined ? null : { lat: v.lat, lng: v.lng });
const bodyOf = ({ lat: _lat, lng: _lng, ...v }: Draft) => ({ ...v, chainLinkId: v.chainLinkId ?? null, location: locationOf({ ...v, lat: _lat, lng: _lng }) });

/** Registers a project (at the first stage unless another is chosen) or edits one. */
export function ProjectFormModal({ project, onClose }: { project?: Project; onClose: () => void }) {
  const { t } = useTranslation('economy');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const stages = useStages();
  const links = useAllChainLinks();
  const [form] = Form.useForm<Draft>();
  const save = useMutation({
    mutationFn: (v: Draft) => (project
      ? api.put<Project>(`/api/economy/projects/${project.id}`, { ...bodyOf(v), version: project.version })
      : api.post<Project>('/api/economy/projects', bodyOf(v))),
    onSuccess: async (p) => {
      message.success(t('projects.saved'));
      await qc.invalidateQueries({ queryKey: projectKeys.all });
      onClose();
      if (!project) navigate(`/economy/projects/${p.id}`);
    },
  });
  const initial: Partial<Draft> = project
    ? { ...project, chainLinkId: project.chainLink?.id ?? null, lat: project.location?.lat ?? null, lng: project.location?.lng ?? null }
    : { investorOrigin: '', receivedInvestmentWan: 0, constructionPercent: 0, address: '', description: '', chainLinkId: null };
  return (
    <Modal open width={720} title={project ? project.name : t('projects.add')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} data-testid="project-form">
      <ErrorAlert error={save.error} showFields />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('projects.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="investor" label={t('projects.investor')} rules={[{ required: true, min: 2 }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="investorOrigin" label={t('projects.origin')}><Input maxLength={60} /></Form.Item>
        <Form.Item name="industryCode" label={t('projects.industry')} rules={[{ required: true }]}><IndustrySelect initialLabel={project ? `${project.industryCode} ${project.industryName}` : null} /></Form.Item>
        <Form.Item name="chainLinkId" label={t('projects.chainLink')}>
          <Select allowClear showSearch optionFilterProp="label" loading={links.isLoading}
            options={(links.data ?? []).map((l) => ({ value: l.id, label: `${l.chainName} / ${l.name}` }))} />
        </Form.Item>
        <Form.Item name="totalInvestmentWan" label={t('projects.totalWan')} extra={t('projects.majorHelp')} rules={[{ required: true }]}>
          <InputNumber min={0.01} max={100_000_000} precision={2} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="receivedInvestmentWan" label={t('projects.receivedWan')}><InputNumber min={0} max={100_000_000} precision={2} style={{ width: 200 }} /></Form.Item>
        <Form.Item name="divisionCode" label={t('projects.street')} rules={[{ required: true }]}><StreetSelect initialLabel={project?.streetName} /></Form.Item>
        <Form.Item name="address" label={t('projects.address')}><Input maxLength={200} /></Form.Item>
        <Form.Item label={t('projects.location')} extra={t('projects.locationHelp')} style={{ marginBottom: 0 }}>
          <Space.Compact>
            <Form.Item name="lat" dependencies={['lng']} rules={[({ getFieldValue }) => ({
              validator: (_, v) => ((v === null || v === undefined) === (getFieldValue('lng') === null || getFieldValue('lng') === undefined) ? Promise.resolve() : Promise.reject(new Error(t('projects.locationBoth')))),
            })]}>
              <InputNumber placeholder={t('projects.lat')} min={-90} max={90} precision={7} style={{ width: 180 }} data-testid="project-lat" />
            </Form.Item>
            <Form.Item name="lng">
              <InputNumber placeholder={t('projects.lng')} min={-180} max={180} precision={7} style={{ width: 180 }} data-testid="project-lng" />
            </Form.Item>
          </Space.Compact>
        </Form.Item>
        {project ? <Form.Item name="constructionPercent" label={t('projects.progress')}><InputNumber min={0} max={100} addonAfter="%" /></Form.Item> : (
          <Form.Item name="stage" label={t('projects.startStage')}>
            <Select allowClear placeholder={stages.data?.[0]?.name} options={(stages.data ?? []).slice(0, -1).map((s) => ({ value: s.code, label: s.name }))} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('projects.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      </Form>
    </Modal>
  );
}
