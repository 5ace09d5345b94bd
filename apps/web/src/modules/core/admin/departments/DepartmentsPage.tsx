import { useMemo, useState } from 'react';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../../api/client';
import type { Department } from '../../../../api/types';
import { ErrorAlert } from '../../../../ui/ErrorAlert';
import { PlusIcon } from '../../../../ui/icons';
import { PageHeader } from '../../../../ui/PageHeader';
import { refKeys, useCounty, useDepartments } from '../../../../ui/reference';
import { DepartmentModal, type DepartmentEdit } from './DepartmentModal';

type Node = Department & { children?: Node[] };

function toTree(list: Department[]): Node[] {
  const byParent = new Map<string | null, Department[]>();
  for (const d of list) byParent.set(d.parentId, [...(byParent.get(d.parentId) ?? []), d]);
  const build = (parent: string | null): Node[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((d) => {
        const children = build(d.id);
        return children.length ? { ...d, children } : { ...d };
      });
  return build(null);
}

/** 部门科室: departments and their sections, as a tree. */
export function DepartmentsPage() {
  const { t } = useTranslation('core');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const deps = useDepartments();
  const county = useCounty();
  const [editing, setEditing] = useState<DepartmentEdit | null>(null);
  const tree = useMemo(() => toTree(deps.data ?? []), [deps.data]);
  const streetName = (code: string | null) => (code ? (county.data?.streets.find((s) => s.code === code)?.name ?? code) : '—');

  const remove = useMutation({
    mutationFn: (d: Department) => api.del(`/api/departments/${d.id}`),
    onSuccess: () => {
      message.success(t('common:state.deleted'));
      void qc.invalidateQueries({ queryKey: refKeys.departments });
    },
    onError: (e) => message.error((e as Error).message),
  });

  return (
    <>
      <PageHeader
        title={t('department.title')}
        extra={
          <Button type="primary" icon={<PlusIcon />} onClick={() => setEditing({ mode: 'create', parent: null })} data-testid="department-create">
            {t('department.create')}
          </Button>
        }
      />
      <div className="zz-card">
        {deps.error ? <ErrorAlert error={deps.error} onRetry={() => void deps.refetch()} style={{ marginBottom: 8 }} /> : null}
        <Table<Node>
          size="small"
          rowKey="id"
          loading={deps.isLoading}
          dataSource={tree}
          pagination={false}
          expandable={{ defaultExpandAllRows: true }}
          key={tree.length ? 'loaded' : 'empty'}
          data-testid="department-table"
          locale={{ emptyText: t('department.empty') }}
          columns={[
            {
              title: t('department.name'),
              render: (_, d) => (
                <Flex gap={6} align="center">
                  <Typography.Text strong={d.kind === 'department'}>{d.name}</Typography.Text>
                  <Tag color={d.kind === 'department' ? 'blue' : undefined}>{t(`department.kind.${d.kind}`)}</Tag>
                </Flex>
              ),
            },
            { title: t('department.division'), render: (_, d) => streetName(d.divisionCode) },
            { title: t('department.userCount'), dataIndex: 'userCount', align: 'right', width: 90 },
            {
              title: t('common:table.actions'),
              width: 220,
              render: (_, d) => (
                <Flex>
                  {d.kind === 'department' ? (
                    <Button type="link" size="small" onClick={() => setEditing({ mode: 'create', parent: d })} data-testid={`section-create-${d.id}`}>
                      {t('department.addSection')}
                    </Button>
                  ) : null}
                  <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', department: d })}>
                    {t('common:action.edit')}
                  </Button>
                  <Popconfirm title={t('common:confirm.deleteNamed', { name: d.name })} onConfirm={() => remove.mutateAsync(d)} okButtonProps={{ danger: true }}>
                    <Button type="link" size="small" danger>
                      {t('common:action.delete')}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      </div>
      {editing ? <DepartmentModal edit={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
