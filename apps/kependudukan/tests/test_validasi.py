"""Stories of the NIK and No KK checks: what is refused, what only warns."""
import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.kependudukan.validasi import nik_rentang, normalisasi_nama, periksa_nik, periksa_no_kk

LAHIR = datetime.date(1990, 1, 15)


def test_name_search_form_ignores_case_accents_and_punctuation():
    assert normalisasi_nama("  MA'RUF   Amîn ") == "maruf amin"
    assert normalisasi_nama("Muh. Ali-Akbar") == "muh ali akbar"
    assert normalisasi_nama("Ma’ruf") == normalisasi_nama("maruf")


def test_valid_nik_of_a_man_has_no_warnings():
    assert periksa_nik("6207011501900001", tanggal_lahir=LAHIR, jenis_kelamin=1) == []


def test_woman_nik_adds_forty_to_the_day():
    assert periksa_nik("6207015501900001", tanggal_lahir=LAHIR, jenis_kelamin=2) == []


@pytest.mark.parametrize("nik, alasan", [
    ("620701150190000", "16 angka"),
    ("62070115019000a1", "16 angka"),
    ("0007011501900001", "provinsi"),
    ("9907011501900001", "provinsi"),
    ("6200011501900001", "00"),
    ("6207001501900001", "00"),
    ("6207013201900001", "bukan tanggal"),
    ("6207017201900001", "bukan tanggal"),  # 72 - 40 = 32
    ("6207011513900001", "bukan tanggal"),
    ("6207013002900001", "bukan tanggal"),  # 30 February
    ("6207012902010001", "bukan tanggal"),  # 29 February 1901/2001
    ("6207011501900000", "0001"),
])
def test_malformed_nik_is_refused_with_the_reason(nik, alasan):
    with pytest.raises(ValidationError) as exc:
        periksa_nik(nik, tanggal_lahir=LAHIR, jenis_kelamin=1)
    assert alasan in " ".join(exc.value.message_dict["nik"])


def test_29_february_2000_is_a_real_date():
    assert periksa_nik("6207012902000001", tanggal_lahir=datetime.date(2000, 2, 29), jenis_kelamin=1) == []


def test_date_part_that_disagrees_with_birth_date_only_warns():
    warnings = periksa_nik("6207011501900001", tanggal_lahir=datetime.date(1990, 1, 16), jenis_kelamin=1)
    assert len(warnings) == 1 and "berbeda dengan tanggal lahir" in warnings[0]


def test_woman_recorded_with_a_man_nik_warns_about_sex():
    warnings = periksa_nik("6207011501900001", tanggal_lahir=LAHIR, jenis_kelamin=2)
    assert len(warnings) == 1 and "laki-laki" in warnings[0] and "perempuan" in warnings[0]


def test_nik_first_registered_outside_the_kabupaten_warns_when_region_given():
    warnings = periksa_nik("3301011501900001", tanggal_lahir=LAHIR, jenis_kelamin=1, kode_wilayah="62.07.01.2005.01")
    assert any("33.01.01" in w for w in warnings)
    assert periksa_nik("6207021501900001", tanggal_lahir=LAHIR, jenis_kelamin=1, kode_wilayah="62.07.01.2005") == []


def test_no_kk_needs_16_digits_and_a_region():
    periksa_no_kk("6207010101200001")
    for bad in ("620701010120000", "0007010101200001", "6207000101200001"):
        with pytest.raises(ValidationError) as exc:
            periksa_no_kk(bad)
        assert "no_kk" in exc.value.message_dict


def test_number_prefix_becomes_an_index_friendly_range():
    assert nik_rentang("6207") == ("6207000000000000", "6207999999999999")
    assert nik_rentang("6207011501900001") == ("6207011501900001", "6207011501900001")
    assert nik_rentang("62x") is None and nik_rentang("1" * 17) is None


def test_digits_from_other_scripts_are_not_accepted_as_a_nik():
    """Arabic-Indic digits pass \\d and int(): they would make a second row for an existing NIK."""
    import datetime

    import pytest
    from django.core.exceptions import ValidationError

    from apps.kependudukan.validasi import periksa_nik

    with pytest.raises(ValidationError):
        periksa_nik("6207٠١٥٩٠٤٨٨٠٠٠١", tanggal_lahir=datetime.date(1988, 4, 19), jenis_kelamin=2)


def test_a_temporary_nik_must_come_from_the_village_own_series():
    from apps.kependudukan.validasi import periksa_nik_sementara

    periksa_nik_sementara("0620701200500001", "62.07.01.2005")
    with pytest.raises(ValidationError) as exc:  # desa 2006's series, written by desa 2005
        periksa_nik_sementara("0620701200699999", "62.07.01.2005")
    assert "06207012005" in exc.value.message_dict["nik"][0]
