import { ImportFlow } from '../core/enterprises/import/ImportFlow';
import type { ImportSetup } from '../core/enterprises/import/importSetup';
import { talentKeys } from './api';

const TALENT_IMPORT: ImportSetup = {
  ns: 'talent',
  templatePath: '/api/talent/talents/import-template.xlsx',
  templateFileName: '人才导入模板.xlsx',
  uploadPath: '/api/talent/talents/imports',
  backTo: '/talent/talents',
  backTitleKey: 'list.title',
  summaryLines: ['claimed', 'unchanged', 'skipped', 'conflicts'],
  invalidate: [talentKeys.all],
};

/** 导入人才: upload → every row checked → the user decides → a background job imports (the core's steps). */
export function TalentImportPage() {
  return <ImportFlow setup={TALENT_IMPORT} />;
}
