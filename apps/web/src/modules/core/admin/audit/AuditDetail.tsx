import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../api/types';

/** before / after side by side, as the server stored them. */
export function AuditDetail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation('core');
  const show = (v: unknown) => (v == null ? '—' : JSON.stringify(v, null, 2));
  return (
    <Row gutter={12} data-testid="audit-detail">
      <Col span={12}>
        <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
        <pre className="zz-json">{show(entry.before)}</pre>
      </Col>
      <Col span={12}>
        <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
        <pre className="zz-json">{show(entry.after)}</pre>
      </Col>
    </Row>
  );
}
