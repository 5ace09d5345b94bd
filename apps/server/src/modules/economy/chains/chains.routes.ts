import { z } from 'zod';
import { ctxOf, type Routes } from '../../../http/deps';
import { ChainEnterpriseRow, ChainEnterprisesQuery, ChainInput, ChainMap, ChainSummary, ChainUpdate, ChainView, LinkInput, LinkUpdate } from './chain.schemas';
import { addLink, createChain, deleteChain, deleteLink, getChain, listChains, updateChain, updateLink } from './chains.service';
import { chainMap, linkEnterprises } from './chain-map.service';
import { chainLinksForIndustry } from './chain-links';

const TAG = ['economy'];
const Id = z.object({ id: z.uuid() });
const LinkRef = z.object({ id: z.uuid(), chainId: z.uuid(), chainName: z.string(), name: z.string(), industryPrefixes: z.array(z.string()) });

/** 产业链 (延链补链强链): chains as trees of links, the chain map with its gaps. docs/economy/CHAINS.md. */
export const chainRoutes: Routes = (app, deps) => {
  app.get('/economy/chains', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '产业链列表', response: { 200: z.array(ChainSummary) } },
  }, (req) => listChains(ctxOf(req, deps)));

  app.post('/economy/chains', {
    config: { access: 'economy.chains' },
    schema: { tags: TAG, summary: '新增产业链（留痕）', body: ChainInput, response: { 201: ChainView } },
  }, async (req, reply) => reply.status(201).send(await createChain(ctxOf(req, deps), req.body)));

  app.get('/economy/chains/:id', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '产业链及其环节（编辑用）', params: Id, response: { 200: ChainView } },
  }, (req) => getChain(ctxOf(req, deps), req.params.id));

  app.put('/economy/chains/:id', {
    config: { access: 'economy.chains' },
    schema: { tags: TAG, summary: '修改产业链名称、说明（留痕）', params: Id, body: ChainUpdate, response: { 200: ChainView } },
  }, (req) => updateChain(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/economy/chains/:id', {
    config: { access: 'economy.chains' },
    schema: { tags: TAG, summary: '删除产业链及其环节（项目保留行业代码、解除环节；留痕）', params: Id },
  }, async (req, reply) => {
    await deleteChain(ctxOf(req, deps), req.params.id);
    return reply.status(204).send();
  });

  app.get('/economy/chains/:id/map', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '产业链图谱：各环节本地企业（去重计数）、营收和同口径增速、强度、缺链弱链及在谈在建项目',
      description: 'Enterprises inside the reader\'s scope. A parent link counts the distinct enterprises of itself and all its sub-links. docs/economy/CHAINS.md.',
      params: Id, response: { 200: ChainMap },
    },
  }, (req) => chainMap(ctxOf(req, deps), req.params.id));

  app.post('/economy/chains/:id/links', {
    config: { access: 'economy.chains' },
    schema: {
      tags: TAG, summary: '新增环节：行业代码（GB/T 4754-2017 大类、中类或小类，不存在的代码 400 并列出）和关键词（留痕）',
      params: Id, body: LinkInput, response: { 201: ChainView },
    },
  }, async (req, reply) => reply.status(201).send(await addLink(ctxOf(req, deps), req.params.id, req.body)));

  app.put('/economy/chain-links/:id', {
    config: { access: 'economy.chains' },
    schema: { tags: TAG, summary: '修改环节（上级不能是自身或下级；留痕）', params: Id, body: LinkUpdate, response: { 200: ChainView } },
  }, (req) => updateLink(ctxOf(req, deps), req.params.id, req.body));

  app.delete('/economy/chain-links/:id', {
    config: { access: 'economy.chains' },
    schema: { tags: TAG, summary: '删除环节及其下级环节（留痕）', params: Id, response: { 200: ChainView } },
  }, (req) => deleteLink(ctxOf(req, deps), req.params.id));

  app.get('/economy/chain-links/:id/enterprises', {
    config: { access: 'economy.read' },
    schema: { tags: TAG, summary: '环节（含下级环节）的本地企业，按营收降序', params: Id, querystring: ChainEnterprisesQuery, response: { 200: z.array(ChainEnterpriseRow) } },
  }, (req) => linkEnterprises(ctxOf(req, deps), req.params.id, req.query.limit));

  app.get('/economy/chain-links', {
    config: { access: 'economy.read' },
    schema: {
      tags: TAG, summary: '行业代码所属的产业链环节（供科技成果转化等关联环节）',
      querystring: z.object({ industry: z.string().regex(/^\d{2,4}$/, '行业代码应为 2–4 位数字') }), response: { 200: z.array(LinkRef) },
    },
  }, (req) => chainLinksForIndustry(ctxOf(req, deps).db, req.query.industry));
};
