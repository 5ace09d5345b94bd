import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../reference';

export interface DepartmentSelectProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  disabled?: boolean;
  /** Only departments (no sections) can be chosen, e.g. as a parent. */
  departmentsOnly?: boolean;
  style?: React.CSSProperties;
  id?: string;
  testId?: string;
  initialLabel?: string | null;
}

/** 部门 → 科室 tree from /api/departments. */
export function DepartmentSelect({ value, onChange, placeholder, disabled, departmentsOnly, style, id, testId, initialLabel }: DepartmentSelectProps) {
  const { t } = useTranslation();
  const deps = useDepartments();
  const treeData = useMemo(() => {
    const rows = (deps.data ?? []).filter((d) => !departmentsOnly || d.kind === 'department');
    const nodes = rows.map((d) => ({ id: d.id, pId: d.parentId ?? 0, value: d.id, title: d.name }));
    if (value && !nodes.some((n) => n.value === value)) nodes.unshift({ id: value, pId: 0, value, title: initialLabel ?? value });
    return nodes;
  }, [deps.data, departmentsOnly, value, initialLabel]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      style={style}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeDataSimpleMode
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      loading={deps.isLoading}
      placeholder={placeholder ?? t('select.department')}
      allowClear
      disabled={disabled}
      popupMatchSelectWidth={false}
    />
  );
}
