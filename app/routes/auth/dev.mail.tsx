import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { env } from "~/env.server";
import { recentMail } from "~/services/mail.server";

export const meta: MetaFunction = () => [{ title: "Mail outbox (development) · Second Act" }];

/**
 * Development only: the app's mail outbox, since there is no SMTP server here. It holds reset
 * and invitation links for every account, so it answers only requests made on this machine
 * straight to the server (loopback socket, no proxy headers: `context.directLocal`), and never
 * in production. Everyone else gets the same 404 as an unknown page.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (env().production || !context.directLocal) throw data({ message: "Not found." }, { status: 404 });
  const to = new URL(request.url).searchParams.get("to") ?? undefined;
  const messages = await recentMail(to);
  return { messages: messages.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })) };
}

export default function DevMail() {
  const { messages } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Mail outbox (development only)</h1>
      <p className="muted">The latest 50 messages the app has sent. Filter with ?to=address.</p>
      {messages.length === 0 && <p className="empty">No mail yet.</p>}
      {messages.map((m) => (
        <article key={m.id} className="card">
          <h2 className="small">
            {m.subject}{" "}
            <span className="muted">
              to {m.to} · {m.createdAt}
            </span>
          </h2>
          <pre style={{ whiteSpace: "pre-wrap" }}>{m.text}</pre>
        </article>
      ))}
    </section>
  );
}
