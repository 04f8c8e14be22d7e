import type { Core } from '@strapi/strapi';
import { useDocumentMiddlewares } from '../document-middlewares';
import { WEBHOOK_EVENTS } from '../events';
import { registerPermissionActions } from '../permissions';
import { seedDefaultRules } from './default-rules';

/**
 * Ordered, idempotent set-up: the admin permissions, middlewares, default rules, the webhook events, then the
 * scheduler (which reconciles jobs with the database).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissionActions(strapi);
  useDocumentMiddlewares(strapi);
  await seedDefaultRules(strapi);
  registerWebhookEvents(strapi);
  await strapi.plugin('deadlines').service('scheduler').start();
};

/** Strapi's webhook store refuses unknown events: allow ours, as the core plugins (releases, review workflows) do. */
function registerWebhookEvents(strapi: Core.Strapi) {
  const store = strapi.get('webhookStore');
  for (const [key, event] of Object.entries(WEBHOOK_EVENTS)) store.addAllowedEvent(key, event);
}
