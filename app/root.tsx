import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useLayoutEffect, useRef } from "react";
import { useNonce } from "./context";
import { csrfToken } from "./csrf.server";
import { getFlash } from "./flash.server";
import { getSessionUser } from "./session.server";
import { viewerTime } from "./viewer-time.server";
import { TIME_ZONE_COOKIE } from "./domain/time";
import stylesUrl from "./styles.css?url";
import { CsrfInput } from "./components/csrf";
import { RouteErrorPanel } from "./components/route-error";

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
    time: viewerTime(request, user),
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

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** The sections of the site this user can go to, in the order they appear in the navigation. */
function navItems(user: NonNullable<ReturnType<typeof useRootData>>["user"]): NavItem[] {
  const role = user?.role;
  const staff = role === "COORDINATOR" || role === "ADMIN";
  const items: NavItem[] = [{ to: "/gigs", label: "Gigs" }];
  if (role === "PROFESSIONAL") items.push({ to: "/me", label: "My dashboard", end: true }, { to: "/me/profile", label: "Profile" });
  if (role === "LAB_MEMBER" && user?.labSlug) items.push({ to: `/labs/${user.labSlug}`, label: "My lab" });
  if (role === "LAB_MEMBER" || staff) items.push({ to: "/talent", label: "Talent" });
  if (staff) items.push({ to: "/coord", label: "Coordinator" });
  if (role === "LAB_MEMBER" || staff) items.push({ to: "/insights", label: "Insights" });
  if (role === "PROFESSIONAL") items.push({ to: "/me/credentials", label: "Credentials" }, { to: "/me/data", label: "My data" });
  if (role === "ADMIN") items.push({ to: "/admin", label: "Admin" });
  return items;
}

/** The item the current page belongs to: the longest `to` that is the path or a folder above it. */
function currentItem(items: NavItem[], pathname: string): NavItem | undefined {
  const within = (to: string) => pathname === to || pathname.startsWith(`${to}/`);
  return items.filter((i) => (i.end ? pathname === i.to : within(i.to))).sort((a, b) => b.to.length - a.to.length)[0];
}

function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="badge">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

function LogOutButton() {
  return (
    <Form method="post" action="/logout" className="inline">
      <CsrfInput />
      <button type="submit" className="link-button">
        Log out
      </button>
    </Form>
  );
}

/**
 * The site navigation. Wide screens get one row of links; phones get one row (brand, the current
 * section, the notifications bell) and a "Menu" built on <details>, so it opens without JavaScript.
 * Both are rendered; CSS shows one of them (display: none also hides the other from assistive tech).
 */
function Nav() {
  const data = useRootData();
  const user = data?.user ?? null;
  const { pathname } = useLocation();
  const items = navItems(user);
  const account: NavItem[] = user
    ? [
        { to: "/notifications", label: "Notifications" },
        { to: "/account", label: user.name },
      ]
    : [
        { to: "/login", label: "Log in" },
        { to: "/signup", label: "Sign up" },
      ];
  const current = currentItem([...items, ...account], pathname);
  const unread = user?.unread ?? 0;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav aria-label="Main" className="nav">
        <Link to="/" className="brand">
          Second&nbsp;Act
        </Link>
        <div className="nav-wide">
          {items.map((i) => (
            <NavLink key={i.to} to={i.to} end={i.end}>
              {i.label}
            </NavLink>
          ))}
          <span className="nav-spacer" />
          {user ? (
            <>
              <NavLink to="/notifications">
                Notifications
                <UnreadBadge count={unread} />
              </NavLink>
              <NavLink to="/account">{user.name}</NavLink>
              <LogOutButton />
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/signup" className="button small">
                Sign up
              </NavLink>
            </>
          )}
        </div>
        <div className="nav-compact">
          <span className="nav-current" aria-hidden="true">
            {current?.label ?? ""}
          </span>
          {/* Keyed by path: a client-side navigation closes the menu, as a page load would. */}
          <details className="nav-menu" key={pathname}>
            <summary>
              Menu
              <UnreadBadge count={unread} />
            </summary>
            <ul className="nav-menu-list">
              {[...items, ...account].map((i) => (
                <li key={i.to}>
                  <NavLink to={i.to} end={i.end}>
                    {i.label}
                    {i.to === "/notifications" && <UnreadBadge count={unread} />}
                  </NavLink>
                </li>
              ))}
              {user && (
                <li>
                  <LogOutButton />
                </li>
              )}
            </ul>
          </details>
        </div>
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
  // A message about one item (`about`) is shown by the page next to that item.
  if (!flash || flash.about || arrived.current?.key !== location.key) return null;
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

/**
 * Reports the browser's time zone to the server in a cookie (read by app/viewer-time.server.ts),
 * so the next page is rendered in it. One line, no dependency; without JavaScript the server
 * keeps UTC and the footer says so.
 */
const TIME_ZONE_SCRIPT = `try{var z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z&&document.cookie.indexOf("${TIME_ZONE_COOKIE}="+encodeURIComponent(z))<0)document.cookie="${TIME_ZONE_COOKIE}="+encodeURIComponent(z)+";path=/;max-age=31536000;samesite=lax"}catch(e){}`;

/** Which zone the page's times are in and where that came from, with the way to change it. */
function TimeZoneNote() {
  const root = useRootData();
  if (!root?.time) return null;
  const { zone, source } = root.time;
  const where =
    source === "account"
      ? "as set in your account"
      : source === "browser"
        ? "detected from your browser"
        : "your browser's zone is not known yet";
  return (
    <p className="small muted" data-testid="time-zone-note">
      Times are shown in {zone.replace(/_/g, " ")} ({where}).
      {root.user ? (
        <>
          {" "}
          <Link to="/account#time-zone">Change</Link>
        </>
      ) : null}
    </p>
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a constant script (no user input), allowed by the CSP nonce */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: TIME_ZONE_SCRIPT }} />
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
          <TimeZoneNote />
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * A table wider than a phone scrolls inside its own box (see styles.css). Keyboard users must be
 * able to reach that box to scroll it, so every table that actually scrolls sideways gets
 * tabindex=0 (and loses it when it fits again), after each page change and on resize.
 */
// A layout effect (before paint, so nothing can see the page without it) in the browser only.
const useBrowserLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

function useFocusableScrollingTables() {
  const { pathname, search } = useLocation();
  useBrowserLayoutEffect(() => {
    const update = () => {
      for (const table of document.querySelectorAll<HTMLTableElement>("main table")) {
        const scrolls = table.scrollWidth > table.clientWidth + 1 && getComputedStyle(table).overflowX !== "visible";
        if (scrolls && !table.hasAttribute("tabindex")) table.setAttribute("tabindex", "0");
        else if (!scrolls && table.getAttribute("tabindex") === "0") table.removeAttribute("tabindex");
      }
    };
    update();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onResize = () => {
      clearTimeout(timer);
      timer = setTimeout(update, 100);
    };
    window.addEventListener("resize", onResize);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("resize", onResize);
    };
  }, [pathname, search]);
}

export default function App() {
  useFocusableScrollingTables();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteErrorPanel />;
}
