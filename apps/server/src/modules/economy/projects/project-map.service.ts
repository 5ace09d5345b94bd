import { sql } from 'kysely';
import type { z } from 'zod';
import type { Ctx } from '../../../core/context';
import { enterpriseInScope } from '../../../core/identity/scope';
import { projectCards } from './project.repo';
import { loadStages } from './stages.service';
import { today } from './projects.service';
import type { ProjectMapView } from './project.schemas';

/**
 * The projects on a map (no base map: the platform runs on intranets without tile servers): every
 * project in scope that is not dropped, at its location, coloured by stage; those without a
 * location listed apart; and, as landmarks, each street's centre — the mean position of its located
 * enterprises in the registry, inside the actor's scope.
 */
export async function projectMap(ctx: Ctx): Promise<z.infer<typeof ProjectMapView>> {
  const [stages, cards, streets] = await Promise.all([
    loadStages(ctx.db),
    projectCards(ctx.db, ctx.actor, today(ctx)),
    ctx.db.selectFrom('enterprises as e').innerJoin('divisions as d', 'd.code', 'e.division_code')
      .select(['e.division_code as code', 'd.name'])
      .select(sql<number>`avg(e.lat)`.as('lat')).select(sql<number>`avg(e.lng)`.as('lng')).select(sql<number>`count(*)::int`.as('enterprises'))
      .where('e.lat', 'is not', null).where('e.status', '=', 'active').where(enterpriseInScope(ctx.actor))
      .groupBy(['e.division_code', 'd.name']).orderBy('e.division_code').execute(),
  ]);
  const shown = cards.filter((c) => c.status !== 'dropped');
  return {
    stages: stages.map((s) => ({ code: s.code, name: s.name })),
    projects: shown.filter((c) => c.location !== null),
    unlocated: shown.filter((c) => c.location === null).map((c) => ({ id: c.id, name: c.name, stageName: c.stageName, streetName: c.streetName })),
    streets: streets.map((s) => ({ code: s.code, name: s.name, lat: Number(s.lat), lng: Number(s.lng), enterprises: Number(s.enterprises) })),
  };
}
