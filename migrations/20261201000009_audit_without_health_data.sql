-- An absence's reason ("malade"...) is health data: the append-only audit log must not keep it.
-- It now records that an absence was declared, not why (planning::service::declare_absence);
-- this scrubs the reasons logged before. The append-only trigger is lifted for this one
-- statement, inside the migration's transaction, and put back as it was.
DROP TRIGGER audit_log_no_update;

UPDATE audit_log SET detail = NULL WHERE action = 'absence.declare';

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
