import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Drawer, Empty, Form, Input, List, Modal, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { TreeChart } from 'echarts/charts';
import { api } from '../../api/client';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { EChart, echarts } from '../../ui/EChart';
import { PlusIcon, SettingsIcon } from '../../ui/icons';
import { fmtNumber, fmtPercent } from './api';
import { chainKeys, useChainMap, useChains, useLinkEnterprises, type Chain, type ChainMapView, type MapNode } from './chains-api';

echarts.use([TreeChart]);

const GAP_COLOR = { missing: '#d9534f', weak: '#f0a020', none: '#2fa36b' } as const;

interface TreeDatum { name: string; value: number; id: string; children: TreeDatum[]; itemStyle: { color: string; borderColor: string }; label?: object }

function treeOption(map: ChainMapView, t: (k: string, o?: Record<string, unknown>) => string) {
  const toDatum = (n: MapNode): TreeDatum => ({
    id: n.id, name: `${n.name}\n${t('chains.nodeLabel', { count: n.enterprises, score: n.score })}`, value: n.enterprises,
    itemStyle: { color: GAP_COLOR[n.gap ?? 'none'], borderColor: GAP_COLOR[n.gap ?? 'none'] },
    children: map.nodes.filter((c) => c.parentId === n.id).map(toDatum),
  });
  const roots = map.nodes.filter((n) => n.parentId === null).map(toDatum);
  return {
    tooltip: { trigger: 'item', formatter: (p: { data: { id?: string } }) => {
      const n = map.nodes.find((x) => x.id === p.data.id);
      if (!n) return map.chain.name;
      return `<b>${n.name}</b><br/>${t('chains.enterprises')}: ${n.enterprises}<br/>${t('chains.revenue')}: ${fmtNumber(n.revenueWan, 0)}<br/>${t('chains.growth')}: ${fmtPercent(n.growthPercent)}<br/>${t('chains.score')}: ${n.score}${n.gap ? `<br/>${t(`chains.gap.${n.gap}`)}` : ''}`;
    } },
    series: [{
      type: 'tree', orient: 'LR', top: 20, bottom: 20, left: 90, right: 170, symbol: 'circle', symbolSize: 14, initialTreeDepth: -1, expandAndCollapse: false,
      label: { position: 'left', verticalAlign: 'middle', align: 'right', fontSize: 12 },
      leaves: { label: { position: 'right', align: 'left' } },
      lineStyle: { color: '#bbb', width: 1.2 },
      data: [{ id: '', name: map.chain.name, value: 0, itemStyle: { color: '#1b5fd1', borderColor: '#1b5fd1' }, children: roots }],
    }],
  };
}

