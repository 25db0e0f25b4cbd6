// Names and message texts for the generated rows. All people, companies and addresses are
// made up, and every email domain ends in .example, a top-level domain reserved for examples.

export interface TemplateContent {
  name: string;
  /** The subject of the run's first email. Later emails in the thread reply to it. */
  subject: (context: MessageContext) => string;
  /** The run's first email, from the rep. */
  introduction: (context: MessageContext) => string;
}

export interface MessageContext {
  contactFirstName: string;
  company: string;
  senderFirstName: string;
}

export interface Company {
  name: string;
  domain: string;
}

export const SECOND_WORKSPACE_USER_NAMES = [
  "Dana Whitfield",
  "Kenji Mori",
  "Olivia Brennan",
  "Samuel Adeyemi",
  "Rosa Delgado",
  "Ibrahim Haddad",
  "Chloe O'Neill",
];

/** Users of the example workspace besides the two reps that the contract names. */
export const EXAMPLE_WORKSPACE_OTHER_USER_NAMES = ["Marcus Webb", "Elena Sokolova", "Tomás Ortega", "Hannah Lindqvist"];

/** The texts of the contract's example template, used by its generated runs. */
export const OUTBOUND_STACK_INTRO: TemplateContent = {
  name: "Outbound stack intro",
  subject: () => "Quick question about your outbound stack",
  introduction: ({ contactFirstName, company, senderFirstName }) =>
    `Hi ${contactFirstName},\n\nI noticed ${company} has been hiring SDRs \u2014 are you looking at ways to scale ` +
    `outreach while keeping it personal?\n\nWould a short call this week make sense?\n\nBest,\n${senderFirstName}`,
};

/** The example workspace's other templates. */
export const EXAMPLE_WORKSPACE_TEMPLATES: readonly TemplateContent[] = [
  {
    name: "Inbound demo request follow-up",
    subject: () => "Your demo request",
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nThanks for requesting a demo. Before we meet, it would help to know how ${company} ` +
      `books meetings today and which tools your reps live in.\n\nDoes Tuesday or Wednesday afternoon work?\n\n` +
      `Thanks,\n${senderFirstName}`,
  },
  {
    name: "Webinar attendee nurture",
    subject: () => "Slides from yesterday's webinar",
    introduction: ({ contactFirstName, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nThanks for joining the webinar on multichannel sequences. Here are the slides, ` +
      `plus the reply-rate benchmarks we mentioned.\n\nHappy to walk through how they'd apply to your team.\n\n` +
      `Best,\n${senderFirstName}`,
  },
  {
    name: "Closed-lost re-engagement",
    subject: () => "Worth another look?",
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nWhen we spoke last year, timing wasn't right for ${company}. Since then we've ` +
      `shipped LinkedIn tasks and reminder rules, which were the two gaps you raised.\n\n` +
      `Open to a 20-minute refresher?\n\n${senderFirstName}`,
  },
  {
    name: "Enterprise multi-thread",
    subject: ({ company }) => `Outbound at ${company}`,
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nI've been speaking with a few people on the ${company} revenue team about ` +
      `outbound coverage. You'd be the right person for the operations side of it.\n\n` +
      `Could we find 15 minutes next week?\n\nRegards,\n${senderFirstName}`,
  },
];

