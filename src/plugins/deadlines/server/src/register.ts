import type { Core } from '@strapi/strapi';

/** Nothing to register before bootstrap: see document-middlewares.ts for why the middlewares come later. */
export default (_: { strapi: Core.Strapi }) => {};
