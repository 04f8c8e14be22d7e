import type { Core } from '@strapi/strapi';
import exportsService from './exports';
import figures from './figures';
import imports from './imports';
// 首席代表集中办公
import coWorking from './co-working';
// 回收站
import recycleBin from './recycle-bin';

/** The plugin's services, one per feature. */
const services = { figures, exports: exportsService, imports, 'co-working': coWorking, 'recycle-bin': recycleBin };

export type Services = { [K in keyof typeof services]: ReturnType<(typeof services)[K]> };

/** A typed service of this plugin. */
export const getService = <K extends keyof Services>(strapi: Core.Strapi, name: K): Services[K] => strapi.plugin('dispatch').service(name) as Services[K];

export default services;
