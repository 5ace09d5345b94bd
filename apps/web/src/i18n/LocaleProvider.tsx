import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme } from 'antd';
import zhCNAntd from 'antd/locale/zh_CN';
import enUSAntd from 'antd/locale/en_US';
import { useTranslation } from 'react-i18next';
import type { Locale } from './index';

const FONT =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** antd's own texts (pagination, pickers, empty states) follow the UI language. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
  return (
    <ConfigProvider
      locale={locale === 'en-US' ? enUSAntd : zhCNAntd}
      theme={{
        algorithm: theme.defaultAlgorithm,
        token: {
          colorPrimary: '#1b5fd1',
          colorInfo: '#1b5fd1',
          borderRadius: 4,
          fontFamily: FONT,
          colorBgLayout: '#f3f5f8',
        },
        components: {
          Layout: { headerHeight: 52, headerPadding: '0 16px', siderBg: '#0f2747', headerBg: '#ffffff' },
          Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: '#1b5fd1' },
          Table: { headerBg: '#f5f7fa' },
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
