import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { PlusIcon } from '../../ui/icons';
import { chainKeys, useChain, type Chain, type ChainLink, type Segment } from './chains-api';

type LinkDraft = { parentId: string | null; name: string; nameEn: string; segment: Segment; industryPrefixes: string[]; keywords: string[]; sortOrder: number };
const SEGMENTS: Segment[] = ['upstream', 'midstream', 'downstream'];

/** Tree order with depth, for the indented table. */
function ordered(links: ChainLink[]): (ChainLink & { depth: number })[] {
  const out: (ChainLink & { depth: number })[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const l of links.filter((x) => x.parentId === parent).sort((a, b) => a.sortOrder - b.sortOrder)) {
      out.push({ ...l, depth });
      walk(l.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** 产业链编辑: the chain's name and its links (parent, segment, industry codes at any level, keywords). */
export function ChainEditorPage() {
  const { t } = useTranslation('economy');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const chain = useChain(id);
  const [editing, setEditing] = useState<ChainLink | { parentId: string | null } | null>(null);
  const [form] = Form.useForm<LinkDraft>();
  const [chainForm] = Form.useForm<{ name: string; nameEn: string; description: string; sortOrder: number }>();
  const refresh = async () => { await qc.invalidateQueries({ queryKey: chainKeys.all }); };
  const saveLink = useMutation({
    mutationFn: (v: LinkDraft) => (editing && 'id' in editing
      ? api.put<Chain>(`/api/economy/chain-links/${editing.id}`, { ...v, version: editing.version })
      : api.post<Chain>(`/api/economy/chains/${id}/links`, v)),
    onSuccess: async () => { message.success(t('chains.saved')); await refresh(); setEditing(null); },
  });
  const removeLink = useMutation({ mutationFn: (linkId: string) => api.del(`/api/economy/chain-links/${linkId}`), onSuccess: refresh });
  const saveChain = useMutation({
    mutationFn: (v: { name: string; nameEn: string; description: string; sortOrder: number }) => api.put<Chain>(`/api/economy/chains/${id}`, { ...v, version: chain.data?.version }),
    onSuccess: async () => { message.success(t('chains.saved')); await refresh(); },
  });
  const removeChain = useMutation({ mutationFn: () => api.del(`/api/economy/chains/${id}`), onSuccess: async () => { await refresh(); navigate('/economy/chains'); } });
  if (chain.isLoading) return <PageLoading />;
  if (!chain.data) return <ErrorAlert error={chain.error} />;
  const links = ordered(chain.data.links);
  const open = (target: ChainLink | { parentId: string | null }) => {
    saveLink.reset();
    setEditing(target);
    form.setFieldsValue('id' in target ? target : { parentId: target.parentId, name: '', nameEn: '', segment: 'midstream', industryPrefixes: [], keywords: [], sortOrder: links.length + 1 });
  };
  return (
    <div data-testid="chain-editor">
      <PageHeader title={t('chains.editTitle', { name: chain.data.name })} back={`/economy/chains/${id}`}
        extra={<Popconfirm title={t('chains.deleteChainConfirm', { name: chain.data.name })} onConfirm={() => removeChain.mutate()}><Button danger>{t('chains.deleteChain')}</Button></Popconfirm>} />
      <ErrorAlert error={saveChain.error ?? removeChain.error ?? removeLink.error} showFields />
      <Card size="small" title={t('chains.chainInfo')} style={{ marginBottom: 12 }}>
        <Form form={chainForm} layout="inline" initialValues={chain.data} onFinish={(v) => saveChain.mutate(v)}>
          <Form.Item name="name" label={t('chains.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="nameEn" label={t('chains.nameEn')}><Input maxLength={120} /></Form.Item>
          <Form.Item name="sortOrder" label={t('chains.sortOrder')}><InputNumber min={0} max={999} /></Form.Item>
          <Form.Item name="description" label={t('chains.description')} style={{ minWidth: 420 }}><Input.TextArea rows={1} maxLength={1000} /></Form.Item>
          <Button htmlType="submit" loading={saveChain.isPending}>{t('chains.save')}</Button>
        </Form>
      </Card>
      <Card size="small" title={t('chains.links')} extra={<Button type="primary" icon={<PlusIcon />} onClick={() => open({ parentId: null })} data-testid="link-add">{t('chains.addLink')}</Button>}>
        <Table size="small" rowKey="id" pagination={false} dataSource={links}
          columns={[
            { title: t('chains.link'), dataIndex: 'name', render: (v: string, l) => <span style={{ paddingLeft: l.depth * 20 }}>{l.depth ? '└ ' : ''}{v}</span> },
            { title: t('chains.segment'), dataIndex: 'segment', render: (s: string) => t(`chains.segments.${s}`) },
            { title: t('chains.codes'), dataIndex: 'industryNames', render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>) },
            { title: t('chains.keywords'), dataIndex: 'keywords', render: (ks: string[]) => ks.map((k) => <Tag key={k} color="blue">{k}</Tag>) },
            { title: '', key: 'a', width: 220, render: (_, l) => (
              <Space>
                <Button size="small" type="link" onClick={() => open({ parentId: l.id })}>{t('chains.addChild')}</Button>
                <Button size="small" type="link" onClick={() => open(l)}>{t('chains.editLink')}</Button>
                <Popconfirm title={t('chains.deleteLinkConfirm', { name: l.name })} onConfirm={() => removeLink.mutate(l.id)}>
                  <Button size="small" type="link" danger>{t('chains.deleteLink')}</Button>
                </Popconfirm>
              </Space>
            ) },
          ]} />
      </Card>
      {editing ? (
        <Modal open title={'id' in editing ? editing.name : t('chains.addLink')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={saveLink.isPending}>
          <ErrorAlert error={saveLink.error} showFields />
          <Form form={form} layout="vertical" onFinish={(v) => saveLink.mutate({ ...v, parentId: v.parentId ?? null })}>
            <Form.Item name="parentId" label={t('chains.parent')}>
              <Select allowClear placeholder={t('chains.topLevel')} options={links.filter((l) => !('id' in editing) || l.id !== editing.id).map((l) => ({ value: l.id, label: `${'　'.repeat(l.depth)}${l.name}` }))} />
            </Form.Item>
            <Form.Item name="name" label={t('chains.linkName')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="nameEn" label={t('chains.nameEn')}><Input maxLength={120} /></Form.Item>
            <Form.Item name="segment" label={t('chains.segment')}><Select options={SEGMENTS.map((s) => ({ value: s, label: t(`chains.segments.${s}`) }))} /></Form.Item>
            <Form.Item name="industryPrefixes" label={t('chains.codes')} extra={t('chains.codesHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} data-testid="link-codes" />
            </Form.Item>
            <Form.Item name="keywords" label={t('chains.keywords')} extra={t('chains.keywordsHelp')}>
              <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
            </Form.Item>
            <Form.Item name="sortOrder" label={t('chains.sortOrder')}><InputNumber min={0} max={999} /></Form.Item>
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}
