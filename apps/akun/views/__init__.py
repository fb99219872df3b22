"""Views of the akun app, split by concept: getting in (`masuk`), the holder's own account
(`profil`) and user management for admins (`pengguna`)."""
from .masuk import (
    Keluar,
    Masuk,
    OtpPasang,
    OtpVerifikasi,
    SandiLupa,
    SandiLupaTerkirim,
    SandiReset,
    SandiResetSelesai,
)
from .pengguna import (
    KeanggotaanCabut,
    KeanggotaanTambah,
    PenggunaBuat,
    PenggunaDetail,
    PenggunaList,
    PenggunaOtp,
    PenggunaSandi,
    PenggunaStatus,
    PilihanPeran,
)
from .profil import OtpMatikan, Profil, SandiGanti, TokenBuat, TokenCabut

__all__ = [
    "KeanggotaanCabut", "KeanggotaanTambah", "Keluar", "Masuk", "OtpMatikan", "OtpPasang", "OtpVerifikasi",
    "PenggunaBuat", "PenggunaDetail", "PenggunaList", "PenggunaOtp", "PenggunaSandi", "PenggunaStatus", "PilihanPeran",
    "Profil", "SandiGanti", "SandiLupa", "SandiLupaTerkirim", "SandiReset", "SandiResetSelesai",
    "TokenBuat", "TokenCabut",
]
