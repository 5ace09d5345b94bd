import { useState } from 'react';
import { Badge, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FunnelChart } from 'echarts/charts';
import { useMe } from '../../auth/session';
import { PageHeader } from '../../ui/PageHeader';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageLoading } from '../../ui/PageLoading';
import { CHART_COLORS, EChart, echarts } from '../../ui/EChart';
import { PlusIcon } from '../../ui/icons';
import { fmtNumber } from './api';
import { usePipeline, type Pipeline, type ProjectCard } from './chains-api';
import { ProjectFormModal } from './ProjectFormModal';
import { ProjectMap } from './ProjectMap';

echarts.use([FunnelChart]);

const yi = (wan: number) => fmtNumber(wan / 10_000, 2);

function Card1({ p }: { p: ProjectCard }) {
  const { t } = useTranslation('economy');
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`project-card-${p.name}`}>
      <Link to={`/economy/projects/${p.id}`}><Typography.Text strong>{p.name}</Typography.Text></Link>
      <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.investor}</Typography.Text></div>
      <Space size={4} wrap style={{ marginTop: 4 }}>
        <Tag color={p.major ? 'red' : undefined}>{yi(p.totalInvestmentWan)} {t('unit.yi')}</Tag>
        {p.chainLink ? <Tag color="blue">{p.chainLink.name}</Tag> : null}
        <Tag>{t('projects.days', { count: p.daysInStage })}</Tag>
        {p.overdueMilestones ? <Tag color="error">{t('projects.overdueCount', { count: p.overdueMilestones })}</Tag> : null}
        {p.status === 'landed' ? <Tag color="success">{t('projects.status.landed')}</Tag> : null}
      </Space>
    </Card>
  );
}

function Board({ data }: { data: Pipeline }) {
  const { t } = useTranslation('economy');
  return (
    <div style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 8 }} data-testid="project-board">
      {data.stages.map((s) => (
        <div key={s.stage} style={{ minWidth: 180, flex: 1, background: '#f5f7fa', borderRadius: 6, padding: 8 }} data-testid={`board-${s.stage}`}>
          <Space style={{ marginBottom: 6 }}><Typography.Text strong>{s.name}</Typography.Text><Badge count={s.count} showZero color="#1b5fd1" /></Space>
          <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.stageTotal', { total: yi(s.totalInvestmentWan), major: s.major })}</Typography.Text></div>
          <div style={{ marginTop: 8 }}>{s.projects.length ? s.projects.map((p) => <Card1 key={p.id} p={p} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.emptyStage')} />}</div>
        </div>
      ))}
    </div>
  );
}

function funnelOption(d: Pipeline) {
  return {
    color: CHART_COLORS,
    tooltip: { trigger: 'item' },
    series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '10%', label: { formatter: '{b}：{c}' },
      data: d.funnel.map((f) => ({ name: f.name, value: f.reached })) }],
  };
}
function streetOption(d: Pipeline, t: (k: string) => string) {
  return {
    color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 50, top: 32, bottom: 30 },
    xAxis: { type: 'category', data: d.byStreet.map((s) => s.name) },
    yAxis: [{ type: 'value', name: t('unit.yi') }, { type: 'value', name: t('projects.countAxis'), splitLine: { show: false } }],
    series: [
      { name: t('projects.investment'), type: 'bar', data: d.byStreet.map((s) => Math.round(s.totalInvestmentWan / 100) / 100) },
      { name: t('projects.count'), type: 'line', yAxisIndex: 1, data: d.byStreet.map((s) => s.count) },
    ],
  };
}
function timeOption(d: Pipeline, t: (k: string) => string) {
  return {
    color: CHART_COLORS, tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 50, right: 20, top: 32, bottom: 30 },
    xAxis: { type: 'category', data: d.timeInStage.map((s) => s.name) }, yAxis: { type: 'value', name: t('projects.daysAxis') },
    series: [
      { name: t('projects.medianDays'), type: 'bar', data: d.timeInStage.map((s) => s.medianDays) },
      { name: t('projects.targetDays'), type: 'line', data: d.timeInStage.map((s) => s.targetDays) },
    ],
  };
}

