import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf";
import { readForm } from "~/http.server";
import { markAllNotificationsRead, notificationsPage } from "~/services/notifications.server";
import { requireUser } from "~/session.server";
import { redirectWithFlash, samePage } from "~/flash.server";
import { Time } from "~/components/time";

export const meta: MetaFunction = () => [{ title: "Notifications · Second Act" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = Math.max(1, Math.min(1000, Number(new URL(request.url).searchParams.get("page")) || 1));
  const { items, total } = await notificationsPage(user.id, page);
  return {
    page,
    totalPages: Math.max(1, Math.ceil(total / 30)),
    items: items.map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      read: Boolean(n.readAt),
      at: n.createdAt.toISOString(),
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readForm(request, context);
  await markAllNotificationsRead(user.id);
  return redirectWithFlash(request, samePage(request), "All notifications are marked as read.");
}

export default function Notifications() {
  const { items, page, totalPages } = useLoaderData<typeof loader>();
  return (
    <section className="stack">
      <h1>Notifications</h1>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="secondary">
          Mark all as read
        </button>
      </Form>
      {items.length === 0 && <p className="empty">Nothing yet.</p>}
      <ul style={{ listStyle: "none", padding: 0 }}>
        {items.map((n) => (
          <li key={n.id} className="card">
            {!n.read && <span className="pill">new</span>} <strong>{n.link ? <Link to={n.link}>{n.title}</Link> : n.title}</strong>
            <p>{n.body}</p>
            <p className="muted small">
              <Time iso={n.at} />
            </p>
          </li>
        ))}
      </ul>
      {totalPages > 1 && (
        <p>
          Page {page} of {totalPages} {page < totalPages && <Link to={`?page=${page + 1}`}>Older</Link>}
        </p>
      )}
    </section>
  );
}
