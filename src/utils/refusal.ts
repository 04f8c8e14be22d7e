import { errors } from '@strapi/utils';

/**
 * A 403 whose message the caller sees. Strapi answers any other ForbiddenError thrown behind a route's
 * authorisation (a controller, a service, a document-service middleware) with a bare "Forbidden"; a PolicyError,
 * itself a ForbiddenError, keeps its message. Every refusal of the platform is written in Chinese and English.
 */
export const refusal = (message: string): errors.PolicyError => new errors.PolicyError(message);
