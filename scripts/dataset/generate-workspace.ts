import type {
  MessageInsert,
  OrganizationInsert,
  SequenceInsert,
  SequenceTemplateInsert,
  TaskInsert,
  UserInsert,
} from "../../src/db/schema";
import type { TaskType } from "../../src/common/enums";
import { DATASET_NOW, DAY, FIRST_RUN_DAY, HOUR, LAST_RUN_DAY, MINUTE, startOfDay, toWeekday } from "./calendar";
import { COMPANIES, CONTACT_FIRST_NAMES, CONTACT_LAST_NAMES, type Company, type TemplateContent } from "./content";
import type { DatasetIdFactory } from "./dataset-ids";
import { generateThread } from "./message-thread";
import { SeededRandom } from "./random";
import { planTaskLifecycle } from "./task-lifecycle";

/** Tasks are created no later than this, so each has a few hours before DATASET_NOW to change. */
const LAST_TASK_CREATED = DATASET_NOW - 6 * HOUR;

export interface WorkspacePlan {
  organization: OrganizationInsert;
  seed: number;
  emailDomain: string;
  /** Users whose rows are fixed elsewhere, such as the contract's reps. */
  fixedUsers: readonly UserInsert[];
  otherUserNames: readonly string[];
  /** Templates whose rows are fixed elsewhere, with the texts their runs use. */
  fixedTemplates: readonly { row: SequenceTemplateInsert; content: TemplateContent }[];
  otherTemplates: readonly TemplateContent[];
  runCount: number;
  /** Relative weight of each user as a run owner. Users not listed get weight 1. */
  ownerWeights: ReadonlyMap<string, number>;
  /** An assignee whose generated CALL tasks never end PENDING, so that queue holds only fixed tasks. */
  assigneeWithoutPendingCalls?: string;
}

export interface WorkspaceRows {
  users: UserInsert[];
  sequenceTemplates: SequenceTemplateInsert[];
  sequences: SequenceInsert[];
  tasks: TaskInsert[];
  messages: MessageInsert[];
}

/** Turns a full name into the local part of an email address: "Tomás O'Neill" becomes "tomas.oneill". */
function toEmailLocalPart(fullName: string): string {
  return fullName
    .normalize("NFD")
    .toLowerCase()
    .split(" ")
    .map((part) => part.replace(/[^a-z]/g, ""))
    .join(".");
}

/**
 * Returns a time on the given day between the two hours (UTC), with random minutes, seconds and
 * milliseconds. About one in eight falls on a whole second, so both timestamp formats occur.
 */
function timeOfDay(day: number, fromHour: number, toHour: number, random: SeededRandom): number {
  const offset = random.integer(fromHour * HOUR, toHour * HOUR - 1);
  const time = day + offset;
  return random.chance(0.12) ? time - (time % 1000) : time;
}

function randomDay(from: number, to: number, random: SeededRandom): number {
  return from + random.integer(0, Math.round((to - from) / DAY)) * DAY;
}

/** Generates the users, templates, sequence runs, tasks and threads of one workspace. */
export function generateWorkspace(plan: WorkspacePlan, ids: DatasetIdFactory): WorkspaceRows {
  const random = new SeededRandom(plan.seed);
  const organizationId = plan.organization.id;

  const users = [...plan.fixedUsers.map((user) => ({ ...user })), ...generateUsers(plan, ids, random)];
  const templates = [...plan.fixedTemplates, ...generateTemplates(plan, ids, random)];

  const rows: WorkspaceRows = {
    users,
    sequenceTemplates: templates.map(({ row }) => ({ ...row })),
    sequences: [],
    tasks: [],
    messages: [],
  };

  const runStarts = Array.from({ length: plan.runCount }, () =>
    timeOfDay(toWeekday(randomDay(FIRST_RUN_DAY, LAST_RUN_DAY, random)), 8, 17, random),
  ).sort((left, right) => left - right);

  for (const createdAt of runStarts) {
    const template = random.pick(templates);
    const company = random.pick(COMPANIES);
    const owner = chooseOwner(users, createdAt, plan.ownerWeights, random);
    const sequence = generateSequence(organizationId, template.row.id, company, createdAt, ids, random);

    rows.sequences.push(sequence);
    rows.tasks.push(...generateTasks(plan, sequence, owner, users, ids, random));
    rows.messages.push(
      ...generateThread({ sequence, template: template.content, company: company.name, owner }, ids, random),
    );
  }

  return rows;
}

