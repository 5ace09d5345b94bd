import type { Routes } from '../../../../http/deps';
import { registerImportRoutes } from '../../../../core/imports/register-import-routes';
import { talentImportTemplate } from '../export-talents';
import { validateTalentImport } from './import-talents';

/** Step 1 of the talent import; step 2 (commit, progress, error report) is the core's /api/imports/:id. */
export const talentImportRoutes: Routes = (app, deps) =>
  registerImportRoutes(app, deps, {
    path: '/talent/talents',
    permission: 'talent.import',
    tag: 'talent',
    templateFileName: '人才导入模板.xlsx',
    template: talentImportTemplate,
    validate: validateTalentImport,
    summary: { template: '人才导入模板', upload: '上传人才导入文件（.xlsx / .csv），校验每一行' },
  });
