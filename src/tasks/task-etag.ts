import { strongEntityTag, type EntityTagCondition } from "../http/entity-tags";

// A task's ETag is its version, which goes up by one with every change. The version is
// enough because the task id is already in the URL.

const TAG_PREFIX = "v";
const VERSION_TAG = /^v([1-9]\d{0,14})$/;

export function taskETag(version: number): string {
  return strongEntityTag(`${TAG_PREFIX}${version}`);
}

function versionOf(opaque: string): number | undefined {
  const match = VERSION_TAG.exec(opaque);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The versions If-Match allows a change to start from, or undefined when any version will
 * do (no header, or "*"). If-Match compares strongly, so weak tags never match; a list with
 * no strong tag of ours yields no versions, and the change fails its precondition.
 */
export function versionsAllowedBy(ifMatch: EntityTagCondition | undefined): number[] | undefined {
  if (ifMatch === undefined || ifMatch.any) {
    return undefined;
  }
  return ifMatch.tags
    .filter((tag) => !tag.weak)
    .map((tag) => versionOf(tag.opaque))
    .filter((version) => version !== undefined);
}

/** Reports whether If-None-Match names the task's current version, comparing weakly. */
export function isCurrentVersion(ifNoneMatch: EntityTagCondition | undefined, version: number): boolean {
  if (ifNoneMatch === undefined) {
    return false;
  }
  return ifNoneMatch.any || ifNoneMatch.tags.some((tag) => versionOf(tag.opaque) === version);
}
