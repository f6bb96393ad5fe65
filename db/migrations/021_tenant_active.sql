-- Tenants can be deactivated (issue 17 item 4): a tenant who moved out is no longer texted (deliverSms suppresses the
-- text with reason tenant_inactive, as it does for an opt-out). Technicians have had `active` from the start.
ALTER TABLE tenants ADD COLUMN active boolean NOT NULL DEFAULT true;
