import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Please log in",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  429: "Too many requests",
};

/** What a person sees when a page fails: the status in words, the reason the server gave, and a way on. */
export function RouteErrorPanel() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "string" ? error.data : (error.data?.message ?? "Something went wrong.");
    return (
      <section className="error-page" role="alert">
        <h1>
          {error.status} {TITLES[error.status] ?? error.statusText}
        </h1>
        <p>{message}</p>
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="error-page" role="alert">
      <h1>Something went wrong</h1>
      <p>We have logged the problem. Please try again.</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
