import type {
  ApiKeyInsert,
  MessageInsert,
  OrganizationInsert,
  SequenceInsert,
  SequenceTemplateInsert,
  TaskInsert,
  UserInsert,
} from "../../src/db/schema";
import {
  buildContractExampleRows,
  EXAMPLE_NEW_REP,
  EXAMPLE_OUTBOUND_MESSAGE,
  EXAMPLE_INBOUND_MESSAGE_ID,
  EXAMPLE_REP,
  EXAMPLE_SEQUENCE,
  EXAMPLE_TASK,
  EXAMPLE_TEMPLATE,
} from "./contract-examples";
import {
  EXAMPLE_WORKSPACE_OTHER_USER_NAMES,
  EXAMPLE_WORKSPACE_TEMPLATES,
  OUTBOUND_STACK_INTRO,
  SECOND_WORKSPACE_TEMPLATES,
  SECOND_WORKSPACE_USER_NAMES,
} from "./content";
import { DatasetIdFactory } from "./dataset-ids";
import { buildApiKeyRows, DEVELOPMENT_API_KEYS } from "./development-keys";
import { generateWorkspace } from "./generate-workspace";
import { SeededRandom } from "./random";
import { EXAMPLE_WORKSPACE, SECOND_WORKSPACE } from "./workspaces";

/** The rows of the development dataset per table, parents before children, in insertion order. */
export interface Dataset {
  organizations: OrganizationInsert[];
  users: UserInsert[];
  sequenceTemplates: SequenceTemplateInsert[];
  sequences: SequenceInsert[];
  tasks: TaskInsert[];
  messages: MessageInsert[];
  apiKeys: ApiKeyInsert[];
}

// Changing a seed or a count changes the generated rows, but never the contract rows.
const ID_SEED = 0x7a5c_0001;
const EXAMPLE_WORKSPACE_SEED = 0x7a5c_0002;
const SECOND_WORKSPACE_SEED = 0x7a5c_0003;

/**
 * Builds the development dataset: the contract's example rows, two workspaces of generated
 * users, templates, sequence runs, tasks and threads, and the development API keys. The
 * same rows come out on every call, in Node and in workerd.
 */
export async function buildDataset(): Promise<Dataset> {
  const ids = new DatasetIdFactory(new SeededRandom(ID_SEED));
  for (const id of fixedIds()) {
    ids.reserve(id);
  }

  const contract = buildContractExampleRows();

  const example = generateWorkspace(
    {
      organization: EXAMPLE_WORKSPACE,
      seed: EXAMPLE_WORKSPACE_SEED,
      emailDomain: "acme-demo.example",
      fixedUsers: contract.users,
      otherUserNames: EXAMPLE_WORKSPACE_OTHER_USER_NAMES,
      fixedTemplates: contract.sequenceTemplates.map((row) => ({ row, content: OUTBOUND_STACK_INTRO })),
      otherTemplates: EXAMPLE_WORKSPACE_TEMPLATES,
      runCount: 240,
      // The two reps of the contract own more runs than their colleagues.
      ownerWeights: new Map([
        [EXAMPLE_REP.id, 3],
        [EXAMPLE_NEW_REP.id, 3],
      ]),
      // The contract's example lists Jamie's pending calls and finds exactly one.
      assigneeWithoutPendingCalls: EXAMPLE_REP.id,
    },
    ids,
  );

  const second = generateWorkspace(
    {
      organization: SECOND_WORKSPACE,
      seed: SECOND_WORKSPACE_SEED,
      emailDomain: "globex-demo.example",
      fixedUsers: [],
      otherUserNames: SECOND_WORKSPACE_USER_NAMES,
      fixedTemplates: [],
      otherTemplates: SECOND_WORKSPACE_TEMPLATES,
      runCount: 190,
      ownerWeights: new Map(),
    },
    ids,
  );

  return {
    organizations: [{ ...EXAMPLE_WORKSPACE }, { ...SECOND_WORKSPACE }],
    users: [...example.users, ...second.users],
    sequenceTemplates: [...example.sequenceTemplates, ...second.sequenceTemplates],
    sequences: [...contract.sequences, ...example.sequences, ...second.sequences],
    tasks: [...contract.tasks, ...example.tasks, ...second.tasks],
    messages: [...contract.messages, ...example.messages, ...second.messages],
    apiKeys: await buildApiKeyRows(),
  };
}

/** Lists the ids chosen by hand, which no generated id may repeat. */
function fixedIds(): string[] {
  return [
    EXAMPLE_WORKSPACE.id,
    SECOND_WORKSPACE.id,
    EXAMPLE_REP.id,
    EXAMPLE_NEW_REP.id,
    EXAMPLE_TEMPLATE.id,
    EXAMPLE_SEQUENCE.id,
    EXAMPLE_TASK.id,
    EXAMPLE_OUTBOUND_MESSAGE.id,
    EXAMPLE_INBOUND_MESSAGE_ID,
    ...DEVELOPMENT_API_KEYS.map((key) => key.id),
  ];
}
