import { enterpriseKeys } from '../api';
import { ImportFlow } from './ImportFlow';
import type { ImportSetup } from './importSetup';

const ENTERPRISE_IMPORT: ImportSetup = {
  ns: 'core',
  templatePath: '/api/enterprises/import-template.xlsx',
  templateFileName: '企业导入模板.xlsx',
  uploadPath: '/api/enterprises/imports',
  backTo: '/enterprises',
  backTitleKey: 'enterprise.list.title',
  summaryLines: ['unchanged', 'skipped'],
  invalidate: [enterpriseKeys.all, ['parks']],
};

/** 导入企业: the shared import steps (./ImportFlow.tsx) with the enterprise paths and wording. */
export function ImportPage() {
  return <ImportFlow setup={ENTERPRISE_IMPORT} />;
}
