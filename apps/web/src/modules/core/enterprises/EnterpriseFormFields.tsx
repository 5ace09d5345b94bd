import { Checkbox, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useEnterpriseTags } from '../../../ui/reference';
import { IndustrySelect } from '../../../ui/selects/IndustrySelect';
import { ParkSelect } from '../../../ui/selects/ParkSelect';
import { StreetSelect } from '../../../ui/selects/StreetSelect';
import { isValidCreditCode } from './creditCode';

export interface EnterpriseFormFieldsProps {
  /** Whether a field may be changed (an enterprise user may change only `editableFields`). */
  editable: (field: string) => boolean;
  labels?: { industryName?: string | null; divisionName?: string | null; parkName?: string | null };
  canReadParks: boolean;
}

const STATUSES = ['active', 'suspended', 'closed'] as const;

/** The inputs of an enterprise, grouped as officers read a company: identity, place, size. */
export function EnterpriseFormFields({ editable, labels = {}, canReadParks }: EnterpriseFormFieldsProps) {
  const { t } = useTranslation('core');
  const tags = useEnterpriseTags();
  const off = (f: string) => !editable(f);
  const money = (name: string) => (
    <Form.Item name={name} label={t(`enterprise.field.${name.replace('Fen', 'Wan')}`)}>
      <InputNumber min={0} step={1} style={{ width: '100%' }} disabled={off(name)} data-testid={`field-${name}`} />
    </Form.Item>
  );

  return (
    <>
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('enterprise.section.identity')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="name" label={t('enterprise.field.name')} rules={[{ required: true, whitespace: true, message: t('enterprise.validate.name') }, { min: 2, message: t('enterprise.validate.nameMin') }, { max: 100 }]}>
            <Input disabled={off('name')} data-testid="field-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="creditCode"
            label={t('enterprise.field.creditCode')}
            normalize={(v: string) => v?.toUpperCase().replace(/\s/g, '')}
            rules={[
              { required: true, message: t('enterprise.validate.creditCodeRequired') },
              { validator: (_r, v: string) => (!v || isValidCreditCode(v) ? Promise.resolve() : Promise.reject(new Error(t('enterprise.validate.creditCode')))) },
            ]}
          >
            <Input maxLength={18} disabled={off('creditCode')} className="zz-mono" data-testid="field-creditCode" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="legalRepresentative" label={t('enterprise.field.legalRepresentative')}>
            <Input disabled={off('legalRepresentative')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="establishedOn" label={t('enterprise.field.establishedOn')}>
            <DatePicker style={{ width: '100%' }} disabled={off('establishedOn')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          {money('registeredCapitalFen')}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="status" label={t('enterprise.field.status')} rules={[{ required: true }]}>
            <Select disabled={off('status')} options={STATUSES.map((s) => ({ value: s, label: t(`common:enum.enterpriseStatus.${s}`) }))} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('enterprise.section.place')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="industryCode"
            label={t('enterprise.field.industryCode')}
            rules={[{ required: true, message: t('enterprise.validate.industry') }]}
            extra={t('enterprise.hint.industry')}
          >
            <IndustrySelect leafOnly disabled={off('industryCode')} initialLabel={labels.industryName} testId="field-industryCode" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="divisionCode" label={t('enterprise.field.divisionCode')} rules={[{ required: true, message: t('enterprise.validate.division') }]}>
            <StreetSelect disabled={off('divisionCode')} initialLabel={labels.divisionName} testId="field-divisionCode" />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="parkId" label={t('enterprise.field.parkId')}>
            <ParkSelect
              disabled={off('parkId')}
              initialLabel={labels.parkName}
              enabled={canReadParks}
              placeholder={t('common:select.noPark')}
              testId="field-parkId"
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={t('enterprise.field.address')}>
            <Input disabled={off('address')} />
          </Form.Item>
        </Col>
      </Row>

      <Divider titlePlacement="start" plain>
        {t('enterprise.section.scale')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={6}>
          <Form.Item name="employees" label={t('enterprise.field.employees')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} disabled={off('employees')} data-testid="field-employees" suffix={t('common:unit.person')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          {money('revenueFen')}
        </Col>
        <Col xs={24} md={6}>
          {money('assetsFen')}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label={t('enterprise.field.flags')} extra={t('enterprise.hint.sizeClass')}>
            <Form.Item name="aboveScale" valuePropName="checked" noStyle>
              <Checkbox disabled={off('aboveScale')}>{t('common:enum.flag.aboveScale')}</Checkbox>
            </Form.Item>
            <Form.Item name="highTech" valuePropName="checked" noStyle>
              <Checkbox disabled={off('highTech')}>{t('common:enum.flag.highTech')}</Checkbox>
            </Form.Item>
            <Form.Item name="listed" valuePropName="checked" noStyle>
              <Checkbox disabled={off('listed')}>{t('common:enum.flag.listed')}</Checkbox>
            </Form.Item>
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="tags" label={t('enterprise.field.tags')}>
            <Select
              mode="tags"
              disabled={off('tags')}
              options={(tags.data ?? []).map((tag) => ({ value: tag, label: tag }))}
              tokenSeparators={[',', '，', ' ']}
              placeholder={t('enterprise.hint.tags')}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="businessScope" label={t('enterprise.field.businessScope')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} disabled={off('businessScope')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
