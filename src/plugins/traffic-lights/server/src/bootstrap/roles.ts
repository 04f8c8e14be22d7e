import type { Core } from '@strapi/strapi';
import { grantOnce } from '../../../../../utils/grants';
import { DASHBOARD_READ, SETTINGS_READ, SETTINGS_UPDATE } from '../permissions';

/** Who sees the lights: every kind of person sees the dashboard (scoped); the office also keeps the rules. */
const ADMIN_GRANTS: Record<string, string[]> = {
  office: [DASHBOARD_READ, SETTINGS_READ, SETTINGS_UPDATE],
  department: [DASHBOARD_READ],
  town: [DASHBOARD_READ],
  leader: [DASHBOARD_READ, SETTINGS_READ],
};

/** users-permissions roles (by type) that may call the lights API; each sees its own scope. */
const API_ACTIONS = ['plugin::traffic-lights.summary.find', 'plugin::traffic-lights.projects.find', 'plugin::traffic-lights.trend.find'];
const USER_TYPES = ['office', 'department', 'town', 'leader'];

/** Grants the lights' permissions to the four seeded roles, each (role, action) once. */
export const grantRoles = (strapi: Core.Strapi) =>
  grantOnce(strapi, 'traffic-lights', { admin: ADMIN_GRANTS, user: Object.fromEntries(USER_TYPES.map((type) => [type, API_ACTIONS])) });
