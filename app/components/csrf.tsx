import { useRouteLoaderData } from "@remix-run/react";

export const CSRF_FIELD = "_csrf";

/** Hidden CSRF token for every form that changes state. */
export function CsrfInput() {
  const data = useRouteLoaderData<{ csrf: string }>("root");
  return <input type="hidden" name={CSRF_FIELD} value={data?.csrf ?? ""} />;
}
