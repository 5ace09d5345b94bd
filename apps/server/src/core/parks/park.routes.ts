import { z } from 'zod';
import { Park, ParkFile, ParkInput } from '@zhizhi/contracts';
import { ctxOf, type Routes } from '../../http/deps';
import { createPark, getParkFile, listParks, updatePark } from './park.service';

const IdParams = z.object({ id: z.uuid() });
const TAG = ['parks'];

export const parkRoutes: Routes = (app, deps) => {
  app.get('/parks', {
    config: { access: 'park.read' },
    schema: { tags: TAG, summary: '园区列表', response: { 200: z.array(Park) } },
  }, (req) => listParks(ctxOf(req, deps)));

  app.get('/parks/:id', {
    config: { access: 'park.read' },
    schema: { tags: TAG, summary: '一园一档', params: IdParams, response: { 200: ParkFile } },
  }, (req) => getParkFile(ctxOf(req, deps), req.params.id));

  app.post('/parks', {
    config: { access: 'park.write' },
    schema: { tags: TAG, summary: '新增园区', body: ParkInput, response: { 201: ParkFile } },
  }, async (req, reply) => reply.status(201).send(await createPark(ctxOf(req, deps), req.body)));

  app.put('/parks/:id', {
    config: { access: 'park.write' },
    schema: { tags: TAG, summary: '编辑园区', params: IdParams, body: ParkInput, response: { 200: ParkFile } },
  }, (req) => updatePark(ctxOf(req, deps), req.params.id, req.body));
};