/** 招商项目: the pipeline board by stage, the funnel, days in stage, by street, major projects and overdue milestones. */
export function ProjectsPage() {
  const { t } = useTranslation('economy');
  const { data: me } = useMe();
  const canWrite = !!me?.permissions.includes('economy.invest');
  const q = usePipeline();
  const [creating, setCreating] = useState(false);
  if (q.isLoading) return <PageLoading />;
  const d = q.data;
  return (
    <div data-testid="economy-projects">
      <PageHeader title={t('projects.title')} subTitle={t('projects.subTitle')} extra={(
        <Space>
          <DownloadButton path="/api/economy/projects/export.xlsx">{t('projects.export')}</DownloadButton>
          {canWrite ? <Button type="primary" icon={<PlusIcon />} onClick={() => setCreating(true)} data-testid="project-add">{t('projects.add')}</Button> : null}
        </Space>
      )} />
      <ErrorAlert error={q.error} />
      {d ? (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={6}><Card size="small"><Statistic title={t('projects.totalCount')} value={d.totals.count} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('projects.totalInvestment')} value={d.totals.totalInvestmentWan / 10_000} precision={2} suffix={t('unit.yi')} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('projects.majorCount')} value={d.totals.major} /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t('projects.overdueTotal')} value={d.overdue.length} valueStyle={{ color: d.overdue.length ? '#d9534f' : undefined }} /></Card></Col>
          </Row>
          <Tabs items={[
            { key: 'board', label: t('projects.tabs.board'), children: <Board data={d} /> },
            { key: 'funnel', label: t('projects.tabs.funnel'), children: (
              <Row gutter={12}>
                <Col xs={24} lg={12}><Card size="small" title={t('projects.funnel')}><EChart option={funnelOption(d)} height={320} testId="project-funnel" /></Card></Col>
                <Col xs={24} lg={12}><Card size="small" title={t('projects.timeInStage')}><EChart option={timeOption(d, t)} height={320} /></Card></Col>
                <Col span={24} style={{ marginTop: 12 }}>
                  <Table size="small" rowKey="stage" pagination={false} dataSource={d.timeInStage.map((r) => ({ ...r, conversion: d.funnel.find((f) => f.stage === r.stage) }))}
                    columns={[
                      { title: t('projects.stage'), dataIndex: 'name' },
                      { title: t('projects.reached'), key: 'r', align: 'right', render: (_, r) => r.conversion?.reached },
                      { title: t('projects.conversion'), key: 'c', align: 'right', render: (_, r) => (r.conversion?.conversionPercent === null || r.conversion?.conversionPercent === undefined ? '—' : `${r.conversion.conversionPercent}%`) },
                      { title: t('projects.medianDays'), dataIndex: 'medianDays', align: 'right', render: (v: number | null) => v ?? '—' },
                      { title: t('projects.averageDays'), dataIndex: 'averageDays', align: 'right', render: (v: number | null) => v ?? '—' },
                      { title: t('projects.current'), dataIndex: 'current', align: 'right' },
                      { title: t('projects.longest'), dataIndex: 'longestCurrentDays', align: 'right', render: (v: number | null) => v ?? '—' },
                      { title: t('projects.targetDays'), dataIndex: 'targetDays', align: 'right', render: (v: number | null) => v ?? '—' },
                      { title: t('projects.overTarget'), dataIndex: 'overTarget', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
                    ]} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('projects.funnelHelp', { dropped: d.dropped })}</Typography.Text>
                </Col>
              </Row>
            ) },
            { key: 'map', label: t('projects.tabs.map'), children: <ProjectMap /> },
            { key: 'street', label: t('projects.tabs.street'), children: (
              <Row gutter={12}>
                <Col xs={24} lg={14}><EChart option={streetOption(d, t)} height={300} empty={d.byStreet.length ? undefined : <Empty />} /></Col>
                <Col xs={24} lg={10}>
                  <Table size="small" rowKey="divisionCode" pagination={false} dataSource={d.byStreet} columns={[
                    { title: t('projects.street'), dataIndex: 'name' }, { title: t('projects.count'), dataIndex: 'count', align: 'right' },
                    { title: t('projects.investmentYi'), dataIndex: 'totalInvestmentWan', align: 'right', render: yi }, { title: t('projects.majorCount'), dataIndex: 'major', align: 'right' },
                  ]} />
                </Col>
              </Row>
            ) },
            { key: 'major', label: t('projects.tabs.major'), children: (
              <Table<ProjectCard> size="small" rowKey="id" pagination={false} dataSource={d.major} data-testid="project-major" columns={[
                { title: t('projects.name'), dataIndex: 'name', render: (v: string, p) => <Link to={`/economy/projects/${p.id}`}>{v}</Link> },
                { title: t('projects.investor'), dataIndex: 'investor' },
                { title: t('projects.investmentYi'), dataIndex: 'totalInvestmentWan', align: 'right', render: yi },
                { title: t('projects.receivedYi'), dataIndex: 'receivedInvestmentWan', align: 'right', render: yi },
                { title: t('projects.stage'), dataIndex: 'stageName' },
                { title: t('projects.progress'), dataIndex: 'constructionPercent', width: 200, render: (v: number) => <Progress percent={v} size="small" /> },
                { title: t('projects.street'), dataIndex: 'streetName' },
              ]} />
            ) },
            { key: 'overdue', label: <span>{t('projects.tabs.overdue')} <Badge count={d.overdue.length} /></span>, children: (
              <Table size="small" rowKey="milestoneId" pagination={{ pageSize: 20 }} dataSource={d.overdue} data-testid="project-overdue" columns={[
                { title: t('projects.name'), dataIndex: 'projectName', render: (v: string, r) => <Link to={`/economy/projects/${r.projectId}`}>{v}</Link> },
                { title: t('projects.stage'), dataIndex: 'stageName' }, { title: t('projects.milestone'), dataIndex: 'name' },
                { title: t('projects.dueDate'), dataIndex: 'dueDate' },
                { title: t('projects.overdueDays'), dataIndex: 'overdueDays', align: 'right', render: (v: number) => <Typography.Text type="danger">{v}</Typography.Text> },
                { title: t('projects.escalation'), dataIndex: 'escalation', render: (v: number) => (v ? <Tag color={v === 2 ? 'red' : 'orange'}>{t(`projects.escalationLevel.${v}`)}</Tag> : '—') },
                { title: t('projects.owner'), dataIndex: 'owner' },
              ]} />
            ) },
          ]} />
        </>
      ) : null}
      {creating ? <ProjectFormModal onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
