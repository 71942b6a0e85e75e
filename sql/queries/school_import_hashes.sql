-- The files already imported (by content), so importing one again changes nothing.
SELECT sha256 FROM school_imports
