import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../i18n';
import { useLocale } from '../i18n/useLocale';
import { GlobeIcon } from './icons';

/** 中文 / English; `persist` saves the choice on the account too (signed-in pages). */
export function LocaleSwitch({ persist }: { persist: boolean }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({
          key: l,
          label: <span data-testid={`locale-${l}`}>{t(`locale.${l}`)}</span>,
        })),
        onClick: ({ key }) => void setLocale(key as Locale, { persist }),
      }}
    >
      <Button type="text" icon={<GlobeIcon />} data-testid="locale-switch" aria-label={t('layout.language')}>
        {t(`locale.${locale}`)}
      </Button>
    </Dropdown>
  );
}
