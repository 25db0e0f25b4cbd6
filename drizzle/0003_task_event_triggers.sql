-- These triggers write the task event log. Every change to a task appends its event in the
-- same statement, and so in the same transaction, as the change itself. So no code path can
-- change a task without an event, and no event exists for a change that was rolled back.
--
-- Each event takes the next number from task_event_counters (an upsert, so a workspace's
-- first event creates its row). D1 runs one write transaction at a time, so numbers follow
-- commit order and have no gaps.
--
-- "changes" contains [previous, new] for each field the change set. json_patch drops the
-- fields whose CASE gave NULL, that is those that kept their value. Event ids are random
-- UUIDs (version 4) built from randomblob, since SQLite has no UUID function.

CREATE TRIGGER `task_events_after_insert` AFTER INSERT ON `tasks`
BEGIN
  INSERT INTO task_event_counters (organization_id, last_sequence_number) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET last_sequence_number = last_sequence_number + 1;
  INSERT INTO task_events (organization_id, sequence_number, id, type, task_id, sequence_id, sequence_template_id, task_version, changes, task, actor_type, actor_api_key_id, occurred_at, recorded_at)
  SELECT
    NEW.organization_id,
    last_sequence_number,
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
    'task.created',
    NEW.id,
    NEW.sequence_id,
    NEW.sequence_template_id,
    NEW.version,
    json_patch('{}', json_object(
      'status', CASE WHEN NEW.status IS NOT NULL THEN json_array(NULL, NEW.status) END,
      'priority', CASE WHEN NEW.priority IS NOT NULL THEN json_array(NULL, NEW.priority) END,
      'assignee_user_id', CASE WHEN NEW.assignee_user_id IS NOT NULL THEN json_array(NULL, NEW.assignee_user_id) END,
      'disposition', CASE WHEN NEW.disposition IS NOT NULL THEN json_array(NULL, NEW.disposition) END,
      'reopened_at', CASE WHEN NEW.reopened_at IS NOT NULL THEN json_array(NULL, NEW.reopened_at) END,
      'reopen_reason', CASE WHEN NEW.reopen_reason IS NOT NULL THEN json_array(NULL, NEW.reopen_reason) END,
      'skipped_at', CASE WHEN NEW.skipped_at IS NOT NULL THEN json_array(NULL, NEW.skipped_at) END,
      'completed_at', CASE WHEN NEW.completed_at IS NOT NULL THEN json_array(NULL, NEW.completed_at) END
    )),
    json_object(
      'id', NEW.id,
      'organizationId', NEW.organization_id,
      'sequenceId', NEW.sequence_id,
      'sequenceTemplateId', NEW.sequence_template_id,
      'type', NEW.type,
      'priority', NEW.priority,
      'status', NEW.status,
      'assigneeUserId', NEW.assignee_user_id,
      'disposition', NEW.disposition,
      'reopenedAt', NEW.reopened_at,
      'reopenReason', NEW.reopen_reason,
      'skippedAt', NEW.skipped_at,
      'completedAt', NEW.completed_at,
      'createdAt', NEW.created_at,
      'updatedAt', NEW.updated_at,
      'version', NEW.version,
      'changedByApiKeyId', NEW.changed_by_api_key_id
    ),
    'SEQUENCE',
    NULL,
    NEW.created_at,
    CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
  FROM task_event_counters
  WHERE organization_id = NEW.organization_id;
END;
--> statement-breakpoint
-- A change is an update that raises the version; the event type follows from the new
-- status, or from the assignee when the status stayed. Any other kind of change has no
-- type, so the NOT NULL constraint fails it until it gets one.
CREATE TRIGGER `task_events_after_update` AFTER UPDATE ON `tasks`
FOR EACH ROW WHEN NEW.version IS NOT OLD.version
BEGIN
  INSERT INTO task_event_counters (organization_id, last_sequence_number) VALUES (NEW.organization_id, 1)
    ON CONFLICT (organization_id) DO UPDATE SET last_sequence_number = last_sequence_number + 1;
  INSERT INTO task_events (organization_id, sequence_number, id, type, task_id, sequence_id, sequence_template_id, task_version, changes, task, actor_type, actor_api_key_id, occurred_at, recorded_at)
  SELECT
    NEW.organization_id,
    last_sequence_number,
    lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
    CASE
      WHEN NEW.status IS NOT OLD.status THEN CASE NEW.status
        WHEN 'IN_PROGRESS' THEN 'task.started'
        WHEN 'COMPLETED' THEN 'task.completed'
        WHEN 'SKIPPED' THEN 'task.skipped'
        WHEN 'PENDING' THEN 'task.reopened'
      END
      WHEN NEW.assignee_user_id IS NOT OLD.assignee_user_id THEN 'task.reassigned'
    END,
    NEW.id,
    NEW.sequence_id,
    NEW.sequence_template_id,
    NEW.version,
    json_patch('{}', json_object(
      'status', CASE WHEN NEW.status IS NOT OLD.status THEN json_array(OLD.status, NEW.status) END,
      'priority', CASE WHEN NEW.priority IS NOT OLD.priority THEN json_array(OLD.priority, NEW.priority) END,
      'assignee_user_id', CASE WHEN NEW.assignee_user_id IS NOT OLD.assignee_user_id THEN json_array(OLD.assignee_user_id, NEW.assignee_user_id) END,
      'disposition', CASE WHEN NEW.disposition IS NOT OLD.disposition THEN json_array(OLD.disposition, NEW.disposition) END,
      'reopened_at', CASE WHEN NEW.reopened_at IS NOT OLD.reopened_at THEN json_array(OLD.reopened_at, NEW.reopened_at) END,
      'reopen_reason', CASE WHEN NEW.reopen_reason IS NOT OLD.reopen_reason THEN json_array(OLD.reopen_reason, NEW.reopen_reason) END,
      'skipped_at', CASE WHEN NEW.skipped_at IS NOT OLD.skipped_at THEN json_array(OLD.skipped_at, NEW.skipped_at) END,
      'completed_at', CASE WHEN NEW.completed_at IS NOT OLD.completed_at THEN json_array(OLD.completed_at, NEW.completed_at) END
    )),
    json_object(
      'id', NEW.id,
      'organizationId', NEW.organization_id,
      'sequenceId', NEW.sequence_id,
      'sequenceTemplateId', NEW.sequence_template_id,
      'type', NEW.type,
      'priority', NEW.priority,
      'status', NEW.status,
      'assigneeUserId', NEW.assignee_user_id,
      'disposition', NEW.disposition,
      'reopenedAt', NEW.reopened_at,
      'reopenReason', NEW.reopen_reason,
      'skippedAt', NEW.skipped_at,
      'completedAt', NEW.completed_at,
      'createdAt', NEW.created_at,
      'updatedAt', NEW.updated_at,
      'version', NEW.version,
      'changedByApiKeyId', NEW.changed_by_api_key_id
    ),
    CASE WHEN NEW.changed_by_api_key_id IS NULL THEN 'SEQUENCE' ELSE 'API_KEY' END,
    NEW.changed_by_api_key_id,
    NEW.updated_at,
    CAST(ROUND((julianday('now') - 2440587.5) * 86400000) AS INTEGER)
  FROM task_event_counters
  WHERE organization_id = NEW.organization_id;
END;
