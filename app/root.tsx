import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useRef } from "react";
import { useNonce } from "./context";
import { csrfToken } from "./csrf.server";
import { getFlash } from "./flash.server";
import { getSessionUser } from "./session.server";
import stylesUrl from "./styles.css?url";
import { CsrfInput } from "./components/csrf";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];
export const meta: MetaFunction = () => [
  { title: "Second Act: from TV credits to AI-training work" },
  { name: "description", content: "Second Act helps television professionals move into AI-training work." },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [user, { flash, clear }] = await Promise.all([getSessionUser(request), getFlash(request)]);
  const body = {
    csrf: csrfToken(context.csrfSecret),
    flash,
    user: user
      ? {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          labSlug: user.labSlug,
          unread: user.unreadNotifications,
        }
      : null,
  };
  // The flash message is shown once: the same response clears its cookie.
  return clear ? data(body, { headers: { "Set-Cookie": clear, "Cache-Control": "no-store" } }) : body;
}

export type RootData = Awaited<ReturnType<typeof loader>>;
export const useRootData = () => useRouteLoaderData<typeof loader>("root");

function Nav() {
  const data = useRootData();
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav aria-label="Main" className="nav">
        <Link to="/" className="brand">
          Second&nbsp;Act
        </Link>
        <NavLink to="/gigs">Gigs</NavLink>
        {user?.role === "PROFESSIONAL" && <NavLink to="/me">My dashboard</NavLink>}
        {user?.role === "PROFESSIONAL" && <NavLink to="/me/profile">Profile</NavLink>}
        {user?.role === "LAB_MEMBER" && user.labSlug && <NavLink to={`/labs/${user.labSlug}`}>My lab</NavLink>}
        {(user?.role === "LAB_MEMBER" || user?.role === "COORDINATOR" || user?.role === "ADMIN") && (
          <NavLink to="/talent">Talent</NavLink>
        )}
        {(user?.role === "COORDINATOR" || user?.role === "ADMIN") && <NavLink to="/coord">Coordinator</NavLink>}
        {(user?.role === "LAB_MEMBER" || user?.role === "COORDINATOR" || user?.role === "ADMIN") && <NavLink to="/insights">Insights</NavLink>}
        {user?.role === "PROFESSIONAL" && <NavLink to="/me/data">My data</NavLink>}
        {user?.role === "ADMIN" && <NavLink to="/admin">Admin</NavLink>}
        <span className="nav-spacer" />
        {user ? (
          <>
            <NavLink to="/notifications">
              Notifications
              {user.unread > 0 ? (
                <span className="badge">
                  {user.unread}
                  <span className="visually-hidden"> unread</span>
                </span>
              ) : null}
            </NavLink>
            <NavLink to="/account">{user.name}</NavLink>
            <Form method="post" action="/logout" className="inline">
              <CsrfInput />
              <button type="submit" className="link-button">
                Log out
              </button>
            </Form>
          </>
        ) : (
          <>
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/signup" className="button small">
              Sign up
            </NavLink>
          </>
        )}
      </nav>
    </header>
  );
}

/** The message an action left after its redirect (app/flash.server.ts), at the top of <main>. */
function FlashMessage() {
  const flash = useRootData()?.flash;
  const location = useLocation();
  // Root data outlives client-side navigations: show the message only on the page it arrived with.
  const arrived = useRef<{ flash: unknown; key: string } | null>(null);
  if (flash && arrived.current?.flash !== flash) arrived.current = { flash, key: location.key };
  if (!flash || arrived.current?.key !== location.key) return null;
  return (
    <div className="alert ok flash" role="status">
      <p>{flash.message}</p>
      {flash.secret && (
        <p>
          <code data-testid="new-token">{flash.secret}</code>
        </p>
      )}
    </div>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <Nav />
        <main id="main" className="main">
          <FlashMessage />
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Second Act is open source. Every gig says what your work will train. <Link to="/about">How matching works</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <section className="error-page">
        <h1>
          {error.status} {error.status === 404 ? "Not found" : error.status === 403 ? "Forbidden" : error.statusText}
        </h1>
        <p>{typeof error.data === "string" ? error.data : (error.data?.message ?? "Something went wrong.")}</p>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>We have logged the problem. Please try again.</p>
    </section>
  );
}
