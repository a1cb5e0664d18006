/** /me/data/deleted: shown after "Delete my account" (the person is signed out by then). */
import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Account deleted · Second Act" }];

export default function AccountDeleted() {
  return (
    <div className="stack">
      <h1>Your account has been deleted</h1>
      <p role="status">
        Your profile, credits, applications, agreements and notifications are gone, and you have been signed out. Talent search drops your
        entry within moments.
      </p>
      <p>
        We keep only a deletion record (a one-way hash of your email address, when you deleted the account, how many items were deleted, and
        the versions and dates of any NDA or contract you accepted) and the audit log of actions by internal id, without your email or IP
        addresses.
      </p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </div>
  );
}
