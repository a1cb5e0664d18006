import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Check your email · Second Act" }];

export async function loader() {
  return null;
}

/** Where sign-up lands, whether the address was new or already registered (no enumeration). */
export default function CheckEmail() {
  return (
    <section className="stack" style={{ maxWidth: 640 }}>
      <h1>Check your email</h1>
      <p role="status">
        We sent a message to the address you gave. Open the link in it to confirm your address and sign in; the link is valid for 48 hours.
      </p>
      <p className="muted">
        Nothing arrived after a few minutes? Check the spam folder. If the address already had an account, the message says so:{" "}
        <Link to="/login">log in</Link> or <Link to="/forgot-password">reset your password</Link> instead.
      </p>
    </section>
  );
}
