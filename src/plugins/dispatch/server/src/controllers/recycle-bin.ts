import type { Core } from '@strapi/strapi';
import { currentActor } from '../../../../../utils/actor';
import { getService } from '../services';
import { refusal } from '../../../../../utils/refusal';

type Ctx = { query: Record<string, unknown>; params: Record<string, string>; body: unknown };

/** Thin HTTP glue: the recycle-bin service lists and restores; the office alone may call either. */
export default {
  'deleted-records': ({ strapi }: { strapi: Core.Strapi }) => {
    const officeOnly = () => {
      if (!currentActor(strapi).isOffice) throw refusal('回收站仅限协调办公室使用 / the recycle bin is for the coordination office');
    };
    return {
      async find(ctx: Ctx) {
        officeOnly();
        ctx.body = await getService(strapi, 'recycle-bin').list(ctx.query ?? {});
      },
      async restore(ctx: Ctx) {
        officeOnly();
        ctx.body = await getService(strapi, 'recycle-bin').restore(ctx.params.documentId);
      },
    };
  },
};
