"""Views of the dokumen app: public verification (`verifikasi`) and staff signing pages (`tte`)."""
