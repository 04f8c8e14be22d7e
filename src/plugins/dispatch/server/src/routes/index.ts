import * as exportRoutes from './exports';
import * as figures from './figures';
import * as importRoutes from './imports';
// 首席代表集中办公
import * as coWorking from './co-working';
// 回收站
import * as recycleBin from './recycle-bin';

/** One module per feature, each with its admin and content-API routes; add a feature by adding it to this list. */
const FEATURES: Array<{ admin?: unknown[]; contentApi?: unknown[] }> = [figures, exportRoutes, importRoutes, coWorking, recycleBin];

export default {
  admin: { type: 'admin', routes: FEATURES.flatMap((feature) => feature.admin ?? []) },
  'content-api': { type: 'content-api', routes: FEATURES.flatMap((feature) => feature.contentApi ?? []) },
};
