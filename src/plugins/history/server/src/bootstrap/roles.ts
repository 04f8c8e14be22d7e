import type { Core } from '@strapi/strapi';
import { grantOnce } from '../../../../../utils/grants';
import { CHANGES_READ } from '../permissions';

/** The office searches and exports every change; everyone reads the history of the records they may read. */
const GRANTS = {
  admin: { office: [CHANGES_READ] },
  user: {
    office: ['plugin::history.changes.find', 'plugin::history.changes.export', 'plugin::history.records.find'],
    department: ['plugin::history.records.find'],
    town: ['plugin::history.records.find'],
    leader: ['plugin::history.records.find'],
  },
};

/** Grants the history's permissions to the seeded roles, each (role, action) once. */
export const grantRoles = (strapi: Core.Strapi) => grantOnce(strapi, 'history', GRANTS);
