import { useFetchClient } from '@strapi/strapi/admin';
import { useRequest } from '../../../../../admin/shared/useRequest';

export interface NamedRef {
  id?: number;
  name?: string | null;
}

export interface DeadlineItem {
  id: number;
  documentId: string;
  targetUid?: string | null;
  targetDocumentId?: string | null;
  targetTitle?: string | null;
  dueAt?: string | null;
  dueDate?: string | null;
  extendedDueDate?: string | null;
  fallback?: boolean | null;
  state: 'pending' | 'met' | 'overdue' | 'cancelled';
  bureau?: NamedRef | null;
  rule?: NamedRef | null;
}

export interface NotificationItem {
  id: number;
  documentId: string;
  kind: 'reminder' | 'overdue' | 'escalation';
  title?: string | null;
  message?: string | null;
  dueAt?: string | null;
  targetUid?: string | null;
  targetDocumentId?: string | null;
  readAt?: string | null;
  createdAt?: string | null;
  bureau?: NamedRef | null;
}

export interface Inbox {
  deadlines: DeadlineItem[];
  notifications: NotificationItem[];
}

/** GET /deadlines/inbox: the signed-in admin's open deadlines (soonest first) and notifications (unread first). */
export function useInbox() {
  const { get } = useFetchClient();
  return useRequest<Inbox>('inbox', async (signal) => {
    const { data } = await get<{ data: Inbox }>('/deadlines/inbox', { signal });
    const notifications = [...(data.data.notifications ?? [])].sort((a, b) => {
      if (!a.readAt !== !b.readAt) return a.readAt ? 1 : -1;
      return String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? ''));
    });
    const deadlines = [...(data.data.deadlines ?? [])].sort((a, b) =>
      String(a.dueAt ?? '9999').localeCompare(String(b.dueAt ?? '9999'))
    );
    return { deadlines, notifications };
  });
}
