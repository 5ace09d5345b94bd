import type { Routes } from '../../../http/deps';
import { registerImportRoutes } from '../../imports/register-import-routes';
import { importTemplate } from '../export-enterprises';
import { validateEnterpriseImport } from './import-enterprises';

export const enterpriseImportRoutes: Routes = (app, deps) =>
  registerImportRoutes(app, deps, {
    path: '/enterprises',
    permission: 'enterprise.import',
    tag: 'enterprises',
    templateFileName: '企业导入模板.xlsx',
    template: importTemplate,
    validate: validateEnterpriseImport,
    summary: { template: '企业导入模板', upload: '上传企业导入文件（.xlsx / .csv），校验每一行' },
  });
