/** Versioned texts people accept with a recorded click-through (who, when, which version). */
export const LEGAL_TEXTS = {
  TERMS_OF_USE: {
    version: "terms-2026-12",
    title: "Terms of use",
    text: [
      "Second Act connects television professionals with AI labs that pay for AI-training work. By creating an account you agree to these terms.",
      'Your account. Give your real name and an email address you read. Keep your password to yourself; you are responsible for what is done with your account. You may close it at any time from "My data".',
      "What you publish. Credits, profiles and gigs must be accurate and yours to share. Do not upload scripts, footage or other material you do not have the right to share. We may hide content that breaks these terms, and we tell you why.",
      "Gigs and pay. Labs set the pay, hours and AI-use disclosure of each gig and are bound by what the gig page said when you accepted an offer. Second Act is not a party to the work agreement between you and a lab.",
      "Matching. Scores and recommendations are computed from what you entered, explained on every match, and never decide for you. You can ask a coordinator for a human review of any decision on an application.",
      "Changes. When these terms change, the version at the top of this page changes and we ask you to accept the new version before you continue.",
    ].join("\n\n"),
  },
  PRIVACY_NOTICE: {
    version: "privacy-2026-12",
    title: "Privacy notice",
    text: [
      "What we keep. Your name, email address, password (hashed, never readable), profile, credits, applications, messages, the consents you gave and a log of security events.",
      "Who sees what. Labs see the profile you make visible to them, your transfer scores and the reasons you match a gig. Your minimum rate and your demographic answers (if you give any) are never shown to labs, and nothing a lab sees is computed from them. Coordinators see what they need to run onboarding.",
      "Why. To match you with gigs, run onboarding, pay attention to fairness across groups (only with your opt-in), keep accounts secure and meet legal duties.",
      'Your rights. "My data" shows everything we hold about you, lets you download it as JSON and delete your account. Deleting removes your profile and credits; applications are anonymised.',
      "Email. We email you about your account and applications; you can turn non-essential emails off on your account page.",
      "Changes. When this notice changes, the version at the top of this page changes and we tell you.",
    ].join("\n\n"),
  },
  AI_USE_TERMS: {
    version: "ai-use-2026-11",
    title: "AI-use terms",
    text: "Work you contribute through Second Act is used to train or evaluate AI systems as stated in each gig's disclosure. You keep credit for your professional history; you never give up rights to your own scripts or productions by joining. You may withdraw consent at any time; work already delivered stays with the lab under the gig's retention terms.",
  },
  NDA: {
    version: "nda-2026-10",
    title: "Mutual non-disclosure agreement",
    text: "You agree not to disclose confidential material the lab shares for this gig (prompts, model outputs, guidelines) for two years. The lab agrees not to disclose your personal data beyond what the gig requires.",
  },
  CONTRACT: {
    version: "contract-2026-10",
    title: "Independent contributor agreement",
    text: "You work as an independent contributor at the pay rate, weekly cap and terms shown on the gig page when you accepted the offer. Assessments and onboarding are paid as stated there. Either side may end the engagement with written notice; the reason is recorded and shown to you.",
  },
} as const;