export const SECOND_WORKSPACE_TEMPLATES: readonly TemplateContent[] = [
  {
    name: "Q1 manufacturing outreach",
    subject: ({ company }) => `Scheduling for ${company}'s plant teams`,
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hello ${contactFirstName},\n\nWe help manufacturers like ${company} cut changeover planning from days to ` +
      `hours. A short call would show whether that applies to your lines.\n\nBest regards,\n${senderFirstName}`,
  },
  {
    name: "Trade show follow-up",
    subject: () => "Great meeting you at the booth",
    introduction: ({ contactFirstName, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nGood to meet you at the expo last week. As promised, here's the case study on ` +
      `predictive maintenance.\n\nLet me know if a follow-up call makes sense.\n\n${senderFirstName}`,
  },
  {
    name: "Free trial conversion",
    subject: () => "How is the trial going?",
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nYou're a week into the ${company} trial. Most teams get the most value once ` +
      `they connect their ERP, and I can help set that up in 30 minutes.\n\nCheers,\n${senderFirstName}`,
  },
  {
    name: "Partner referral intro",
    subject: () => "Introduction from our partners at Northwind",
    introduction: ({ contactFirstName, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nThe Northwind team suggested I reach out, since you're reviewing supplier ` +
      `portals this quarter.\n\nWould it be useful to compare notes?\n\nThanks,\n${senderFirstName}`,
  },
  {
    name: "Champion job change",
    subject: () => "Congrats on the new role",
    introduction: ({ contactFirstName, company, senderFirstName }) =>
      `Hi ${contactFirstName},\n\nCongratulations on joining ${company}! Your old team still uses our planning ` +
      `tool every day, so I wanted to say hello.\n\nIf it would help in the new role, I'm happy to set up a demo.\n\n` +
      `${senderFirstName}`,
  },
];

export const CONTACT_FIRST_NAMES = [
  "Aaliyah",
  "Ben",
  "Carmen",
  "David",
  "Emeka",
  "Fatima",
  "George",
  "Hiro",
  "Isabel",
  "Jonas",
  "Kira",
  "Liam",
  "Maya",
  "Nikhil",
  "Oona",
  "Pedro",
  "Quinn",
  "Rachel",
  "Stefan",
  "Tara",
  "Umar",
  "Vera",
  "Wes",
  "Xin",
  "Yara",
  "Zoe",
  "Aidan",
  "Bianca",
  "Connor",
  "Divya",
  "Erik",
  "Grace",
  "Hugo",
  "Ines",
  "Jack",
  "Leila",
  "Mateo",
  "Nora",
  "Owen",
  "Priyanka",
];

export const CONTACT_LAST_NAMES = [
  "Abbott",
  "Bakker",
  "Castillo",
  "Dubois",
  "Eriksen",
  "Fischer",
  "Gallagher",
  "Hoffman",
  "Ivanova",
  "Jensen",
  "Kowalski",
  "Larsen",
  "Moreau",
  "Nakamura",
  "O'Brien",
  "Patel",
  "Quintero",
  "Rossi",
  "Schmidt",
  "Tanaka",
  "Underwood",
  "Vasquez",
  "Walsh",
  "Yilmaz",
  "Zhang",
  "Andersson",
  "Brennan",
  "Coleman",
  "D'Souza",
  "Ferreira",
];

export const COMPANIES: readonly Company[] = [
  { name: "Initech", domain: "initech.example" },
  { name: "Umbrella Logistics", domain: "umbrella-logistics.example" },
  { name: "Stark Fabrication", domain: "starkfab.example" },
  { name: "Wayne Freight", domain: "waynefreight.example" },
  { name: "Hooli", domain: "hooli.example" },
  { name: "Pied Piper", domain: "piedpiper.example" },
  { name: "Vandelay Industries", domain: "vandelay.example" },
  { name: "Soylent Foods", domain: "soylent.example" },
  { name: "Cyberdyne Robotics", domain: "cyberdyne.example" },
  { name: "Tyrell Biotech", domain: "tyrell.example" },
  { name: "Wonka Confectionery", domain: "wonka.example" },
  { name: "Gringotts Capital", domain: "gringotts.example" },
  { name: "Oceanic Air", domain: "oceanic-air.example" },
  { name: "Dunder Paper", domain: "dunderpaper.example" },
  { name: "Monarch Solutions", domain: "monarch.example" },
  { name: "Blue Sun Energy", domain: "bluesun.example" },
  { name: "Aperture Labs", domain: "aperture.example" },
  { name: "Black Mesa Research", domain: "blackmesa.example" },
  { name: "Massive Dynamic", domain: "massivedynamic.example" },
  { name: "Prestige Worldwide", domain: "prestige.example" },
  { name: "Sterling Cooper", domain: "sterlingcooper.example" },
  { name: "Bluth Homes", domain: "bluth.example" },
  { name: "Los Pollos Supply", domain: "pollos-supply.example" },
  { name: "Krusty Kitchens", domain: "krusty.example" },
];

/** Later emails from the rep in a thread where the contact has not replied yet. */
export const FOLLOW_UP_EMAILS: readonly ((context: MessageContext) => string)[] = [
  ({ contactFirstName, senderFirstName }) =>
    `Hi ${contactFirstName},\n\nFloating this back to the top of your inbox. Is this on your radar for this quarter?\n\n${senderFirstName}`,
  ({ contactFirstName, company, senderFirstName }) =>
    `Hi ${contactFirstName},\n\nOne more thought: teams the size of ${company}'s usually see the first results within two weeks.\n\n` +
    `Worth a quick chat?\n\nBest,\n${senderFirstName}`,
  ({ contactFirstName, senderFirstName }) =>
    `Hi ${contactFirstName},\n\nI don't want to crowd your inbox, so this is my last note for now. If priorities change, I'm one reply away.\n\n` +
    `All the best,\n${senderFirstName}`,
];

/** The rep's email after the contact replied. */
export const ANSWER_EMAILS: readonly ((context: MessageContext) => string)[] = [
  ({ contactFirstName, senderFirstName }) =>
    `Thanks ${contactFirstName}! I've sent a calendar invite. Let me know if another time suits you better.\n\n${senderFirstName}`,
  ({ contactFirstName, senderFirstName }) =>
    `Hi ${contactFirstName},\n\nGood question. Pricing is per seat, and the integrations are included. I'll bring numbers for your team size to the call.\n\n${senderFirstName}`,
  ({ contactFirstName, senderFirstName }) =>
    `Understood, ${contactFirstName}. I'll check back in next quarter.\n\nBest,\n${senderFirstName}`,
];

/** The contact's own text in an email reply, before any quoted history. */
export const INBOUND_EMAIL_REPLIES: readonly ((context: MessageContext) => string)[] = [
  ({ senderFirstName }) => `Hi ${senderFirstName}, sounds interesting. Can you send over some times for next week?`,
  ({ senderFirstName }) =>
    `Thanks ${senderFirstName}. We're locked into a contract until June, so let's reconnect then.`,
  () => "Not the right person for this, sorry. Try our RevOps lead instead.",
  ({ senderFirstName, company }) =>
    `Hi ${senderFirstName},\n\nWe've looked at a couple of options already. What makes yours different for a team like ${company}'s?\n\nThanks`,
  () => "Please remove me from your list.",
  () => `Thursday at 10am works. Send the invite to this address.\n\nCheers`,
  ({ senderFirstName }) => `${senderFirstName}, what does pricing look like for 25 seats?`,
  () => "I'm out of the office until Monday with limited access to email. For urgent matters, please contact my team.",
];

export const LINKEDIN_OUTBOUND: readonly ((context: MessageContext) => string)[] = [
  ({ contactFirstName }) =>
    `Hi ${contactFirstName}, I saw your post about scaling the SDR team. Would love to connect.`,
  ({ contactFirstName, company }) =>
    `Thanks for connecting, ${contactFirstName}! Curious how ${company} handles follow-ups across email and LinkedIn today?`,
  ({ contactFirstName }) =>
    `Hi ${contactFirstName}, I sent you an email last week. Happy to continue here if that's easier.`,
];

export const LINKEDIN_INBOUND: readonly ((context: MessageContext) => string)[] = [
  ({ senderFirstName }) => `Hi ${senderFirstName}, thanks for reaching out. Happy to connect.`,
  () => "Not looking at anything right now, but feel free to check back in Q3.",
  () => "Sure, send me a couple of slots and I'll pick one.",
  ({ senderFirstName }) => `Hey ${senderFirstName} \u2014 can you share a short video of how it works?`,
];

/** Notes a rep logs by hand, such as a text message or a chat at an event. */
export const MANUAL_NOTES: readonly ((context: MessageContext) => string)[] = [
  ({ contactFirstName }) => `Texted ${contactFirstName} to confirm tomorrow's call.`,
  ({ contactFirstName }) =>
    `Met ${contactFirstName} at the regional meetup. Asked for a follow-up after their budget review.`,
  ({ contactFirstName }) =>
    `${contactFirstName} asked to move the conversation to their work phone: ask for it on the next call.`,
];

/** Messages from the contact outside the tracked channels, logged by the rep. */
export const MANUAL_INBOUND_NOTES: readonly ((context: MessageContext) => string)[] = [
  ({ senderFirstName }) => `Voicemail for ${senderFirstName}: "Call me back after 3pm, any day this week."`,
  ({ company }) => `Front desk at ${company} said the contact is travelling until next Wednesday.`,
];

export const CALENDAR_INVITES: readonly ((context: MessageContext) => string)[] = [
  ({ company }) => `Invitation: Intro call \u2014 Topo x ${company}\n30 minutes, video call link in the invite.`,
  ({ company }) => `Invitation: Product walkthrough for ${company}\n45 minutes, agenda attached.`,
];

export const CALENDAR_RESPONSES: readonly ((context: MessageContext) => string)[] = [
  ({ contactFirstName }) => `Accepted: ${contactFirstName} will attend.`,
  ({ contactFirstName }) => `Declined: ${contactFirstName} proposed a new time.`,
];
