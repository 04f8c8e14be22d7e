import qs from 'qs';
import { useStrapi } from '../helpers/strapi';
import type { Json } from '../helpers/fixtures';
import { type Caller, idsOf, restActor, restCaller, type RestActor, totalOf } from '../helpers/bureaus';
import {
  buildWorld,
  describeIds,
  expectedRelated,
  filterProbes,
  leakedRecords,
  probeExpectation,
  SCOPED,
  type ScopedKey,
  scopedRelations,
  TYPE,
  TYPE_KEYS,
  type TypeKey,
  type World,
} from '../helpers/bureau-world';

/**
 * bureau-views through the REST API, as users-permissions users of the four roles: each department and town
 * reads exactly the records of its scope (src/plugins/bureau-views/README.md), however it lists, filters,
 * sorts or populates; the office and the leaders read everything; a user without a bureau reads nothing.
 */
describe('bureau-views: reading through the REST API', () => {
  const app = useStrapi();
  let world: World;
  const actors = {} as Record<ScopedKey | 'office' | 'leader' | 'nobody', RestActor>;
  const tokens = {} as Record<'read-only' | 'full-access', Caller>;

  beforeAll(async () => {
    world = await buildWorld(app);
    actors.D1 = await restActor(app, 'department', world.bureaus.D1, 'D1');
    actors.D2 = await restActor(app, 'department', world.bureaus.D2, 'D2');
    actors.T1 = await restActor(app, 'town', world.bureaus.T1, 'T1');
    actors.T2 = await restActor(app, 'town', world.bureaus.T2, 'T2');
    actors.office = await restActor(app, 'office', world.bureaus.office, 'office');
    actors.leader = await restActor(app, 'leader', world.bureaus.office, 'leader');
    actors.nobody = await restActor(app, 'department', null, 'department user without a bureau');
    tokens['read-only'] = restCaller(app, 'read-only token', await app.token('read-only'));
    tokens['full-access'] = restCaller(app, 'full-access token', await app.token('full-access'));
  }, 120000);

  const list = (caller: Caller, type: TypeKey, query = '') =>
    caller.get(`/api/${TYPE[type].plural}?pagination[pageSize]=100${query ? `&${query}` : ''}`);
  const names = (ids: Iterable<string>) => describeIds(world, ids);

  /** A 200 list whose records and total are exactly the expected ones. */
  function expectExactly(res: Json, expected: Iterable<string>) {
    expect({ status: res.status, error: res.body?.error?.message }).toEqual({ status: 200, error: undefined });
    const wanted = [...expected];
    expect(names(idsOf(res.body))).toEqual(names(wanted));
    expect(totalOf(res.body)).toBe(wanted.length);
  }

  describe.each(SCOPED)('a user of bureau %s', (who) => {
    it.each(TYPE_KEYS)('lists exactly the %s records of its scope, and meta.pagination.total counts only those', async (type) => {
      expectExactly(await list(actors[who], type), world.visible[who][type]);
    });

    it.each(TYPE_KEYS)('reads each %s record of its scope, and gets 404 for every other one', async (type) => {
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const id of world.all[type]) {
        const res = await actors[who].get(`/api/${TYPE[type].plural}/${id}`);
        const name = names([id])[0];
        seen[name] = res.status;
        wanted[name] = world.visible[who][type].has(id) ? 200 : 404;
        if (res.status === 200) expect(res.body.data.documentId).toBe(id);
      }
      expect(seen).toEqual(wanted);
    });

    it.each(TYPE_KEYS)('%s: no filter on whose the record is changes the list or total beyond its own records', async (type) => {
      const failures: string[] = [];
      for (const probe of filterProbes(world, who, type)) {
        const expected = await probeExpectation(app, world, who, type, probe);
        const res = await list(actors[who], type, qs.stringify({ filters: probe.filters }, { encodeValuesOnly: true }));
        const got = res.status === 200 ? names(idsOf(res.body)) : [`HTTP ${res.status}`];
        const total = res.body?.meta?.pagination?.total;
        if (JSON.stringify(got) !== JSON.stringify(names(expected)) || total !== expected.size) {
          failures.push(`${probe.name}: got ${JSON.stringify(got)} (total ${total}), expected ${JSON.stringify(names(expected))}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it.each(TYPE_KEYS)('%s: populating each relation, its count, or everything (`*`) shows only related records it may read', async (type) => {
      const failures: string[] = [];
      const relations = scopedRelations(app, type);
      const queries = [
        'populate=*',
        ...relations.map(({ field }) => `populate[${field}]=true`),
        ...relations.map(({ field }) => `populate[${field}][populate]=*`),
      ];
      for (const query of queries) {
        const res = await list(actors[who], type, query);
        if (res.status !== 200) {
          failures.push(`${query}: HTTP ${res.status} ${JSON.stringify(res.body?.error)}`);
          continue;
        }
        for (const leak of leakedRecords(world, who, res.body)) failures.push(`${query}: shows ${leak}`);
        expect(names(idsOf(res.body))).toEqual(names(world.visible[who][type]));
        // each populated relation shows exactly the related records the user may read
        for (const record of res.body.data as Json[]) {
          for (const { field, target, many } of relations) {
            if (!(field in record)) continue;
            const expected = await expectedRelated(app, world, who, type, record.documentId, field, target);
            const value = record[field];
            const got = many ? (value ?? []).map((item: Json) => item.documentId).sort() : value ? [value.documentId] : [];
            if (JSON.stringify(got) !== JSON.stringify(expected)) {
              failures.push(`${query}: ${names([record.documentId])[0]}.${field} = ${JSON.stringify(names(got))}, expected ${JSON.stringify(names(expected))}`);
            }
          }
        }
      }
      for (const { field, target, many } of relations.filter((relation) => relation.many)) {
        const query = `populate[${field}][count]=true`;
        const res = await list(actors[who], type, query);
        if (res.status !== 200) {
          failures.push(`${query}: HTTP ${res.status}`);
          continue;
        }
        for (const record of res.body.data as Json[]) {
          const expected = await expectedRelated(app, world, who, type, record.documentId, field, target);
          if (record[field]?.count !== expected.length) {
            failures.push(`${query}: ${names([record.documentId])[0]}.${field}.count = ${JSON.stringify(record[field])}, expected ${expected.length} (many: ${many})`);
          }
        }
      }
      expect(failures).toEqual([]);
    });

    it('nested, dotted, array and filtered populates of opinions through projects show only opinions it may read', async () => {
      const queries = [
        'populate[preAssessments][populate][opinions]=true',
        'populate[preAssessments][populate][opinions][populate][preAssessment][populate][opinions]=true',
        'populate[preAssessments][populate][opinions][populate]=*',
        'populate[0]=preAssessments.opinions',
        'populate=preAssessments.opinions',
        'populate[0]=preAssessments&populate[1]=preAssessments.opinions&populate[2]=problems.tasks',
        `populate[preAssessments][populate][opinions][filters][content][$contains]=${encodeURIComponent('意见正文')}`,
        'populate[preAssessments][populate][opinions][count]=true',
        'populate[tasks][populate][problem][populate][tasks]=true',
        'populate[problems][populate]=*',
      ];
      const failures: string[] = [];
      for (const query of queries) {
        const res = await list(actors[who], 'project', query);
        if (![200, 400].includes(res.status)) failures.push(`${query}: HTTP ${res.status}`);
        for (const leak of leakedRecords(world, who, res.body)) failures.push(`${query}: shows ${leak}`);
        if (res.status === 200) expect(names(idsOf(res.body))).toEqual(names(world.visible[who].project));
      }
      expect(failures).toEqual([]);
    });

    it('populates meetings and minutes down to opinions without showing anything outside its scope', async () => {
      const failures: string[] = [];
      for (const [type, query] of [
        ['minute', 'populate[meeting][populate][projects][populate][preAssessments][populate]=opinions'],
        ['meeting', 'populate[projects][populate]=*&populate[minutes][populate][tasks][populate]=*'],
        ['pledge', 'populate[projects][populate][problems][populate]=tasks'],
        ['monthlyReport', 'populate[problems][populate]=*'],
        ['opinion', 'populate[preAssessment][populate][opinions][populate]=preAssessment'],
        ['task', 'populate[minute][populate][meeting][populate]=*'],
      ] as Array<[TypeKey, string]>) {
        const res = await list(actors[who], type, query);
        if (![200, 400].includes(res.status)) failures.push(`${type} ${query}: HTTP ${res.status}`);
        for (const leak of leakedRecords(world, who, res.body)) failures.push(`${type} ${query}: shows ${leak}`);
      }
      expect(failures).toEqual([]);
    });

    it('cannot sort through a relation (400), and sorts on the records’ own fields', async () => {
      for (const [type, sort] of [
        ['preAssessment', 'sort=project.name:asc'],
        ['preAssessment', 'sort[0]=opinions.content:asc'],
        ['project', 'sort=applicantBureau.name:desc'],
        ['problem', 'sort[0]=project.name:asc&sort[1]=title:asc'],
        ['task', 'sort=problem.title:asc'],
        ['pledge', 'sort[0][projects][name]=asc'],
      ] as Array<[TypeKey, string]>) {
        const res = await list(actors[who], type, sort);
        expect({ type, sort, status: res.status }).toEqual({ type, sort, status: 400 });
      }
      expectExactly(await list(actors[who], 'preAssessment', 'sort=createdAt:desc'), world.visible[who].preAssessment);
      expectExactly(await list(actors[who], 'opinion', 'sort[0]=dimension:asc&sort[1]=content:desc'), world.visible[who].opinion);
    });

    it('is refused unknown query parameters such as where[...] (400)', async () => {
      for (const query of ['where[id][$gt]=0', `where[applicantBureau][id]=${world.bureaus[who].id}`, 'filters[id][$gt]=0&where[id]=1']) {
        const res = await list(actors[who], 'project', query);
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
      }
    });
  });

  describe('filters through relations are limited to the related records the user may read', () => {
    const textOf = (pa: 'PA1' | 'PA2', bureauKey: string) =>
      world.opinionText.get(world.opinionsOf[pa].find((id) => world.opinionBureau.get(id) === bureauKey)!)!;

    it('a department finds no pre-assessment by the text of another bureau’s opinion it cannot read', async () => {
      // D1 reads PA2 (it gave an opinion there) but not commerce's opinion on PA2
      const hidden = await list(actors.D1, 'preAssessment', qs.stringify({ filters: { opinions: { content: { $contains: textOf('PA2', 'commerce') } } } }));
      expectExactly(hidden, []);
      const own = await list(actors.D1, 'preAssessment', qs.stringify({ filters: { opinions: { content: { $contains: textOf('PA2', 'D1') } } } }));
      expectExactly(own, [world.r.PA2]);
      // as lead of PA1 it reads all of PA1's opinions
      const led = await list(actors.D1, 'preAssessment', qs.stringify({ filters: { opinions: { content: { $contains: textOf('PA1', 'commerce') } } } }));
      expectExactly(led, [world.r.PA1]);
    });

    it('a town finds the pre-assessment of its project by any of its opinions, and nothing by the other town’s', async () => {
      expectExactly(await list(actors.T1, 'preAssessment', `filters[opinions][content][$contains]=${encodeURIComponent(textOf('PA1', 'commerce'))}`), [world.r.PA1]);
      expectExactly(await list(actors.T1, 'preAssessment', `filters[opinions][content][$contains]=${encodeURIComponent(textOf('PA2', 'commerce'))}`), []);
      expectExactly(await list(actors.T1, 'preAssessment', `filters[opinions][content][$contains]=${encodeURIComponent('意见正文')}`), [world.r.PA1]);
    });

    it('the same holds two relations deep, inside $or and $and, and for counts', async () => {
      const secret = textOf('PA2', 'commerce');
      const probes: Array<[Json, string[]]> = [
        [{ preAssessment: { opinions: { content: { $contains: secret } } } }, []],
        [{ $or: [{ preAssessment: { opinions: { content: { $contains: secret } } } }, { id: { $lt: 0 } }] }, []],
        [{ $and: [{ id: { $gt: 0 } }, { preAssessment: { opinions: { content: { $eq: secret } } } }] }, []],
      ];
      for (const [filters, expected] of probes) {
        expectExactly(await list(actors.D1, 'opinion', qs.stringify({ filters })), expected);
      }
      const counted = await actors.D1.get(`/api/pre-assessments/${world.r.PA2}?populate[opinions][count]=true`);
      expect(counted.status).toBe(200);
      expect(counted.body.data.opinions).toEqual({ count: 2 });
      const populated = await actors.D1.get(`/api/pre-assessments/${world.r.PA2}?populate[opinions][fields][0]=content`);
      expect(populated.body.data.opinions.map((o: Json) => o.content).sort()).toEqual(
        world.opinionsOf.PA2.filter((id) => world.opinionBureau.get(id) === 'D1').map((id) => world.opinionText.get(id)).sort()
      );
    });

    it('a project is not found through a problem, task or meeting the user cannot read', async () => {
      // D1 reads P2 but neither Q2 nor K2; it reads K3 (co-responsible)
      expectExactly(await list(actors.D1, 'project', `filters[problems][title][$eq]=${encodeURIComponent('问题-Q2')}`), []);
      expectExactly(await list(actors.D1, 'project', `filters[tasks][title][$eq]=${encodeURIComponent('任务-K2')}`), []);
      expectExactly(await list(actors.D1, 'project', `filters[tasks][title][$eq]=${encodeURIComponent('任务-K3')}`), [world.r.P2]);
      // M1 (readable by D1 and T1) lists project PX, which neither may read
      expectExactly(await list(actors.D1, 'meeting', `filters[projects][applicantBureau][code][$eq]=${world.bureaus.X.code}`), []);
      expectExactly(await list(actors.T1, 'meeting', `filters[projects][name][$eq]=${encodeURIComponent('项目-PX')}`), []);
      // T2 reads G_D1 through P2, but not D1's other records
      expectExactly(await list(actors.T2, 'pledge', 'filters[projects][name][$eq]=' + encodeURIComponent('项目-P2')), [world.r.G_D1]);
      expectExactly(await list(actors.T2, 'problem', 'filters[project][preAssessments][opinions][content][$contains]=' + encodeURIComponent(textOf('PA1', 'commerce'))), []);
    });
  });

  describe('district-wide readers', () => {
    it.each(TYPE_KEYS)('the office user lists every %s record', async (type) => {
      expectExactly(await list(actors.office, type), world.all[type]);
    });

    it.each(TYPE_KEYS)('a leader lists and reads every %s record', async (type) => {
      expectExactly(await list(actors.leader, type), world.all[type]);
      for (const id of world.all[type]) expect((await actors.leader.get(`/api/${TYPE[type].plural}/${id}`)).status).toBe(200);
    });

    it.each(TYPE_KEYS)('a read-only API token lists every %s record', async (type) => {
      expectExactly(await list(tokens['read-only'], type), world.all[type]);
    });

    it.each(TYPE_KEYS)('a full-access API token lists every %s record', async (type) => {
      expectExactly(await list(tokens['full-access'], type), world.all[type]);
    });

    it('the office user and a leader see every opinion of a pre-assessment populated, and may sort through relations', async () => {
      for (const reader of [actors.office, actors.leader]) {
        const res = await reader.get(`/api/pre-assessments/${world.r.PA2}?populate[opinions][count]=true`);
        expect(res.body.data.opinions).toEqual({ count: world.opinionsOf.PA2.length });
      }
      expectExactly(await list(actors.office, 'preAssessment', 'sort=project.name:asc'), world.all.preAssessment);
    });
  });

  describe('a user whose bureau is not set (fail closed)', () => {
    it.each(TYPE_KEYS)('lists no %s record, with a total of 0', async (type) => {
      expectExactly(await list(actors.nobody, type), []);
      expectExactly(await list(actors.nobody, type, 'filters[id][$gt]=0&populate=*'), []);
    });

    it.each(TYPE_KEYS)('gets 404 for every %s record', async (type) => {
      for (const id of world.all[type]) expect((await actors.nobody.get(`/api/${TYPE[type].plural}/${id}`)).status).toBe(404);
    });
  });
});
