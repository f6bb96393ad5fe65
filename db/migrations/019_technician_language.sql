-- Technicians are texted in their own language (issue 16: each change that concerns them, in the technician's language).
ALTER TABLE technicians ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