function generateUsers(plan: WorkspacePlan, ids: DatasetIdFactory, random: SeededRandom): UserInsert[] {
  return plan.otherUserNames.map((name) => {
    const createdAt = timeOfDay(
      randomDay(plan.organization.createdAt + DAY, FIRST_RUN_DAY - DAY, random),
      8,
      18,
      random,
    );
    return {
      id: ids.create(createdAt),
      organizationId: plan.organization.id,
      name,
      email: `${toEmailLocalPart(name)}@${plan.emailDomain}`,
      createdAt,
    };
  });
}

function generateTemplates(
  plan: WorkspacePlan,
  ids: DatasetIdFactory,
  random: SeededRandom,
): { row: SequenceTemplateInsert; content: TemplateContent }[] {
  return plan.otherTemplates.map((content) => {
    const createdAt = timeOfDay(
      randomDay(plan.organization.createdAt + DAY, FIRST_RUN_DAY - DAY, random),
      8,
      18,
      random,
    );
    return {
      row: { id: ids.create(createdAt), organizationId: plan.organization.id, name: content.name, createdAt },
      content,
    };
  });
}

/** Picks the run's owner among the users who had joined by then. */
function chooseOwner(
  users: readonly UserInsert[],
  at: number,
  weights: ReadonlyMap<string, number>,
  random: SeededRandom,
): UserInsert {
  const joined = users.filter((user) => user.createdAt <= at);
  return random.weighted(joined.map((user) => [user, weights.get(user.id) ?? 1] as const));
}

function generateSequence(
  organizationId: string,
  sequenceTemplateId: string,
  company: Company,
  createdAt: number,
  ids: DatasetIdFactory,
  random: SeededRandom,
): SequenceInsert {
  const contactName = `${random.pick(CONTACT_FIRST_NAMES)} ${random.pick(CONTACT_LAST_NAMES)}`;
  // Some contacts are reached on LinkedIn only and have no email address.
  const contactEmail = random.chance(0.08) ? null : `${toEmailLocalPart(contactName)}@${company.domain}`;

  return { id: ids.create(createdAt), organizationId, sequenceTemplateId, contactName, contactEmail, createdAt };
}

function chooseTaskType(stepIndex: number, random: SeededRandom): TaskType {
  // A run usually opens with a review of the new lead before any outreach.
  if (stepIndex === 0 && random.chance(0.55)) {
    return "NEW_LEAD_REVIEW";
  }
  return random.weighted([
    ["CALL", 40],
    ["EMAIL_REPLY", 33],
    ["LINKEDIN_REPLY", 20],
    ["NEW_LEAD_REVIEW", 7],
  ] as const);
}

/** Assigns most tasks to the run's owner and some to a colleague, and leaves about 10% unassigned. */
function chooseAssignee(
  owner: UserInsert,
  users: readonly UserInsert[],
  at: number,
  random: SeededRandom,
): string | null {
  if (random.chance(0.1)) {
    return null;
  }
  if (random.chance(0.85)) {
    return owner.id;
  }
  return random.pick(users.filter((user) => user.createdAt <= at)).id;
}

/** Generates the run's tasks, one step every few weekdays, until the run ends or time runs out. */
function generateTasks(
  plan: WorkspacePlan,
  sequence: SequenceInsert,
  owner: UserInsert,
  users: readonly UserInsert[],
  ids: DatasetIdFactory,
  random: SeededRandom,
): TaskInsert[] {
  const tasks: TaskInsert[] = [];
  const stepCount = random.integer(5, 16);
  let createdAt = sequence.createdAt + random.integer(5 * MINUTE, 4 * HOUR);

  for (let stepIndex = 0; stepIndex < stepCount && createdAt <= LAST_TASK_CREATED; stepIndex++) {
    const type = chooseTaskType(stepIndex, random);
    const assigneeUserId = chooseAssignee(owner, users, createdAt, random);
    const isReservedQueue =
      type === "CALL" &&
      plan.assigneeWithoutPendingCalls !== undefined &&
      assigneeUserId === plan.assigneeWithoutPendingCalls;
    const lifecycle = planTaskLifecycle(
      { createdAt, isCall: type === "CALL", pendingAllowed: !isReservedQueue },
      random,
    );

    tasks.push({
      id: ids.create(createdAt),
      organizationId: sequence.organizationId,
      sequenceId: sequence.id,
      sequenceTemplateId: sequence.sequenceTemplateId,
      type,
      priority: random.weighted([
        ["HOT", 20],
        ["TODAY", 45],
        ["EXTRA", 35],
      ] as const),
      assigneeUserId,
      ...lifecycle,
      createdAt,
    });

    const nextDay = toWeekday(startOfDay(createdAt) + random.integer(1, 4) * DAY);
    createdAt = timeOfDay(nextDay, 6, 18, random);
  }

  return tasks;
}
