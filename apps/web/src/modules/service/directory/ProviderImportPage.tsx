import { ImportFlow } from '../../core/enterprises/import/ImportFlow';
import type { ImportSetup } from '../../core/enterprises/import/importSetup';
import { directoryKeys } from './api';

const PROVIDER_IMPORT: ImportSetup = {
  ns: 'service',
  templatePath: '/api/service/directory/providers/import-template.xlsx',
  templateFileName: '服务机构导入模板.xlsx',
  uploadPath: '/api/service/directory/providers/imports',
  backTo: '/service/directory',
  backTitleKey: 'directory.providers.title',
  summaryLines: ['unchanged'],
  invalidate: [directoryKeys.all],
};

/** 导入服务机构: upload → every row checked (coordinates, capabilities) → the user decides → a background job imports. */
export function ProviderImportPage() {
  return <ImportFlow setup={PROVIDER_IMPORT} />;
}
