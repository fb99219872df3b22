"""Pages of the surat app: alur.py (the staff workflow), batch.py (surat massal), mandiri*.py
(layanan mandiri) and the template/archive pages; URL modules import the module they need."""
