import { Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ParkFile } from '../../../api/types';
import { fenToWan } from '../../../ui/format';

/** The park's totals as statistic cards. */
export function ParkStats({ totals }: { totals: ParkFile['totals'] }) {
  const { t } = useTranslation('core');
  const cards = [
    { key: 'enterprises', title: t('park.stat.enterprises'), value: totals.enterprises, suffix: t('common:unit.count') },
    { key: 'aboveScale', title: t('park.stat.aboveScale'), value: totals.aboveScale, suffix: t('common:unit.count') },
    { key: 'highTech', title: t('park.stat.highTech'), value: totals.highTech, suffix: t('common:unit.count') },
    { key: 'listed', title: t('park.stat.listed'), value: totals.listed, suffix: t('common:unit.count') },
    { key: 'employees', title: t('park.stat.employees'), value: totals.employees, suffix: t('common:unit.person') },
    {
      key: 'revenue',
      title: t('park.stat.revenue'),
      value: fenToWan(totals.revenueFen) ?? 0,
      precision: 2,
      suffix: t('common:unit.wan'),
    },
  ];
  return (
    <Row gutter={[12, 12]} data-testid="park-stats">
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={4}>
          <div className="zz-card" data-testid={`park-stat-${c.key}`}>
            <Statistic title={c.title} value={c.value} precision={c.precision} suffix={<span style={{ fontSize: 13 }}>{c.suffix}</span>} />
          </div>
        </Col>
      ))}
    </Row>
  );
}
