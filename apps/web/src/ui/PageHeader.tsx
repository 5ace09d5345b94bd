import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Button, Flex, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ArrowLeftIcon } from './icons';

export interface PageHeaderProps {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Tags or badges after the title. */
  tags?: ReactNode;
  /** Buttons on the right. */
  extra?: ReactNode;
  /** Shows a back arrow: a path, or true for history back. */
  back?: string | boolean;
  breadcrumb?: { title: ReactNode; to?: string }[];
  /** The browser tab's title; defaults to `title` when it is plain text. */
  docTitle?: string;
  children?: ReactNode;
}

/** The top of every page: where you are, what this is, what you can do here. */
export function PageHeader({ title, subTitle, tags, extra, back, breadcrumb, docTitle, children }: PageHeaderProps) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const tabTitle = docTitle ?? (typeof title === 'string' ? title : undefined);
  useEffect(() => {
    if (tabTitle) document.title = `${tabTitle} · ${t('app.name')}`;
  }, [tabTitle, t]);
  return (
    <div className="zz-page-header">
      {breadcrumb?.length ? (
        <Breadcrumb
          style={{ marginBottom: 4, fontSize: 12 }}
          items={breadcrumb.map((b) => ({ title: b.to ? <Link to={b.to}>{b.title}</Link> : b.title }))}
        />
      ) : null}
      <Flex align="center" justify="space-between" gap={12} wrap>
        <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
          {back ? (
            <Button
              type="text"
              size="small"
              aria-label={t('action.back')}
              icon={<ArrowLeftIcon />}
              onClick={() => (typeof back === 'string' ? navigate(back) : navigate(-1))}
            />
          ) : null}
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
            {title}
          </Typography.Title>
          {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
          {tags}
        </Flex>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children ? <div style={{ marginTop: 8 }}>{children}</div> : null}
    </div>
  );
}
