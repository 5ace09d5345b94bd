import { useCallback, useEffect, useRef } from 'react';
import { App } from 'antd';
import { useBlocker } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * Asks before leaving a form with unsaved changes: in-app navigation gets a confirm dialog,
 * closing or reloading the tab gets the browser's own prompt.
 */
export function useLeaveGuard(when: boolean): { release: () => void } {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  // A ref, not the render's value: after a save the page navigates in the same tick, before
  // React has re-rendered with `when` false; release() lets that navigation through.
  const active = useRef(when);
  active.current = when;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => active.current && currentLocation.pathname !== nextLocation.pathname);
  const release = useCallback(() => {
    active.current = false;
  }, []);

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('confirm.unsaved'),
      okText: t('action.ok'),
      cancelText: t('action.cancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);

  return { release };
}
