import * as React from 'react';
import { useAuth } from '@strapi/strapi/admin';

export interface ActionCheck {
  action: string;
  subject?: string | null;
}

/** `plugin::x.settings.read` → `canRead`, `….create-draft` → `canCreateDraft`: the names Strapi's useRBAC gives. */
const actionName = (action: string) =>
  `can${(action.split('.').pop() ?? '')
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`;

/**
 * Which of these actions the signed-in admin may take, following the admin's permissions as they load.
 *
 * Strapi's useRBAC checks a given list once: on a page that is the panel's first screen (opened by its address, or
 * reloaded) that check can run before the admin's permissions have arrived, and its buttons then stay hidden for
 * good. The actions the plugins ask about are settings actions without a subject, which carry no conditions, so the
 * admin's permissions alone decide.
 */
export function useAllowedActions(checks: ActionCheck[]): { isLoading: boolean; allowedActions: Record<string, boolean> } {
  const permissions = useAuth('useAllowedActions', (state) => state.permissions);
  const isLoading = useAuth('useAllowedActions', (state) => state.isLoading);
  const allowedActions = React.useMemo(
    () =>
      Object.fromEntries(
        checks.map((check) => [
          actionName(check.action),
          permissions.some((permission) => permission.action === check.action && (check.subject == null || permission.subject === check.subject)),
        ])
      ),
    [checks, permissions]
  );
  return { isLoading, allowedActions };
}
