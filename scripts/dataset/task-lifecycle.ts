import type { TaskStatus } from "../../src/common/enums";
import { DATASET_NOW, DAY, HOUR, MINUTE } from "./calendar";
import type { SeededRandom } from "./random";

/** The columns of a task that follow from its history: status, the times of each change, and the outcome. */
export interface TaskLifecycle {
  status: TaskStatus;
  disposition: "ANSWERED" | "VOICEMAIL_LEFT" | "NO_ANSWER" | null;
  reopenedAt: number | null;
  reopenReason: "REMINDER_RULE" | null;
  skippedAt: number | null;
  completedAt: number | null;
  updatedAt: number;
  /** One more than the number of changes since the task was created. */
  version: number;
}

export interface LifecycleInput {
  createdAt: number;
  isCall: boolean;
  /** False to make an assignee open the task, so it ends IN_PROGRESS where it would end PENDING. */
  pendingAllowed: boolean;
}

type Step = "complete" | "skip" | "start" | "touch" | "reopen";

/** Returns a duration in [min, max] milliseconds, with short durations more likely than long ones. */
function skewedDuration(random: SeededRandom, min: number, max: number): number {
  const fraction = random.nextFloat();
  return Math.floor(min + (max - min) * fraction * fraction);
}

function durationOf(step: Step, random: SeededRandom): number {
  switch (step) {
    case "complete":
    case "skip":
      return skewedDuration(random, 10 * MINUTE, 3 * DAY);
    case "start":
      return skewedDuration(random, 2 * MINUTE, 2 * DAY);
    case "touch":
      return skewedDuration(random, MINUTE, DAY);
    case "reopen":
      return skewedDuration(random, HOUR, 6 * DAY);
  }
}

function finishingStep(random: SeededRandom): Step {
  return random.chance(0.78) ? "complete" : "skip";
}

/** Chooses the changes a task went through, oldest first, from how long ago it was created. */
function chooseSteps(createdAt: number, random: SeededRandom): Step[] {
  const ageInDays = (DATASET_NOW - createdAt) / DAY;
  // Older tasks are more likely to be finished, so open queues hold mostly recent work.
  const finishedProbability = Math.min(0.92, 0.1 + ageInDays / 20);

  if (ageInDays > 3 && random.chance(0.07)) {
    const afterReopen = random.weighted<Step[]>([
      [[], 45],
      [["start"], 25],
      [["complete"], 25],
      [["skip"], 5],
    ]);
    return [finishingStep(random), "reopen", ...afterReopen];
  }
  if (random.chance(finishedProbability)) {
    return [finishingStep(random)];
  }
  if (random.chance(0.3)) {
    return ["start"];
  }
  return random.chance(0.15) ? ["touch"] : [];
}

/** Tells whether a task with these changes ends PENDING: never finished, or finished and reopened. */
function leavesPending(steps: readonly Step[]): boolean {
  const last = steps[steps.length - 1];
  return last === undefined || last === "touch" || last === "reopen";
}

/**
 * Plans the history of one task and returns the columns it leaves behind. Every time is
 * after `createdAt` and before DATASET_NOW: when the sampled durations do not fit, they
 * are scaled down together, which keeps their order.
 */
export function planTaskLifecycle(input: LifecycleInput, random: SeededRandom): TaskLifecycle {
  const steps = chooseSteps(input.createdAt, random);
  if (!input.pendingAllowed && leavesPending(steps)) {
    steps.push("start");
  }
  const durations = steps.map((step) => durationOf(step, random));

  const available = DATASET_NOW - 1 - input.createdAt;
  const total = durations.reduce((sum, duration) => sum + duration, 0);
  const scale = total > available ? available / total : 1;

  const lifecycle: TaskLifecycle = {
    status: "PENDING",
    disposition: null,
    reopenedAt: null,
    reopenReason: null,
    skippedAt: null,
    completedAt: null,
    updatedAt: input.createdAt,
    version: 1,
  };

  let time = input.createdAt;
  steps.forEach((step, index) => {
    time += Math.floor(durations[index]! * scale);
    lifecycle.updatedAt = time;
    lifecycle.version += 1;

    switch (step) {
      case "complete":
        lifecycle.status = "COMPLETED";
        lifecycle.completedAt = time;
        lifecycle.disposition = input.isCall
          ? random.weighted([
              ["ANSWERED", 35],
              ["VOICEMAIL_LEFT", 35],
              ["NO_ANSWER", 30],
            ] as const)
          : null;
        break;
      case "skip":
        lifecycle.status = "SKIPPED";
        lifecycle.skippedAt = time;
        break;
      case "start":
        lifecycle.status = "IN_PROGRESS";
        break;
      case "touch":
        // Topo changed the task (its priority, say) without a change of status.
        break;
      case "reopen":
        // A reopen clears the earlier outcome, as POST /v1/tasks/{id}/reopen does.
        lifecycle.status = "PENDING";
        lifecycle.completedAt = null;
        lifecycle.skippedAt = null;
        lifecycle.disposition = null;
        lifecycle.reopenedAt = time;
        lifecycle.reopenReason = random.chance(0.3) ? "REMINDER_RULE" : null;
        break;
    }
  });

  return lifecycle;
}
