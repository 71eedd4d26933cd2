-- Operators replace the password an administrator gave them. createOperator and
-- resetOperatorPassword set must_change_password; while it is set the operator's
-- session can only read the viewer, change the password and sign out. The change
-- (changePassword) clears it and records password_changed_at. Existing operators
-- (the demo ones included) are not forced to change.
ALTER TABLE operator
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at  timestamptz;
