import { ImportFlow } from '../core/enterprises/import/ImportFlow';
import type { ImportSetup } from '../core/enterprises/import/importSetup';
import { economyKeys } from './api';

const FIGURES_IMPORT: ImportSetup = {
  ns: 'economy',
  templatePath: '/api/economy/figures/import-template.xlsx',
  templateFileName: '经济指标导入模板.xlsx',
  uploadPath: '/api/economy/figures/imports',
  backTo: '/economy/dashboard',
  backTitleKey: 'dashboard.title',
  summaryLines: ['unchanged'],
  invalidate: [economyKeys.all],
};

/** 导入经济指标: upload → every row checked → the officer decides → a background job writes (the core's steps). */
export function FiguresImportPage() {
  return <ImportFlow setup={FIGURES_IMPORT} />;
}
