/** Versioned texts people accept with a recorded click-through (who, when, which version). */
export const LEGAL_TEXTS = {
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
