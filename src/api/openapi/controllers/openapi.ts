import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Serves the document the documentation plugin generated on start-up (same content as its Swagger UI). */
  async document(ctx: any) {
    const documentation = strapi.plugin('documentation').service('documentation');
    const version: string = documentation.getDocumentationVersion();
    const file = path.join(documentation.getFullDocumentationPath(), version, 'full_documentation.json');
    ctx.type = 'application/json';
    ctx.body = JSON.parse(await fs.readFile(file, 'utf8'));
  },
});
