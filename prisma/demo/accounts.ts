/** The named demo accounts (all share DEMO_PASSWORD). Listed in the README and logged at start-up. */

export const DEMO_PASSWORD = "second-act-demo";

export interface DemoAccount {
  email: string;
  name: string;
  role: "ADMIN" | "COORDINATOR" | "LAB_MEMBER" | "PROFESSIONAL";
  /** What the account is for, one line. */
  about: string;
}

export const DEMO_ACCOUNTS = [
  {
    email: "admin@demo.secondact.test",
    name: "Ada Admin",
    role: "ADMIN",
    about: "Platform admin: users, transfer rules, everything coordinators can do.",
  },
  {
    email: "coordinator@demo.secondact.test",
    name: "Casey Coordinator",
    role: "COORDINATOR",
    about: "Moves people through onboarding; answers appeals; verifies credits.",
  },
  {
    email: "lab@demo.secondact.test",
    name: "Logan Lab",
    role: "LAB_MEMBER",
    about: "Owner of the lab Lumen Foundry, whose sitcom-timing gig has 24 applicants.",
  },
  {
    email: "pro@demo.secondact.test",
    name: "Parker Pro",
    role: "PROFESSIONAL",
    about: "Sitcom staff writer with 6 credits and 3 applications (shortlisted, contracting, active).",
  },
] as const satisfies readonly DemoAccount[];

/** Lines for logs and the README: `role  email  (about)`. */
export function describeDemoAccounts(): string[] {
  return DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(12)} ${a.email.padEnd(34)} ${a.about}`);
}
