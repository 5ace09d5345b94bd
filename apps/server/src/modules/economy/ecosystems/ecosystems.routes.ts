import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { EcosystemInput, EcosystemView } from '../schemas';
import { createEcosystem, deleteEcosystem, listEcosystems, updateEcosystem } from './ecosystems.service';

const TAG = ['economy'];
const Id = z.object({ id: z.uuid() });

/** 产业生态圈: configurable groupings of industry codes (prefixes at 大类/中类/小类 level). */
export const ecosystemRoutes: Routes = (app, deps) => {
  app.get('/economy/ecosystems', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '产业生态圈及其行业代码、范围内企业数', response: { 200: z.array(EcosystemView) } },
  }, (req) => listEcosystems(ctxOf(req, deps)));

  app.post('/economy/ecosystems', {
    config: { access: 'economy.configure' },
    schema: { tags: TAG, summary: '新增产业生态圈（行业代码须在 GB/T 4754-2017 中）', body: EcosystemInput, response: { 201: z.object({ id: z.uuid() }) } },
  }, async (req, reply) => reply.status(201).send(await createEcosystem(ctxOf(req, deps), req.body)));

  app.put('/economy/ecosystems/:id', {
    config: { access: 'economy.configure' },
    schema: { tags: TAG, summary: '修改产业生态圈（留痕）', params: Id, body: EcosystemInput.extend({ version: z.number().int().optional() }), response: { 200: z.object({ id: z.uuid() }) } },
  }, (req) => updateEcosystem(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/economy/ecosystems/:id', {
    config: { access: 'economy.configure' },
    schema: { tags: TAG, summary: '删除产业生态圈（其公布增速一并删除；留痕）', params: Id },
  }, async (req, reply) => {
    await deleteEcosystem(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  });
};