/** 产业链图谱: the chain as a tree, each link's local enterprises (distinct), strength, the gaps and the projects filling them. */
export function ChainsPage() {
  const { t } = useTranslation('economy');
  const { id: routeId } = useParams();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const canEdit = !!me?.permissions.includes('economy.chains');
  const chains = useChains();
  const id = routeId ?? chains.data?.[0]?.id ?? '';
  const map = useChainMap(id);
  const [selected, setSelected] = useState<MapNode | null>(null);
  const [creating, setCreating] = useState(false);
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; description: string }>();
  const create = useMutation({
    mutationFn: (v: { name: string; description: string }) => api.post<Chain>('/api/economy/chains', v),
    onSuccess: async (c) => { await qc.invalidateQueries({ queryKey: chainKeys.all }); setCreating(false); navigate(`/economy/chains/${c.id}/edit`); },
  });
  const gaps = useMemo(() => (map.data?.nodes ?? []).filter((n) => n.gap), [map.data]);
  if (chains.isLoading) return <PageLoading />;
  return (
    <div data-testid="economy-chains">
      <PageHeader title={t('chains.title')} subTitle={t('chains.subTitle')} extra={canEdit ? (
        <Space>
          {id ? <Button icon={<SettingsIcon />} onClick={() => navigate(`/economy/chains/${id}/edit`)} data-testid="chain-edit">{t('chains.edit')}</Button> : null}
          <Button type="primary" icon={<PlusIcon />} onClick={() => { create.reset(); form.resetFields(); setCreating(true); }}>{t('chains.add')}</Button>
        </Space>
      ) : null} />
      <ErrorAlert error={chains.error ?? map.error} />
      {!chains.data?.length ? <Empty description={t('chains.none')} /> : (
        <>
          <Segmented
            data-testid="chain-switch"
            value={id}
            onChange={(v) => { setSelected(null); navigate(`/economy/chains/${String(v)}`); }}
            options={chains.data.map((c) => ({ value: c.id, label: c.name }))}
            style={{ marginBottom: 12 }}
          />
          {map.data ? (
            <Row gutter={[12, 12]}>
              <Col xs={24} xl={16}>
                <Card size="small" title={t('chains.map', { period: map.data.period ?? '—' })} data-testid="chain-map"
                  extra={<Space size={4}><Tag color={GAP_COLOR.missing}>{t('chains.gap.missing')}</Tag><Tag color={GAP_COLOR.weak}>{t('chains.gap.weak')}</Tag><Tag color={GAP_COLOR.none}>{t('chains.gap.none')}</Tag></Space>}>
                  <EChart option={treeOption(map.data, t)} height={Math.max(320, map.data.nodes.length * 46)} testId="chain-tree"
                    onClick={(p) => setSelected(map.data!.nodes.find((n) => n.id === (p.data as { id?: string }).id) ?? null)} />
                  <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>{map.data.method}</Typography.Paragraph>
                </Card>
              </Col>
              <Col xs={24} xl={8}>
                <Card size="small" title={t('chains.gaps', { count: gaps.length })} data-testid="chain-gaps">
                  {gaps.length === 0 ? <Empty description={t('chains.noGaps')} /> : (
                    <List
                      dataSource={gaps}
                      renderItem={(n) => (
                        <List.Item data-testid={`gap-${n.name}`}>
                          <div style={{ width: '100%' }}>
                            <Space><Tag color={GAP_COLOR[n.gap!]}>{t(`chains.gap.${n.gap}`)}</Tag><Typography.Text strong>{n.name}</Typography.Text>
                              <Typography.Text type="secondary">{t('chains.nodeLabel', { count: n.enterprises, score: n.score })}</Typography.Text></Space>
                            {n.projects.length ? (
                              <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                                {n.projects.map((p) => (
                                  <li key={p.id}><Link to={`/economy/projects/${p.id}`}>{p.name}</Link> <Tag>{p.stageName}</Tag>{fmtNumber(p.totalInvestmentWan / 10_000, 2)} {t('unit.yi')}</li>
                                ))}
                              </ul>
                            ) : <div><Typography.Text type="danger">{t('chains.noProjects')}</Typography.Text></div>}
                          </div>
                        </List.Item>
                      )}
                    />
                  )}
                </Card>
              </Col>
              <Col span={24}>
                <Table<MapNode>
                  size="small" rowKey="id" pagination={false} dataSource={map.data.nodes} data-testid="chain-table"
                  onRow={(n) => ({ onClick: () => setSelected(n), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: t('chains.link'), dataIndex: 'name', render: (v: string, n) => <span style={{ paddingLeft: depth(map.data!.nodes, n) * 16 }}>{v}</span> },
                    { title: t('chains.segment'), dataIndex: 'segment', render: (s: string) => t(`chains.segments.${s}`) },
                    { title: t('chains.codes'), dataIndex: 'industryNames', render: (names: string[], n) => [...names, ...n.keywords.map((k) => `「${k}」`)].join('、') },
                    { title: t('chains.enterprises'), dataIndex: 'enterprises', align: 'right' },
                    { title: t('chains.aboveScale'), dataIndex: 'aboveScale', align: 'right' },
                    { title: t('chains.revenue'), dataIndex: 'revenueWan', align: 'right', render: (v: number) => fmtNumber(v, 0) },
                    { title: t('chains.growth'), dataIndex: 'growthPercent', align: 'right', render: fmtPercent },
                    { title: t('chains.score'), dataIndex: 'score', align: 'right' },
                    { title: t('chains.state'), dataIndex: 'gap', render: (g: MapNode['gap']) => <Tag color={GAP_COLOR[g ?? 'none']}>{t(`chains.gap.${g ?? 'none'}`)}</Tag> },
                    { title: t('chains.projects'), key: 'p', align: 'right', render: (_, n) => n.projects.length },
                  ]}
                />
              </Col>
            </Row>
          ) : <PageLoading />}
        </>
      )}
      <LinkDrawer node={selected} onClose={() => setSelected(null)} />
      {creating ? (
        <Modal open title={t('chains.add')} onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending}>
          <ErrorAlert error={create.error} showFields />
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
            <Form.Item name="name" label={t('chains.name')} rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="description" label={t('chains.description')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}

function depth(nodes: MapNode[], n: MapNode): number {
  let d = 0;
  for (let p = n.parentId; p; p = nodes.find((x) => x.id === p)?.parentId ?? null) d++;
  return d;
}

function LinkDrawer({ node, onClose }: { node: MapNode | null; onClose: () => void }) {
  const { t } = useTranslation('economy');
  const list = useLinkEnterprises(node?.id ?? null);
  return (
    <Drawer open={!!node} onClose={onClose} title={node?.name} size={560} data-testid="link-drawer">
      {node ? (
        <>
          {node.gap ? <Alert type={node.gap === 'missing' ? 'error' : 'warning'} showIcon title={t(`chains.gapHelp.${node.gap}`)} style={{ marginBottom: 12 }} /> : null}
          <Descriptions size="small" column={2} bordered items={[
            { key: 'e', label: t('chains.enterprises'), children: node.enterprises },
            { key: 'a', label: t('chains.aboveScale'), children: node.aboveScale },
            { key: 'h', label: t('chains.highTech'), children: node.highTech },
            { key: 's', label: t('chains.score'), children: node.score },
            { key: 'r', label: t('chains.revenue'), children: fmtNumber(node.revenueWan, 0) },
            { key: 'g', label: t('chains.growth'), children: `${fmtPercent(node.growthPercent)}（${t('chains.compared', { count: node.compared })}）` },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('chains.projects')}</Typography.Title>
          {node.projects.length ? node.projects.map((p) => <div key={p.id}><Link to={`/economy/projects/${p.id}`}>{p.name}</Link> <Tag>{p.stageName}</Tag></div>) : <Typography.Text type="secondary">{t('chains.noProjects')}</Typography.Text>}
          <Typography.Title level={5} style={{ marginTop: 16 }}>{t('chains.enterpriseList')}</Typography.Title>
          <Table size="small" rowKey="id" loading={list.isLoading} dataSource={list.data ?? []} pagination={{ pageSize: 10 }}
            columns={[
              { title: t('chains.enterpriseName'), dataIndex: 'name', render: (v: string, e) => <Link to={`/enterprises/${e.id}`}>{v}</Link> },
              { title: t('chains.industry'), dataIndex: 'industryCode' },
              { title: t('chains.revenue'), dataIndex: 'revenueWan', align: 'right', render: (v: number | null) => fmtNumber(v, 0) },
            ]} />
        </>
      ) : null}
    </Drawer>
  );
}
